"""mkdocs-macros variables for pages that opt in with `render_macros: true` (the home page's live counts)."""

from __future__ import annotations

from typing import Any

from syslab.site import state
from syslab.stats import bank_stats


def define_env(env: Any) -> None:
    """Register `bank` (the bank's counts, see `syslab.stats.BankStats`) and `tracks` (slug -> title)."""

    @env.macro
    def bank() -> Any:
        return bank_stats(state.questions())

    @env.macro
    def tracks() -> dict[str, str]:
        return state.taxonomy().tracks
