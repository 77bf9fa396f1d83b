"""Pages generated from the question bank at build time: one page per question, an index page per track and per
topic (with client-side filters), the bank's overview page, and `assets/question-bank.json`, the index that the
progress, review and mock-interview pages read."""

from __future__ import annotations

import json
from html import escape

from syslab.questions import Question, Taxonomy
from syslab.site.question_blocks import TYPE_LABELS, page_url, relative_url
from syslab.stats import bank_stats

QUESTIONS_DIR = "questions"
"""Where the generated pages live in the site (and in the docs namespace)."""


def question_page(question: Question) -> str:
    """Markdown of a question's page: its title and the `question` fence, which renders everything else."""
    return f"---\ntitle: {json.dumps(question.title)}\n---\n\n# {question.title}\n\n```question\n{question.id}\n```\n"


def _table(questions: list[Question], page: str, show_track: bool, show_topic: bool, taxonomy: Taxonomy) -> str:
    here = page_url(page)
    head = "<th>Question</th>" + ("<th>Track</th>" if show_track else "") + ("<th>Topic</th>" if show_topic else "")
    head += "<th>Level</th><th>Difficulty</th><th>Type</th><th>Status</th>"
    rows = []
    for q in questions:
        data = {
            "data-question-id": q.id,
            "data-track": q.track,
            "data-topic": q.topic,
            "data-level": q.level,
            "data-difficulty": q.difficulty,
            "data-type": q.type,
            "data-tags": json.dumps(list(q.tags)),
            "data-aws": json.dumps(list(q.aws)),
        }
        attrs = " ".join(f'{key}="{escape(value)}"' for key, value in data.items())
        cells = f'<td><a href="{escape(relative_url(q.url_path, here))}">{escape(q.title)}</a></td>'
        if show_track:
            cells += f"<td>{escape(taxonomy.tracks[q.track])}</td>"
        if show_topic:
            cells += f"<td>{escape(taxonomy.topics[q.track][q.topic])}</td>"
        cells += f"<td>{q.level}</td><td>{q.difficulty}</td><td>{TYPE_LABELS[q.type]}</td>"
        cells += '<td class="sl-bank__status" data-status>new</td>'
        rows.append(f"<tr {attrs}>{cells}</tr>")
    return (
        '<div class="sl-bank"><div class="sl-bank__filters" aria-label="Filter questions"></div>'
        '<p class="sl-bank__count" aria-live="polite"></p><div class="sl-bank__table">'
        f'<table class="sl-bank__list"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div></div>'
    )


def _counts_line(questions: list[Question]) -> str:
    stats = bank_stats(questions)
    kinds = ", ".join(f"{count} {TYPE_LABELS[t].lower()}" for t, count in stats.by_type.items() if count)
    levels = ", ".join(f"{count} at {level}" for level, count in stats.by_level.items() if count)
    return f"{stats.total} questions ({kinds}); {levels}."


def index_pages(questions: list[Question], taxonomy: Taxonomy) -> dict[str, str]:
    """Markdown of the bank's overview page and of each track's and topic's index page, by docs path."""
    pages: dict[str, str] = {}
    overview = f"{QUESTIONS_DIR}/index.md"
    track_rows = []
    for track, title in taxonomy.tracks.items():
        in_track = [q for q in questions if q.track == track]
        track_page = f"{QUESTIONS_DIR}/{track}/index.md"
        track_rows.append(f"| [{title}]({track}/index.md) | {len(in_track)} | {sum(q.gradable for q in in_track)} |")
        topic_lines = []
        for topic, topic_title in taxonomy.topics[track].items():
            in_topic = [q for q in in_track if q.topic == topic]
            topic_page = f"{QUESTIONS_DIR}/{track}/{topic}/index.md"
            topic_lines.append(f"- [{topic_title}]({topic}/index.md): {len(in_topic)} questions")
            body = _counts_line(in_topic) if in_topic else "No questions in this topic yet."
            pages[topic_page] = (
                f"# {topic_title}\n\n{title} questions on {topic_title.lower()}. {body}\n\n"
                + (_table(in_topic, topic_page, False, False, taxonomy) if in_topic else "")
                + "\n"
            )
        pages[track_page] = (
            f"# {title} questions\n\n{_counts_line(in_track) if in_track else 'No questions yet.'}\n\n"
            "Topics:\n\n"
            + "\n".join(topic_lines)
            + "\n\n"
            + (_table(in_track, track_page, False, True, taxonomy) if in_track else "")
            + "\n"
        )
    pages[overview] = (
        "# Question bank\n\n"
        "Every question has a page with hints you open one at a time and an answer hidden until you ask for it. "
        "SQL and Python answers are graded in your browser; concept and design answers you score against the "
        "interviewer's rubric; multiple-choice questions explain every option. Your progress stays in this browser "
        "(see [Progress](../practice/progress.md)).\n\n"
        f"{_counts_line(questions)}\n\n"
        "| Track | Questions | Graded automatically |\n|---|---|---|\n" + "\n".join(track_rows) + "\n\n"
        "## All questions\n\n" + _table(questions, overview, True, True, taxonomy) + "\n"
    )
    return pages


def bank_index(questions: list[Question], taxonomy: Taxonomy) -> str:
    """`assets/question-bank.json`: every question's metadata and URL, for the practice pages."""
    data = {
        "tracks": {
            track: {"title": title, "topics": taxonomy.topics[track]} for track, title in taxonomy.tracks.items()
        },
        "questions": [
            {
                "id": q.id,
                "title": q.title,
                "track": q.track,
                "topic": q.topic,
                "level": q.level,
                "difficulty": q.difficulty,
                "type": q.type,
                "tags": list(q.tags),
                "aws": list(q.aws),
                "gradable": q.gradable,
                "url": q.url_path,
                "lesson_url": page_url(q.lesson) if q.lesson else None,
            }
            for q in questions
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)
