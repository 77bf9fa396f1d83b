"""Counts of the question bank by track, topic, level, difficulty and type: `make stats` and the home page use them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from syslab.questions import DIFFICULTIES, LEVELS, TYPES, Question


@dataclass(frozen=True)
class BankStats:
    """How many questions there are, broken down every way the site shows."""

    total: int
    gradable: int
    by_track: dict[str, int]
    by_topic: dict[tuple[str, str], int]
    by_level: dict[str, int]
    by_difficulty: dict[str, int]
    by_type: dict[str, int]


def bank_stats(questions: list[Question]) -> BankStats:
    """Count the bank (every level, difficulty and type appears, with 0 when unused)."""
    return BankStats(
        total=len(questions),
        gradable=sum(q.gradable for q in questions),
        by_track=dict(sorted(Counter(q.track for q in questions).items())),
        by_topic=dict(sorted(Counter((q.track, q.topic) for q in questions).items())),
        by_level={level: sum(q.level == level for q in questions) for level in LEVELS},
        by_difficulty={d: sum(q.difficulty == d for q in questions) for d in DIFFICULTIES},
        by_type={t: sum(q.type == t for q in questions) for t in TYPES},
    )


def format_stats(stats: BankStats) -> str:
    """The counts as plain-text tables."""
    lines = [f"questions: {stats.total} ({stats.gradable} graded automatically)", ""]

    def table(title: str, counts: dict) -> None:
        lines.append(title)
        width = max((len(str(key)) for key in counts), default=0)
        for key, count in counts.items():
            name = "/".join(key) if isinstance(key, tuple) else key
            lines.append(f"  {name:<{max(width, 12)}} {count:>5}")
        lines.append("")

    table("by track", stats.by_track)
    table("by topic", stats.by_topic)
    table("by level", stats.by_level)
    table("by difficulty", stats.by_difficulty)
    table("by type", stats.by_type)
    return "\n".join(lines).rstrip() + "\n"
