"""Anki decks of the question bank, one per track, generated at build time with genanki.

Each note's front is the question (title, level, prompt, and the options of a choice question); the back is the
answer and its explanation. Note ids come from the question ids, so re-importing an updated deck updates the notes
instead of duplicating them.
"""

from __future__ import annotations

import tempfile
import zlib
from html import escape
from pathlib import Path

import genanki

from syslab.questions import Question, Taxonomy
from syslab.site.question_blocks import TYPE_LABELS, markdown_html

MODEL_ID = 1_619_240_611
"""A fixed id for the note type, so every build produces the same model (Anki matches models by id)."""

CSS = """
.card { font-family: system-ui, sans-serif; font-size: 17px; line-height: 1.5; text-align: left; max-width: 46em; }
.meta { color: #666; font-size: 13px; }
pre { background: #f5f5f5; padding: 8px; overflow-x: auto; font-size: 14px; }
code { font-family: ui-monospace, monospace; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 2px 6px; }
"""

MODEL = genanki.Model(
    MODEL_ID,
    "Systems Lab question",
    fields=[{"name": "Id"}, {"name": "Front"}, {"name": "Back"}],
    templates=[
        {
            "name": "Question",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Back}}',
        }
    ],
    css=CSS,
    sort_field_index=0,
)


def deck_file_name(track: str) -> str:
    """The deck's file name in the site (under assets/decks/)."""
    return f"systems-lab-{track}.apkg"


def _front(question: Question) -> str:
    meta = f"{question.level} · {question.difficulty} · {TYPE_LABELS[question.type]}"
    html = f'<div class="meta">{escape(meta)}</div><h3>{escape(question.title)}</h3>{markdown_html(question.prompt)}'
    if question.type == "choice":
        html += "<ol>" + "".join(f"<li>{markdown_html(option.text)}</li>" for option in question.options) + "</ol>"
    return html


def _back(question: Question) -> str:
    if question.type in ("sql", "python"):
        answer = markdown_html(f"```{question.type}\n{question.answer}```")
    elif question.type == "choice":
        answer = (
            "<ul>"
            + "".join(
                f"<li><b>{'Correct' if option.correct else 'Wrong'}</b>: {markdown_html(option.text)}"
                f"{markdown_html(option.why)}</li>"
                for option in question.options
            )
            + "</ul>"
        )
    else:
        answer = markdown_html(question.answer)
    return f"{answer}<h4>Why</h4>{markdown_html(question.explanation)}"


def build_deck(track: str, questions: list[Question], taxonomy: Taxonomy) -> bytes:
    """The .apkg file of one track's questions."""
    deck = genanki.Deck(zlib.crc32(f"systems-lab/{track}".encode()), f"Systems Lab::{taxonomy.tracks[track]}")
    for question in questions:
        deck.add_note(
            genanki.Note(
                model=MODEL,
                fields=[question.id, _front(question), _back(question)],
                guid=genanki.guid_for("systems-lab", question.id),
                tags=[f"systems-lab::{track}::{question.topic}", question.level, question.type, *question.tags],
            )
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / deck_file_name(track)
        genanki.Package(deck).write_to_file(path)
        return path.read_bytes()


def flashcards_page(questions: list[Question], taxonomy: Taxonomy) -> str:
    """Markdown of the Flashcards page, linking each track's deck."""
    rows = []
    for track, title in taxonomy.tracks.items():
        count = sum(q.track == track for q in questions)
        if count:
            rows.append(f"| {title} | {count} | [{deck_file_name(track)}](../assets/decks/{deck_file_name(track)}) |")
    return (
        "# Flashcards\n\n"
        "Every question in the bank is also a flashcard for [Anki](https://apps.ankiweb.net/), the free spaced-"
        "repetition app, so you can review on your phone or offline. A card's front is the question (with the options "
        "of a multiple-choice question); its back is the answer and why. Import a deck with *File > Import*; importing "
        "a newer deck later updates your cards instead of duplicating them, and keeps your review history.\n\n"
        "| Track | Cards | Deck |\n|---|---|---|\n" + "\n".join(rows) + "\n\n"
        "The decks are built from the same files as the site, every time the site is built. In the site itself, the "
        "[review queue](review.md) schedules concept, design and multiple-choice questions for you.\n"
    )
