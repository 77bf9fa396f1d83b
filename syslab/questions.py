"""The question bank: one Markdown file per question under `questions/<track>/<topic>/<id>.md`.

A file is YAML front matter plus Markdown sections under level-2 headings (CONTRIBUTING.md lists them by type).
`load_bank()` reads and validates every file; any problem raises `ContentError` naming the file, the field and
what is wrong. The browser never imports this module (it needs PyYAML); grading code lives in `syslab.grading`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from syslab.errors import ContentError

LEVELS = ("L3", "L4", "L5", "L6")
DIFFICULTIES = ("easy", "medium", "hard")
TYPES = ("sql", "python", "concept", "design", "choice")
GRADABLE = ("sql", "python")
"""Types graded automatically against a reference (the others are self-graded or multiple choice)."""

FIELDS = {
    "id": "required",
    "title": "required",
    "track": "required",
    "topic": "required",
    "level": "required",
    "difficulty": "required",
    "type": "required",
    "tags": "optional",
    "aws": "optional",
    "dataset": "sql",
    "order_matters": "sql",
    "dialect_note": "sql",
    "lesson": "optional",
    "sources": "optional",
}
"""Front-matter fields: required for every question, optional, or only for SQL questions."""

COMMON_SECTIONS = {"Prompt": True, "Hints": False, "Explanation": True, "Follow-ups": False}
SECTIONS = {
    "sql": {"Answer": True, "Starter": False, "Wrong answers": True},
    "python": {"Starter": True, "Answer": True, "Tests": True, "Hidden tests": True, "Wrong answers": False},
    "concept": {"Answer": True, "Rubric": True},
    "design": {"Requirements": True, "Answer": True, "Rubric": True},
    "choice": {"Options": True},
}
"""Sections each type adds to `COMMON_SECTIONS`, with whether each is required."""

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([\w+-]*)[^\n]*$")
_ITEM = re.compile(r"^[-*]\s+(.*)$")
_OPTION = re.compile(r"^\[( |x|X)\]\s+(.*)$", re.S)


@dataclass(frozen=True)
class Source:
    """A public source a question relies on."""

    title: str
    url: str


@dataclass(frozen=True)
class CodeAnswer:
    """A code block with the sentence that introduces it (used for wrong answers)."""

    code: str
    note: str = ""


@dataclass(frozen=True)
class Option:
    """One option of a multiple-choice question."""

    text: str
    correct: bool
    why: str


@dataclass(frozen=True)
class Question:
    """One validated question. `answer` is the reference answer as text: the code of a SQL or Python question, the
    model answer of a concept or design question, the correct options (one per line) of a choice question."""

    id: str
    title: str
    track: str
    topic: str
    level: str
    difficulty: str
    type: str
    path: Path
    prompt: str
    answer: str
    explanation: str
    tags: tuple[str, ...] = ()
    aws: tuple[str, ...] = ()
    dataset: str | None = None
    order_matters: bool = False
    dialect_note: str | None = None
    """Why the PostgreSQL and MySQL versions of the SQL answer are not shown (see syslab.dialects)."""
    lesson: str | None = None
    sources: tuple[Source, ...] = ()
    hints: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()
    starter: str = ""
    wrong_answers: tuple[CodeAnswer, ...] = ()
    tests: str = ""
    hidden_tests: str = ""
    requirements: str = ""
    rubric: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    sections: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def gradable(self) -> bool:
        """True for the types graded automatically (sql, python)."""
        return self.type in GRADABLE

    @property
    def url_path(self) -> str:
        """The question page's path in the site, relative to the site root."""
        return f"questions/{self.track}/{self.topic}/{self.id}/"


@dataclass(frozen=True)
class Taxonomy:
    """Tracks and their topics, from `questions/tracks.yml`."""

    tracks: dict[str, str]
    """track slug -> title"""
    topics: dict[str, dict[str, str]]
    """track slug -> topic slug -> title"""


def load_taxonomy(root: Path) -> Taxonomy:
    """Read `tracks.yml` under the bank's root."""
    path = root / "tracks.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ContentError(path, f"cannot read the track list: {error}") from None
    tracks, topics = {}, {}
    for slug, entry in (data or {}).items():
        if not isinstance(entry, dict) or "title" not in entry or not isinstance(entry.get("topics"), dict):
            raise ContentError(path, f"track {slug!r} needs a `title` and a `topics` mapping")
        tracks[slug] = str(entry["title"])
        topics[slug] = {str(k): str(v) for k, v in entry["topics"].items()}
    return Taxonomy(tracks=tracks, topics=topics)


def split_sections(body: str) -> list[tuple[str, str, int]]:
    """Split Markdown into (heading, text, line) for each level-2 heading, ignoring headings inside code fences.
    Text before the first heading is returned under the heading ''."""
    sections: list[tuple[str, list[str], int]] = [("", [], 1)]
    fence: str | None = None
    for number, line in enumerate(body.splitlines(), start=1):
        match = _FENCE.match(line)
        if match:
            marker = match.group(2)
            if fence is None:
                fence = marker
            elif marker.startswith(fence[0]) and len(marker) >= len(fence):
                fence = None
        if fence is None and line.startswith("## "):
            sections.append((line[3:].strip(), [], number))
        else:
            sections[-1][1].append(line)
    return [(name, "\n".join(lines).strip(), line) for name, lines, line in sections]


def code_blocks(text: str) -> list[tuple[str, str, str]]:
    """Fenced code blocks in `text` as (language, code, the prose just before the block)."""
    blocks = []
    lines = text.splitlines()
    prose: list[str] = []
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if not match:
            if lines[index].strip():
                prose.append(lines[index].strip())
            index += 1
            continue
        marker, language = match.group(2), match.group(3)
        body = []
        index += 1
        while index < len(lines) and not (
            lines[index].strip().startswith(marker) and lines[index].strip().strip(marker[0]) == ""
        ):
            body.append(lines[index])
            index += 1
        index += 1
        blocks.append((language, "\n".join(body).strip("\n") + "\n", " ".join(prose)))
        prose = []
    return blocks


def bullet_items(text: str) -> list[str]:
    """Top-level bullet items of a Markdown list, each with its continuation lines (dedented)."""
    items: list[list[str]] = []
    for line in text.splitlines():
        match = _ITEM.match(line)
        if match:
            items.append([match.group(1)])
        elif items and (line.startswith((" ", "\t")) or not line.strip()):
            items[-1].append(line.strip() if line.strip() else "")
    return ["\n".join(item).strip() for item in items]


def _options(text: str, path: Path) -> tuple[Option, ...]:
    options = []
    for item in bullet_items(text):
        match = _OPTION.match(item)
        if not match:
            raise ContentError(path, f"section `Options`: each item starts with `[x]` or `[ ]`, not {item[:40]!r}")
        first, _, rest = match.group(2).partition("\n")
        why = [line[len("Why:") :].strip() for line in rest.splitlines() if line.strip().startswith("Why:")]
        extra = [line for line in rest.splitlines() if line.strip() and not line.strip().startswith("Why:")]
        if not why or not why[0]:
            raise ContentError(path, f"section `Options`: option {first[:40]!r} needs an indented `Why: ...` line")
        text_lines = [first.strip(), *extra]
        options.append(Option(text="\n".join(text_lines).strip(), correct=match.group(1) in "xX", why=why[0]))
    if len(options) < 2:
        raise ContentError(path, "section `Options`: a choice question needs at least two options")
    if not any(option.correct for option in options):
        raise ContentError(path, "section `Options`: mark at least one option correct with `[x]`")
    return tuple(options)


def _one_code_block(text: str, language: str, section: str, path: Path) -> str:
    blocks = [code for lang, code, _ in code_blocks(text) if lang == language]
    if len(blocks) != 1:
        raise ContentError(path, f"section `{section}`: expected exactly one ```{language} block, found {len(blocks)}")
    return blocks[0]


def _front_matter(text: str, path: Path) -> tuple[dict[str, Any], str, int]:
    if not text.startswith("---\n"):
        raise ContentError(path, "a question starts with YAML front matter between `---` lines", 1)
    end = text.find("\n---\n", 4)
    if end < 0:
        raise ContentError(path, "the front matter has no closing `---` line", 1)
    try:
        data = yaml.safe_load(text[4:end]) or {}
    except yaml.YAMLError as error:
        raise ContentError(path, f"front matter is not valid YAML: {error}", 1) from None
    if not isinstance(data, dict):
        raise ContentError(path, "front matter must be a mapping of fields", 1)
    return data, text[end + 5 :], text[: end + 5].count("\n") + 1


def _string_list(data: dict, key: str, path: Path) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ContentError(
            path,
            f"field `{key}`: expected a list of non-empty strings, got {value!r} "
            "(YAML reads a bare null, true, yes or no as a non-string: quote it)",
        )
    return tuple(value)


def parse_question(path: Path, root: Path, taxonomy: Taxonomy, datasets: set[str]) -> Question:
    """Read and validate one question file."""
    data, body, body_line = _front_matter(path.read_text(encoding="utf-8"), path)
    for key in data:
        if key not in FIELDS:
            raise ContentError(path, f"unknown field `{key}` (known: {', '.join(FIELDS)})")
    for key, kind in FIELDS.items():
        if kind == "required" and (key not in data or data[key] in (None, "")):
            raise ContentError(path, f"field `{key}` is required")
    qtype = data["type"]
    checks = {"level": LEVELS, "difficulty": DIFFICULTIES, "type": TYPES}
    for key, allowed in checks.items():
        if data[key] not in allowed:
            raise ContentError(path, f"field `{key}`: expected one of {', '.join(allowed)}, got {data[key]!r}")
    if qtype != "sql":
        for key in ("dataset", "order_matters", "dialect_note"):
            if key in data:
                raise ContentError(path, f"field `{key}` applies to sql questions only")
    qid, track, topic = str(data["id"]), str(data["track"]), str(data["topic"])
    if not _ID.match(qid):
        raise ContentError(path, f"field `id`: use lower-case words joined by hyphens, got {qid!r}")
    if track not in taxonomy.tracks:
        raise ContentError(path, f"field `track`: unknown track {track!r} (known: {', '.join(taxonomy.tracks)})")
    if topic not in taxonomy.topics[track]:
        known = ", ".join(taxonomy.topics[track])
        raise ContentError(path, f"field `topic`: unknown topic {topic!r} for track {track} (known: {known})")
    expected = root / track / topic / f"{qid}.md"
    if path.resolve() != expected.resolve():
        raise ContentError(path, f"the file must be at {expected.relative_to(root.parent)} (track/topic/id.md)")
    dataset = data.get("dataset")
    if qtype == "sql" and dataset not in datasets:
        raise ContentError(path, f"field `dataset`: unknown dataset {dataset!r} (known: {', '.join(sorted(datasets))})")
    order_matters = data.get("order_matters", False)
    if not isinstance(order_matters, bool):
        raise ContentError(path, f"field `order_matters`: expected true or false, got {order_matters!r}")
    sources = []
    for source in data.get("sources") or []:
        if (
            not isinstance(source, dict)
            or set(source) != {"title", "url"}
            or not str(source["url"]).startswith("https://")
        ):
            raise ContentError(path, f"field `sources`: each entry needs a `title` and an https `url`, got {source!r}")
        sources.append(Source(title=str(source["title"]), url=str(source["url"])))

    allowed = {**COMMON_SECTIONS, **SECTIONS[qtype]}
    sections: dict[str, str] = {}
    for name, text, line in split_sections(body):
        if name == "":
            if text:
                raise ContentError(path, "text before the first `## ` section; start with `## Prompt`", body_line)
            continue
        if name not in allowed:
            raise ContentError(
                path,
                f"unknown section `## {name}` for a {qtype} question (known: {', '.join(allowed)})",
                body_line + line - 1,
            )
        if name in sections:
            raise ContentError(path, f"section `## {name}` appears twice", body_line + line - 1)
        sections[name] = text
    for name, required in allowed.items():
        if required and not sections.get(name):
            raise ContentError(path, f"section `## {name}` is required for a {qtype} question and is missing or empty")

    fields: dict[str, Any] = {}
    if qtype in GRADABLE:
        fields["answer"] = _one_code_block(sections["Answer"], qtype, "Answer", path)
        if sections.get("Starter"):
            fields["starter"] = _one_code_block(sections["Starter"], qtype, "Starter", path)
        wrong = [
            CodeAnswer(code=code, note=note)
            for lang, code, note in code_blocks(sections.get("Wrong answers", ""))
            if lang == qtype
        ]
        if qtype == "sql" and not wrong:
            raise ContentError(path, "section `Wrong answers`: add at least one ```sql block the grader must reject")
        fields["wrong_answers"] = tuple(wrong)
        if qtype == "python":
            fields["tests"] = _one_code_block(sections["Tests"], "python", "Tests", path)
            fields["hidden_tests"] = _one_code_block(sections["Hidden tests"], "python", "Hidden tests", path)
    elif qtype == "choice":
        fields["options"] = _options(sections["Options"], path)
        fields["answer"] = "\n".join(option.text for option in fields["options"] if option.correct)
    else:
        fields["answer"] = sections["Answer"]
        fields["rubric"] = tuple(bullet_items(sections["Rubric"]))
        if not fields["rubric"]:
            raise ContentError(path, "section `Rubric`: write the points as a bulleted list")
        fields["requirements"] = sections.get("Requirements", "")
    return Question(
        id=qid,
        title=str(data["title"]),
        track=track,
        topic=topic,
        level=data["level"],
        difficulty=data["difficulty"],
        type=qtype,
        path=path,
        prompt=sections["Prompt"],
        explanation=sections["Explanation"],
        tags=_string_list(data, "tags", path),
        aws=_string_list(data, "aws", path),
        dataset=dataset,
        order_matters=order_matters,
        dialect_note=data.get("dialect_note"),
        lesson=data.get("lesson"),
        sources=tuple(sources),
        hints=tuple(bullet_items(sections.get("Hints", ""))),
        follow_ups=tuple(bullet_items(sections.get("Follow-ups", ""))),
        sections=sections,
        **fields,
    )


def load_bank(root: Path | str = "questions", docs: Path | str | None = None) -> list[Question]:
    """Every question under `root`, validated, sorted by track, topic, level and id.

    `docs` is the site's docs folder, used to check each question's `lesson` page exists (default: `root/../docs`
    when that folder exists).
    """
    from syslab.datasets import dataset_names

    root = Path(root)
    taxonomy = load_taxonomy(root)
    datasets = dataset_names()
    docs_dir = Path(docs) if docs is not None else root.parent / "docs"
    questions: list[Question] = []
    seen: dict[str, Path] = {}
    for path in sorted(root.rglob("*.md")):
        question = parse_question(path, root, taxonomy, datasets)
        if question.id in seen:
            raise ContentError(path, f"duplicate id {question.id!r}: also used by {seen[question.id]}")
        seen[question.id] = path
        if question.lesson and docs_dir.is_dir() and not (docs_dir / question.lesson).is_file():
            raise ContentError(path, f"field `lesson`: no page docs/{question.lesson}")
        questions.append(question)
    return sorted(questions, key=lambda q: (q.track, q.topic, LEVELS.index(q.level), q.id))
