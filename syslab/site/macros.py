"""mkdocs-macros variables for pages that opt in with `render_macros: true` (the home page's live counts, the
distributed systems track's table of simulator models)."""

from __future__ import annotations

from typing import Any

from syslab.sim.registry import MODELS
from syslab.site import state
from syslab.stats import bank_stats


def define_env(env: Any) -> None:
    """Register `bank` (the bank's counts, see `syslab.stats.BankStats`), `tracks` (slug -> title) and `sim_models`."""

    @env.macro
    def bank() -> Any:
        return bank_stats(state.questions())

    @env.macro
    def tracks() -> dict[str, str]:
        return state.taxonomy().tracks

    @env.macro
    def sim_models() -> str:
        """A Markdown table of the registered simulator models: nodes, checked properties, broken variants."""
        rows = ["| model | nodes | properties checked on every run | broken variants (and what catches them) |"]
        rows.append("|---|---|---|---|")
        for name, cls in sorted(MODELS.items()):
            broken = ", ".join(f"`{case.variant}` ({case.prop})" for case in cls.broken) or "none"
            props = ", ".join(cls.properties)
            rows.append(f"| `{name}` | {cls.default_nodes} | {props} | {broken} |")
        return "\n".join(rows)
