"""The question bank: every file is valid, every gradable question's grader can pass and can fail, and the browser's
engines and comparator agree with CPython's."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from syslab.errors import ContentError
from syslab.grading import GRADE_MAX_ROWS, SECOND_SEED, compare_results, grade
from syslab.questions import load_bank
from syslab.runner.sql import SqlResult, run_sql

ROOT = Path(__file__).resolve().parent.parent
BANK = load_bank(ROOT / "questions")
GRADABLE = [q.id for q in BANK if q.gradable]
BY_ID = {q.id: q for q in BANK}
CASES = json.loads((ROOT / "tests" / "grading_cases.json").read_text())


def _result(data: dict) -> SqlResult:
    if "error" in data:
        return SqlResult(error=data["error"])
    return SqlResult(columns=data["columns"], rows=data["rows"], row_count=data["row_count"])


def test_public_api(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    questions = load_bank(root="questions")
    assert questions, "the bank is empty"
    for question in questions:
        assert question.id and question.type and question.track and question.topic and question.level
        assert question.answer.strip()
    sql = next(q for q in questions if q.type == "sql")
    verdict = grade(sql, sql.answer)
    assert verdict.passed is True and isinstance(verdict.message, str)


@pytest.mark.parametrize("qid", GRADABLE)
def test_reference_answer_passes_on_both_datasets(qid: str) -> None:
    question = BY_ID[qid]
    verdict = grade(question, question.answer)
    assert verdict.passed, f"{question.path}: the reference answer fails: {verdict.message}"


@pytest.mark.parametrize("qid", GRADABLE)
def test_starter_and_empty_answers_fail(qid: str) -> None:
    question = BY_ID[qid]
    for attempt in {question.starter, ""}:
        verdict = grade(question, attempt)
        assert not verdict.passed, f"{question.path}: the grader accepts the starter {attempt!r}"
        assert verdict.message


@pytest.mark.parametrize("qid", GRADABLE)
def test_every_listed_wrong_answer_fails(qid: str) -> None:
    question = BY_ID[qid]
    for number, wrong in enumerate(question.wrong_answers, start=1):
        verdict = grade(question, wrong.code)
        assert not verdict.passed, f"{question.path}: wrong answer {number} passes the grader ({wrong.note})"


@pytest.mark.parametrize("qid", [q.id for q in BANK if q.type == "sql"])
def test_sql_hard_coding_the_shown_result_fails(qid: str) -> None:
    """The expected rows typed as literals pass on the shown dataset but fail on the hidden copy."""
    question = BY_ID[qid]
    expected = run_sql(question.answer, dataset=question.dataset, max_rows=GRADE_MAX_ROWS)
    verdict = grade(question, _literal_query(expected))
    assert not verdict.passed and "second copy" in verdict.message, f"{question.path}: {verdict.message}"


def _literal_query(result: SqlResult) -> str:
    """A query that returns `result`'s rows, in order, as typed literals."""
    values = ",\n".join(
        "(" + ", ".join([str(i)] + ["NULL" if v is None else "'" + v.replace("'", "''") + "'" for v in row]) + ")"
        for i, row in enumerate(result.rows)
    )
    columns = ", ".join(f"c{i}" for i in range(len(result.columns)))
    return f"SELECT {columns} FROM (VALUES {values}) AS t(i, {columns}) ORDER BY i"


@pytest.mark.parametrize("qid", [q.id for q in BANK if q.type == "sql"])
def test_sql_reference_results_are_the_same_in_duckdb_wasm(qid: str, wasm: dict) -> None:
    question = BY_ID[qid]
    for seed in (0, SECOND_SEED):
        expected = run_sql(question.answer, dataset=question.dataset, seed=seed, max_rows=GRADE_MAX_ROWS)
        got = _result(wasm["results"][f"question:{qid}:seed{seed}"])
        if not question.order_matters:  # rows without an ORDER BY may come in any order
            got.rows.sort(key=repr)
            expected.rows.sort(key=repr)
        assert got == expected, f"{question.path}: DuckDB-WASM differs from CPython on dataset seed {seed}"


@pytest.mark.parametrize("qid", [q.id for q in BANK if q.type == "python"])
def test_python_grading_is_the_same_in_pyodide(qid: str, wasm: dict) -> None:
    question = BY_ID[qid]
    attempts = {"answer": question.answer, "starter": question.starter}
    attempts.update({f"wrong{i}": wrong.code for i, wrong in enumerate(question.wrong_answers)})
    for label, code in attempts.items():
        expected = grade(question, code)
        got = wasm["results"][f"question:{qid}:{label}"]
        assert got["passed"] == expected.passed, f"{question.path} ({label}): {got['message']}"
        if label == "answer":  # a failure's wording may differ between Python versions; a pass's may not
            assert got["message"] == expected.message


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_comparator_cases(case: dict) -> None:
    verdict = compare_results(
        _result(case["expected"]), _result(case["actual"]), case["order_matters"], case.get("second_copy", False)
    )
    assert verdict.passed == case["passed"], verdict.message


def test_browser_comparator_agrees_with_python(wasm: dict) -> None:
    for case, browser in zip(CASES, wasm["compare"], strict=True):
        verdict = compare_results(
            _result(case["expected"]), _result(case["actual"]), case["order_matters"], case.get("second_copy", False)
        )
        assert (browser["passed"], browser["message"]) == (verdict.passed, verdict.message), case["name"]


def test_choice_questions_explain_every_option() -> None:
    for question in BANK:
        if question.type == "choice":
            assert all(option.why for option in question.options)
            assert any(option.correct for option in question.options)


# --- a bad file fails with its path, the field and what is wrong ------------------------------------------------

GOOD = """---
id: sample
title: Sample
track: databases
topic: sql
level: L4
difficulty: easy
type: concept
---

## Prompt
Why?

## Answer
Because.

## Rubric
- says because

## Explanation
It is so.
"""


def _bank_with(tmp_path: Path, text: str, name: str = "databases/sql/sample.md") -> Path:
    root = tmp_path / "questions"
    root.mkdir(parents=True)
    shutil.copy(ROOT / "questions" / "tracks.yml", root / "tracks.yml")
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return root


def test_a_valid_file_loads(tmp_path: Path) -> None:
    (question,) = load_bank(_bank_with(tmp_path, GOOD), docs=tmp_path)
    assert question.rubric == ("says because",) and question.answer == "Because."


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("level: L4", "level: L7"), "field `level`: expected one of L3, L4, L5, L6, got 'L7'"),
        (("track: databases", "track: cooking"), "field `track`: unknown track 'cooking'"),
        (("topic: sql", "topic: poetry"), "field `topic`: unknown topic 'poetry' for track databases"),
        (("type: concept", "type: essay"), "field `type`: expected one of sql, python, concept, design, choice"),
        (("title: Sample\n", ""), "field `title` is required"),
        (("difficulty: easy", "difficulty: easy\ncolour: red"), "unknown field `colour`"),
        (("## Rubric\n- says because\n", ""), "section `## Rubric` is required for a concept question"),
        (("## Prompt", "## Promt"), "unknown section `## Promt`"),
        (("type: concept", "type: concept\ndataset: ecommerce"), "field `dataset` applies to sql questions only"),
    ],
)
def test_bad_files_name_the_file_and_the_field(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    root = _bank_with(tmp_path, GOOD.replace(*change))
    with pytest.raises(ContentError, match=re.escape(message)) as raised:
        load_bank(root, docs=tmp_path)
    assert "sample.md" in str(raised.value)


def test_sql_question_needs_a_known_dataset_and_a_wrong_answer(tmp_path: Path) -> None:
    sql = GOOD.replace("type: concept", "type: sql\ndataset: nowhere").replace(
        "## Answer\nBecause.\n\n## Rubric\n- says because\n", "## Answer\n```sql\nSELECT 1\n```\n"
    )
    with pytest.raises(ContentError, match="unknown dataset 'nowhere'"):
        load_bank(_bank_with(tmp_path, sql), docs=tmp_path)
    with pytest.raises(ContentError, match="Wrong answers"):
        load_bank(_bank_with(tmp_path / "b", sql.replace("nowhere", "ecommerce")), docs=tmp_path)


def test_duplicate_ids_and_misplaced_files_fail(tmp_path: Path) -> None:
    root = _bank_with(tmp_path, GOOD)
    (root / "databases" / "transactions").mkdir()
    (root / "databases" / "transactions" / "sample.md").write_text(GOOD.replace("topic: sql", "topic: transactions"))
    with pytest.raises(ContentError, match="duplicate id 'sample'"):
        load_bank(root, docs=tmp_path)
    misplaced = _bank_with(tmp_path / "c", GOOD, name="databases/transactions/sample.md")
    with pytest.raises(ContentError, match="the file must be at"):
        load_bank(misplaced, docs=tmp_path)


def test_choice_option_without_why_fails(tmp_path: Path) -> None:
    choice = GOOD.replace("type: concept", "type: choice").replace(
        "## Answer\nBecause.\n\n## Rubric\n- says because\n", "## Options\n- [x] Yes\n  Why: it is.\n- [ ] No\n"
    )
    with pytest.raises(ContentError, match=re.escape("option 'No' needs an indented `Why: ...` line")):
        load_bank(_bank_with(tmp_path, choice), docs=tmp_path)


def test_anki_decks_hold_every_question_of_their_track(built_site: Path, bank: list) -> None:
    import sqlite3
    import tempfile
    import zipfile

    for track in {q.track for q in bank}:
        deck = built_site / "assets" / "decks" / f"systems-lab-{track}.apkg"
        with zipfile.ZipFile(deck) as archive, tempfile.TemporaryDirectory() as folder:
            archive.extract("collection.anki2", folder)
            con = sqlite3.connect(Path(folder) / "collection.anki2")
            ids = {row[0].split("\x1f")[0] for row in con.execute("SELECT flds FROM notes")}
            con.close()
        assert ids == {q.id for q in bank if q.track == track}, track
    page = (built_site / "practice" / "flashcards" / "index.html").read_text()
    assert "systems-lab-databases.apkg" in page
