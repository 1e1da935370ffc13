"""One module per reproduced paper; see :mod:`landauer.reproduce` for the interface."""
