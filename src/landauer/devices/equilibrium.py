"""Boltzmann initial conditions ``P(x) ~ exp(-U(x; c)/kT)`` for a device, sampled on a grid over its box.

1-D: inverse-CDF sampling of the trapezoidal density on 20001 points (as
:func:`landauer.engine.equilibrium.boltzmann_samples_1d`), exact up to the grid spacing.
2-D and 3-D: a grid cell is drawn with probability ``exp(-U(centre)/kT)`` (401^2 or 81^3 cells) and the
point uniformly inside it: the density is exact to ``O(h^2)`` in every moment (h the cell size).
The grid must cover the thermally accessible region; :func:`boltzmann_samples` checks that the
density at the box edge is below ``exp(-25)`` of its peak. More dimensions are not supported here
(give ``x0`` explicitly).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import NDArray

from landauer.devices.device import Device
from landauer.validation import ParameterError, check_int, check_positive

Array = NDArray[np.float64]
EDGE_KT = 25.0


def boltzmann_samples(device: Device, *, n: int, seed: int, kT: float = 1.0,
                      controls: Mapping[str, float] | None = None) -> Array:
    """``n`` samples of the Boltzmann distribution of ``device`` at ``controls`` (rest by default),
    shape ``(n, ndim)``; see module docstring."""
    n = check_int("n", n, minimum=1)
    check_positive("kT", kT)
    rng = np.random.default_rng(np.random.SeedSequence([int(seed), 0xB017]))
    pot = device.potential(controls)
    b = device.bounds
    if device.ndim == 1:
        x = np.linspace(b[0, 0], b[0, 1], 20001)
        u = pot.energies(x[:, None])
        _check_edges(u, np.array([0, -1]), kT, device)
        w = np.exp(-(u - u.min()) / kT)
        cdf = np.concatenate([[0.0], np.cumsum(0.5 * (w[1:] + w[:-1]) * np.diff(x))])
        cdf /= cdf[-1]
        return np.interp(rng.random(n), cdf, x)[:, None]
    if device.ndim > 3:
        raise ParameterError(f"equilibrium sampling on a grid supports up to 3 coordinates; {device.name} "
                             f"has {device.ndim}: give x0")
    m = {2: 401, 3: 81}[device.ndim]
    h = (b[:, 1] - b[:, 0]) / m
    axes = [lo + hi * (np.arange(m) + 0.5) for lo, hi in zip(b[:, 0], h, strict=True)]
    mesh = np.stack([g.ravel() for g in np.meshgrid(*axes, indexing="ij")], axis=1)
    u = pot.energies(mesh)
    edge = np.flatnonzero(np.any((mesh <= b[:, 0] + h) | (mesh >= b[:, 1] - h), axis=1))
    _check_edges(u, edge, kT, device)
    w = np.exp(-(u - u.min()) / kT)
    cells = rng.choice(mesh.shape[0], size=n, p=w / w.sum())
    return mesh[cells] + (rng.random((n, device.ndim)) - 0.5) * h


def _check_edges(u: Array, edge: NDArray[np.int64], kT: float, device: Device) -> None:
    if np.min(u[edge]) < u.min() + EDGE_KT * kT:
        raise ParameterError(f"device {device.name}: the Boltzmann density reaches the edge of its bounds "
                             f"{device.bounds.tolist()}; widen bounds")
