"""Two inductively coupled CJJ rf-SQUIDs: potentials, control-erase protocols, robustness and NAND.

Reference: C. Z. Pratt, K. J. Ray, J. P. Crutchfield, "Controlled erasure as a building block for
universal thermodynamically-robust superconducting computing", arXiv:2406.12153 (2024); device and
equations of motion: arXiv:2307.01926. Specification: specs/squid_ce.md.
"""

from landauer.models.squid.params import SquidParams, mqp_coded, mqp_like, qfp_like
from landauer.models.squid.potential import Controls, Shape, label, state_of
from landauer.models.squid.protocols import (
    ALL_CES,
    CE,
    EFFECTIVE,
    ROBUST,
    CEAmplitudes,
    Schedule,
    ce_protocol,
    parse_ce,
    sequence_protocol,
)

__all__ = [
    "ALL_CES",
    "CE",
    "CEAmplitudes",
    "Controls",
    "EFFECTIVE",
    "ROBUST",
    "Schedule",
    "Shape",
    "SquidParams",
    "ce_protocol",
    "label",
    "mqp_coded",
    "mqp_like",
    "parse_ce",
    "qfp_like",
    "sequence_protocol",
    "state_of",
]
