"""Content rules: snippet headers, chains, datasets, the `run` fence, orphans and coverage."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import markdown
import pytest
from pymdownx.superfences import SuperFencesException

from syslab.datasets import dataset_names, dataset_sql, seed_statement
from syslab.errors import ContentError
from syslab.site import state
from syslab.site.fence import format_run
from syslab.snippets import SnippetLibrary, parse_snippet

ROOT = Path(__file__).resolve().parent.parent
RUN_FENCE = re.compile(r"^(\s*)```run\s*\n\s*(\S+)\s*\n\s*```", re.M)


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_header_is_parsed_and_stripped(tmp_path: Path) -> None:
    path = write(tmp_path, "a/x.sql", "-- title: Demo\n-- dataset: ecommerce\n-- timeout: 3\n\nSELECT 1;\n")
    snippet = parse_snippet(path, tmp_path)
    assert (snippet.name, snippet.title, snippet.dataset, snippet.timeout) == ("a/x.sql", "Demo", "ecommerce", 3)
    assert snippet.code == "SELECT 1;\n"
    assert snippet.file_line(1) == 5
    assert snippet.output_path.name == "x.out.json"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-- title: t\n-- colour: red\nSELECT 1", "x.sql:2: unknown header key 'colour'"),
        ("-- title: t\n-- title: u\nSELECT 1", "x.sql:2: header key 'title' is set twice"),
        ("SELECT 1", "x.sql:1: the header needs a `title` line"),
        ("-- title: t\n-- timeout: soon\nSELECT 1", "timeout must be a whole number"),
        ("-- title: t\n", "the snippet has no code"),
    ],
)
def test_bad_headers_name_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, "x.sql", text)
    with pytest.raises(ContentError, match=re.escape(message)):
        parse_snippet(path, tmp_path)


def test_unknown_dataset_and_broken_chains_are_errors(tmp_path: Path) -> None:
    write(tmp_path, "a.sql", "-- title: a\n-- dataset: nowhere\nSELECT 1")
    with pytest.raises(ContentError, match="unknown dataset 'nowhere'"):
        SnippetLibrary(tmp_path)
    (tmp_path / "a.sql").unlink()
    write(tmp_path, "b.sql", "-- title: b\n-- after: missing.sql\nSELECT 1")
    with pytest.raises(ContentError, match=re.escape("`after: missing.sql` names no snippet")):
        SnippetLibrary(tmp_path)
    write(tmp_path, "b.sql", "-- title: b\n-- after: c.sql\nSELECT 1")
    write(tmp_path, "c.sql", "-- title: c\n-- after: b.sql\nSELECT 1")
    with pytest.raises(ContentError, match="loops back"):
        SnippetLibrary(tmp_path)


def test_chain_is_oldest_first(tmp_path: Path) -> None:
    write(tmp_path, "1.sql", "-- title: one\nCREATE TABLE t (a INT)")
    write(tmp_path, "2.sql", "-- title: two\n-- after: 1.sql\nINSERT INTO t VALUES (1)")
    write(tmp_path, "3.sql", "-- title: three\n-- after: 2.sql\nSELECT * FROM t")
    library = SnippetLibrary(tmp_path)
    assert [s.name for s in library.chain(library.get("3.sql"))] == ["1.sql", "2.sql"]


def _render(text: str) -> str:
    fences = [{"name": "run", "class": "run", "format": format_run}]
    return markdown.markdown(
        text, extensions=["pymdownx.superfences"], extension_configs={"pymdownx.superfences": {"custom_fences": fences}}
    )


def test_run_fence_renders_the_dom_contract() -> None:
    state.load(ROOT / "snippets")
    html = _render("```run\nsite/how-it-works/02-create-accounts.sql\n```\n")
    assert 'data-run-lang="sql"' in html and 'data-run-state="idle"' in html and "data-run-output" in html
    for action in ("run", "stop", "reset", "copy"):
        assert f'data-run-action="{action}"' in html
    assert "Recorded output" in html and "<td>chen</td>" in html


def test_run_fence_with_an_unknown_snippet_fails_the_build() -> None:
    state.load(ROOT / "snippets")
    with pytest.raises(SuperFencesException, match=re.escape("no-such.sql: no such snippet")):
        _render("```run\nsite/no-such.sql\n```\n")


def test_recorded_output_is_escaped_in_the_page() -> None:
    state.load(ROOT / "snippets")
    html = _render("```run\nsite/how-it-works/06-escaping.sql\n```\n")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_every_snippet_is_used_by_a_page(library: SnippetLibrary) -> None:
    used = {match.group(2) for page in (ROOT / "docs").rglob("*.md") for match in RUN_FENCE.finditer(page.read_text())}
    assert sorted(set(library.snippets) - used) == [], "snippets no page includes"
    assert sorted(used - set(library.snippets)) == [], "pages include snippets that do not exist"


def test_every_runnable_block_in_the_site_comes_from_a_tested_file(built_site: Path, library, bank) -> None:
    """Each block with data-run-lang is a snippet (run by test_snippets and test_parity), a question's editor
    (graded by test_questions) or the playground's empty editor."""
    pages = "".join(page.read_text() for page in built_site.rglob("*.html"))
    blocks = re.findall(r'<div class="sl-run no-copy"([^>]*)>', pages)
    assert blocks, "the built site has no runnable blocks"
    snippets = [m.group(1) for b in blocks if (m := re.search(r'data-snippet="([^"]+)"', b))]
    questions = [m.group(1) for b in blocks if (m := re.search(r'data-question-id="([^"]+)"', b))]
    playgrounds = [b for b in blocks if "data-playground-editor" in b]  # the reader's own SQL, nothing to test
    assert len(snippets) + len(questions) + len(playgrounds) == len(blocks) == pages.count("data-run-lang=")
    assert sorted(set(snippets) - set(library.snippets)) == []
    assert sorted(set(questions) - {q.id for q in bank if q.gradable}) == []


@pytest.mark.parametrize("name", sorted(dataset_names()))
def test_datasets_declare_no_foreign_keys(name: str) -> None:
    """Each run copies the dataset with COPY FROM DATABASE, which fills tables in name order, and DuckDB checks a
    foreign key against the table as it was before the statement: declared foreign keys would make every run fail.
    Document relationships in comments instead (see CONTRIBUTING.md)."""
    declared = re.findall(r"^(?!\s*--).*\bREFERENCES\b", dataset_sql(name), flags=re.M | re.I)
    assert declared == [], f"syslab/datasets/{name}.sql declares foreign keys: {declared}"


@pytest.mark.parametrize("name", sorted(dataset_names()))
def test_datasets_are_deterministic_and_seeds_differ(name: str) -> None:
    def fingerprint(seed: int) -> list:
        con = duckdb.connect()
        con.execute(seed_statement(seed))
        con.execute(dataset_sql(name))
        tables = [row[0] for row in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return [con.execute(f"SELECT count(*), sum(hash(t)) FROM {table} t").fetchone() for table in tables]

    assert fingerprint(0) == fingerprint(0)
    first, second = fingerprint(0), fingerprint(1)
    assert [count for count, _ in first] != [0] * len(first)
    assert [digest for _, digest in first] != [digest for _, digest in second]


def test_built_site_loads_nothing_from_other_hosts(built_site: Path) -> None:
    """No script, stylesheet, font, image or frame points outside the site (links to sources in text are fine)."""
    asset = re.compile(
        r"<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=\"(https?:)?//|<link\b[^>]*\bhref=\"(https?:)?//"
    )
    offenders = []
    for page in built_site.rglob("*.html"):
        offenders += [f"{page.relative_to(built_site)}: {m.group(0)}" for m in asset.finditer(page.read_text())]
    for css in built_site.rglob("*.css"):
        offenders += [
            f"{css.relative_to(built_site)}: {m}"
            for m in re.findall(r"url\(['\"]?(?:https?:)?//[^)]+", css.read_text())
        ]
    assert offenders == []


def test_api_reference_is_generated(built_site: Path) -> None:
    html = (built_site / "reference" / "api" / "index.html").read_text()
    assert "syslab.snippets" in html and "SnippetLibrary" in html and "run_python" in html


def test_search_finds_questions_but_not_their_answers(built_site: Path, bank) -> None:
    """The search index holds prompts, not what would spoil them: answers, explanations, hints, tests, option whys."""
    import json

    docs = json.loads((built_site / "search" / "search_index.json").read_text())["docs"]
    text = "\n".join(doc["text"] for doc in docs)
    python = next(q for q in bank if q.type == "python" and q.hints)
    choice = next(q for q in bank if q.type == "choice")
    assert markdown.markdown(python.prompt.splitlines()[0]).removeprefix("<p>")[:40] in text
    secrets = (python.hints[0], python.tests.splitlines()[-1], choice.options[0].why, python.answer.splitlines()[-1])
    for secret in secrets:
        fragment = re.sub(r"[`*]", "", secret.strip())[:40]
        assert fragment and fragment not in text, f"search index reveals: {fragment!r}"
