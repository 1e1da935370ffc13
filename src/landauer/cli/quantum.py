"""``landauer quantum``: qubit erasure by a finite thermal XX chain (Goold et al., PRL 114, 060602)."""

from __future__ import annotations

import click

from landauer.cli._common import FLOAT, JSON, Count, check_out_file, emit, out_option, plan, real


@click.group("quantum")
def quantum() -> None:
    """Quantum Landauer erasure: heat, Delta S and the bounds B_Q and B_RW (energies in units of J)."""


@quantum.command("erase")
@click.option("--N", "N", type=Count(1), default=1, show_default=True, help="environment spins")
@click.option("-T", "--temperature", "temperature", type=real(0, lo_open=True, unit="J/k_B"), default=None,
              help="temperature k_B T / J (energies are in units of the chain coupling J); or --beta")
@click.option("--beta", type=real(0, lo_open=True, unit="1/J"), default=None,
              help="inverse temperature (1/J) [default: 1]; or -T")
@click.option("--alpha", type=real(0.0, 1.0), default=0.95, show_default=True, help="amplitude of |1> in [0, 1]")
@click.option("--Jt", "Jt", type=FLOAT, default=7.0, show_default=True, help="interaction time J t")
@click.option("--J0", "J0", type=FLOAT, default=0.1, show_default=True, help="system-chain coupling (J)")
@click.option("--B", "B", type=FLOAT, default=1.0, show_default=True, help="chain field (J)")
@click.option("--B0", "B0", type=FLOAT, default=1.0, show_default=True, help="system field (J)")
@click.option("--method", type=click.Choice(["exact", "free-fermion", "closed-form"]), default="exact",
              show_default=True)
@click.option("--d", "d", type=real(1.0), default=None, help="reservoir dimension in B_RW [default: 2^N]")
@JSON
@out_option()
def erase_cmd(N: int, temperature: float | None, beta: float | None, alpha: float, Jt: float, J0: float, B: float,
              B0: float, method: str, d: float | None, as_json: bool, out_file: str | None) -> None:
    """Erase a qubit prepared in alpha|1> + sqrt(1-alpha^2)|0> by coupling it to the chain for Jt."""
    from landauer.models.quantum import XXChainModel
    from landauer.models.quantum.api import erase

    if temperature is not None and beta is not None:
        raise click.UsageError("give the temperature once: -T/--temperature (k_B T / J) or --beta (J / k_B T)")
    beta = 1.0 / temperature if temperature is not None else (1.0 if beta is None else beta)
    check_out_file(out_file)
    if method == "free-fermion":
        # (2N+2)-dimensional single-particle matrices, complex, a handful of copies; O(N^3) eigensolves
        m = 2.0 * N + 2.0
        plan(memory=m * m * 16 * 8, seconds=m**3 * 40 / 1e9, flags="--N",
             what=f"the free-fermion evolution ({N} spins)")

    model = XXChainModel(N=N, beta=beta, B0=B0, B=B, J0=J0)
    r = erase(model, Jt=Jt, alpha=alpha, method=method, d=d)
    out = {
        "method": r.method, "N": N, "beta": beta, "alpha": alpha, "Jt": Jt,
        "beta_Q": r.beta_heat, "B_Q": r.B_Q, "S_final": r.entropy_final, "delta_S": r.delta_S,
        "B_RW": r.B_RW, "d": r.d, "log_d": r.log_d, "R": r.R,
        "mean_exp_minus_beta_Q": r.mean_exp_heat,
        "abs_phi": None if r.phi is None else abs(r.phi),
        "phi_re": None if r.phi is None else r.phi.real,
        "phi_im": None if r.phi is None else r.phi.imag,
        "p": r.p,
    }
    if r.mutual_information is not None:
        out["mutual_information"] = r.mutual_information
        out["relative_entropy"] = r.relative_entropy
    emit(out, as_json=as_json, title=f"quantum erasure (N = {N}, beta J = {beta:g}, Jt = {Jt:g})", out_file=out_file)


def register(group: click.Group) -> None:
    group.add_command(quantum)
