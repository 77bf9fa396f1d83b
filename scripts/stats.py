"""Print the question bank's counts (`make stats`): per track, topic, level, difficulty and type."""

from __future__ import annotations

import sys
from pathlib import Path

from syslab.questions import load_bank
from syslab.stats import bank_stats, format_stats

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    sys.stdout.write(format_stats(bank_stats(load_bank(ROOT / "questions"))))
