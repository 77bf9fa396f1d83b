"""MkDocs hooks (registered in mkdocs.yml): load and validate the snippets and the question bank, generate the
question pages, index pages, flashcard decks and the bank's JSON index, tell pages where the runtimes are, and ship
the datasets with the site.

A bad content file stops the build with a message that names it (see `syslab.errors.ContentError`).
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

import syslab
from syslab.datasets import dataset_names, dataset_sql
from syslab.errors import ContentError
from syslab.site import state
from syslab.site.anki import build_deck, deck_file_name, flashcards_page
from syslab.site.question_pages import QUESTIONS_DIR, bank_index, index_pages, question_page

log = logging.getLogger("mkdocs.plugins.syslab")

WHEEL_DIR = "assets/vendor/wheels"
"""Where `make wheel` puts the syslab wheel, relative to docs/."""


def wheel_path() -> str:
    """The syslab wheel's path relative to the site root."""
    return f"{WHEEL_DIR}/syslab-{syslab.__version__}-py3-none-any.whl"


def sqlglot_wheel_path() -> str:
    """The vendored sqlglot wheel's path relative to the site root (the version the environment runs)."""
    import sqlglot

    return f"{WHEEL_DIR}/sqlglot-{sqlglot.__version__}-py3-none-any.whl"


def on_config(config: Any) -> Any:
    """Validate every snippet and check that the runtimes were vendored."""
    root = Path(config.config_file_path).resolve().parent
    questions_root = Path(os.environ.get("SYSLAB_QUESTIONS_DIR") or root / "questions")
    try:
        library = state.load(root / "snippets")
        state.load_questions(questions_root, Path(config.docs_dir))
    except ContentError as error:
        raise PluginError(f"bad content file: {error}") from error
    docs = Path(config.docs_dir)
    needed = ("assets/vendor/versions.json", wheel_path(), sqlglot_wheel_path())
    missing = [path for path in needed if not (docs / path).exists()]
    if missing:
        raise PluginError(f"missing {', '.join(missing)} under {docs}: run `make vendor` (or any make target) first")
    config.extra.setdefault("syslab", {})
    config.extra["syslab"]["wheel"] = wheel_path()
    config.extra["syslab"]["sqlglot_wheel"] = sqlglot_wheel_path()
    config.extra["syslab"].setdefault("timeout", 10)
    log.info(
        "syslab: %d snippets, %d questions, datasets: %s",
        len(library),
        len(state.questions()),
        ", ".join(sorted(dataset_names())),
    )
    return config


def on_files(files: Files, config: Any) -> Files:
    """Add the generated pages and assets: question pages, index pages, flashcards, decks, the bank index."""
    questions, taxonomy = state.questions(), state.taxonomy()
    generated: dict[str, str | bytes] = {
        f"{QUESTIONS_DIR}/{q.track}/{q.topic}/{q.id}.md": question_page(q) for q in questions
    }
    generated.update(index_pages(questions, taxonomy))
    generated["practice/flashcards.md"] = flashcards_page(questions, taxonomy)
    generated["assets/question-bank.json"] = bank_index(questions, taxonomy)
    for track in taxonomy.tracks:
        in_track = [q for q in questions if q.track == track]
        if in_track:
            generated[f"assets/decks/{deck_file_name(track)}"] = build_deck(track, in_track, taxonomy)
    for path, content in generated.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} would be overwritten by a generated page: move or rename it")
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    """Remember the page being rendered, so fence errors can name it."""
    state.set_page(f"docs/{page.file.src_uri}")
    return markdown


def on_post_build(config: Any) -> None:
    """Ship each dataset's SQL for the browser, and warn (an error under --strict) about snippets no page uses."""
    target = Path(config.site_dir) / "assets" / "datasets"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in sorted(dataset_names()):
        (target / f"{name}.sql").write_text(dataset_sql(name), encoding="utf-8")
    for name in state.unused():
        log.warning("snippets/%s is not used by any page: include it with a `run` fence or delete it", name)
