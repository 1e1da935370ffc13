"""Built-in point functions, one module per substrate (importing this package registers them all)."""

from landauer.sweep.builtin import aqfp, double_well, erase, mtj, quantum, squid, transport

__all__ = ["aqfp", "double_well", "erase", "mtj", "quantum", "squid", "transport"]
