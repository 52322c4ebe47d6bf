"""The JSON Schema files shipped in the package describe the real input and output of the CLI.

Every output validated here comes from the CLI run as a separate process (``python -m etikcheck``),
so what a script sees is what is checked. Subprocess runs are cached per session (about a dozen).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from importlib.resources import files
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from etikcheck import model
from etikcheck.cli import inputs
from etikcheck.cli.schema import CATALOG
from etikcheck.packs.strict_yaml import loads as yaml_loads

SCHEMA_NAMES = tuple(CATALOG)
FILE_FORMATS = ("pack", "core", "deck", "cases")  # generated from spec.py: test_pack_schema.py
OUTPUT_SCHEMAS = tuple(n for n in SCHEMA_NAMES if n not in FILE_FORMATS)
CORE = ("lawful", "values", "ethical", "reputation")
ALL_YES = dict.fromkeys(CORE, "yes")


# --- helpers ---------------------------------------------------------------------------------


def schema_dir() -> Any:
    return files("etikcheck") / "schemas"


@cache
def schema(name: str) -> dict[str, Any]:
    data = json.loads((schema_dir() / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name))


def assert_valid(name: str, document: Any) -> None:
    errors = sorted(validator(name).iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(
        f"{name}: {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors
    )


def branch(name: str, document: Any) -> str:
    """Which branch of the schema's oneOf the document matches (and it must match exactly one)."""
    sch = schema(name)
    matched = [
        ref["$ref"].rsplit("/", 1)[-1]
        for ref in sch["oneOf"]
        if Draft202012Validator({"$defs": sch["$defs"], "$ref": ref["$ref"]}).is_valid(document)
    ]
    assert len(matched) == 1, matched
    return matched[0]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # A neutral locale: the council's own language decides, whatever this machine says.
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        env.pop(var, None)
    env["LC_ALL"] = "C.UTF-8"
    env["PYTHONUTF8"] = "1"
    env.pop("FORCE_COLOR", None)
    return env


@cache
def run_cli(args: tuple[str, ...], stdin: str | None = None) -> tuple[int, Any, str]:
    """Run ``python -m etikcheck ARGS`` once per distinct call; return (exit code, JSON, stderr)."""
    proc = subprocess.run(
        [sys.executable, "-m", "etikcheck", *args],
        input=stdin if stdin is not None else "",
        capture_output=True,
        encoding="utf-8",
        env=_env(),
        timeout=60,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    try:
        data = json.loads(proc.stdout)
    except json.JSONDecodeError:  # pragma: no cover - the failure message is the point
        pytest.fail(f"etikcheck {' '.join(args)}: stdout is not one JSON document:\n{proc.stdout}")
    return proc.returncode, data, proc.stderr


def check(document: dict[str, Any]) -> tuple[int, Any]:
    code, data, _ = run_cli(("check", "--json"), json.dumps(document))
    return code, data


@cache
def councils() -> list[dict[str, Any]]:
    code, data, _ = run_cli(("councils", "--json"))
    assert code == 0
    return list(data["councils"])


def council_ids() -> list[str]:
    return [c["id"] for c in councils()]


@cache
def questions(council: str) -> dict[str, Any]:
    code, data, _ = run_cli(("questions", "--council", council, "--json"))
    assert code == 0, data
    return dict(data)


def value_items(council: str) -> list[str]:
    return [q["id"] for q in questions(council)["questions"] if q["kind"] == "value"]


# --- (a) + (e): the schema files, found through the installed package ------------------------


def test_schema_files_are_shipped_in_the_package() -> None:
    """Every shipped schema is listed by `etikcheck schema`, and every one listed ships."""
    found = {p.name for p in schema_dir().iterdir() if p.name.endswith(".schema.json")}
    assert found == {f"{name}.schema.json" for name in SCHEMA_NAMES}


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    sch = schema(name)
    Draft202012Validator.check_schema(sch)
    assert sch["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert sch["$id"] == f"urn:etikcheck:{name}:1"
    assert sch["title"]
    assert sch["description"]


def test_schema_enums_match_the_model() -> None:
    inp = schema("check-input")
    assert set(inp["properties"]) == set(inputs.FIELDS)
    assert inp["properties"]["lang"]["enum"] == list(model.LANGS)
    assert inp["$defs"]["answer"]["enum"] == list(model.ANSWERS)
    dec = schema("decision")["$defs"]
    assert dec["verdict"]["enum"] == list(model.VERDICTS)
    assert dec["answer"]["enum"] == list(model.ANSWERS)
    assert dec["lang"]["enum"] == list(model.LANGS)
    assert dec["decision"]["properties"]["schema"]["const"] == "etikcheck.decision/1"
    qs = schema("questions")["$defs"]
    assert qs["questions"]["properties"]["schema"]["const"] == "etikcheck.questions/1"


# --- (b): real output validates --------------------------------------------------------------


def test_councils_are_the_bundled_ones() -> None:
    assert set(council_ids()) >= {"vasteras", "aarhus", "aalborg"}
    for council in councils():
        assert len(council["sha256"]) == 64


@pytest.mark.parametrize("council", ["vasteras", "aarhus", "aalborg"])
def test_questions_output_validates(council: str) -> None:
    data = questions(council)
    assert_valid("questions", data)
    assert branch("questions", data) == "questions"
    assert data["council"] == council
    summary = next(c for c in councils() if c["id"] == council)
    assert data["lang"] == summary["lang"]
    assert data["pack"] == {k: summary[k] for k in ("id", "version", "sha256")}
    ids = [q["id"] for q in data["questions"]]
    assert ids[:4] == list(CORE)
    assert all(q["required"] for q in data["questions"][:4])
    assert value_items(council), "every council has values to go through one by one"
    assert all(q.startswith("values.") for q in value_items(council))


def test_every_council_all_yes_validates_and_proceeds() -> None:
    for council in council_ids():
        code, data = check({"council": council, "answers": ALL_YES})
        assert code == 0, data
        assert_valid("decision", data)
        assert branch("decision", data) == "decision"
        assert data["verdict"] == "proceed"
        assert data["council"] == council
        assert data["answers"] == ALL_YES
        assert data["derived"] == []
        assert data["fallback"] is False
        assert data["reasons"][0]["verdict"] == "proceed"
        summary = next(c for c in councils() if c["id"] == council)
        assert data["pack"] == {k: summary[k] for k in ("id", "version", "sha256")}
        assert data["lang"] == summary["lang"]


def test_design_example_unsure_seeks_advice() -> None:
    example = schema("check-input")["examples"][0]
    code, data = check(example)
    assert code == 0
    assert_valid("decision", data)
    assert data["verdict"] == "seek_advice"
    assert data["council"] == "aalborg"
    assert data["lang"] == "da"
    reason = data["reasons"][0]
    assert (reason["question"], reason["answer"]) == ("values", "unsure")
    assert reason["source"] is not None
    assert reason["source"]["document"]
    assert data["referrals"], "a seek_advice result names someone to talk to"
    # A contact gives only what its source gives: at least one has a phone in the Aalborg code.
    assert any(r["phone"] for r in data["referrals"])


def test_a_no_reconsiders_with_reasons_most_severe_first() -> None:
    answers = {"lawful": "yes", "values": "yes", "ethical": "no", "reputation": "unsure"}
    code, data = check({"council": "aarhus", "lang": "en", "answers": answers})
    assert code == 0
    assert_valid("decision", data)
    assert data["verdict"] == "reconsider"
    assert data["lang"] == "en"
    verdicts = [r["verdict"] for r in data["reasons"]]
    assert verdicts[0] == "reconsider"
    assert "seek_advice" in verdicts
    assert ("ethical", "no") in {(r["question"], r["answer"]) for r in data["reasons"]}


@pytest.mark.parametrize(
    ("council", "worst", "verdict"),
    [
        ("aalborg", "yes", "proceed"),
        ("aarhus", "unsure", "seek_advice"),
        ("vasteras", "no", "reconsider"),
    ],
)
def test_value_items_one_by_one(council: str, worst: str, verdict: str) -> None:
    items = value_items(council)
    answers = {q: "yes" for q in ("lawful", "ethical", "reputation")}
    answers.update(dict.fromkeys(items, "yes"))
    answers[items[-1]] = worst
    document = {"council": council, "answers": answers}
    assert_valid("check-input", document)
    code, data = check(document)
    assert code == 0, data
    assert_valid("decision", data)
    assert data["verdict"] == verdict
    assert data["derived"] == ["values"]
    assert data["answers"]["values"] == worst
    assert data["answers"][items[-1]] == worst
    if worst != "yes":
        rested = {(p["question"], p["answer"]) for r in data["reasons"] for p in r["rests_on"]}
        assert ("values", worst) in rested or (items[-1], worst) in rested


# --- (c): error outputs validate -------------------------------------------------------------


def test_bad_answer_error_validates() -> None:
    code, data = check({"council": "aalborg", "answers": {**ALL_YES, "lawful": "maybe"}})
    assert code == 2
    assert_valid("decision", data)
    assert branch("decision", data) == "error_document"
    assert data["schema"] == "etikcheck.error/1"
    error = data["error"]
    assert error["kind"] == "input"
    assert error["exit_code"] == 2
    assert error["field"] == "answers.lawful"
    assert "maybe" in error["message"]
    assert "unsure" in error["message"]


def test_questions_usage_error_validates() -> None:
    code, data, stderr = run_cli(("questions", "--json"))
    assert code == 2
    assert_valid("questions", data)
    assert branch("questions", data) == "error_document"
    error = data["error"]
    assert error["kind"] in ("usage", "input")
    assert error["exit_code"] == 2
    assert error.get("field") in (None, "council")
    assert "council" in error["message"]
    assert "aalborg" in error["message"]
    assert error["message"] in stderr


def test_error_branch_rejects_inconsistent_errors() -> None:
    v = validator("decision")
    good = {
        "kind": "pack",
        "message": "rules/x.yaml:3: bad",
        "exit_code": 3,
        "file": "rules/x.yaml",
        "line": 3,
    }
    assert v.is_valid({"schema": "etikcheck.error/1", "error": good})
    assert not v.is_valid({"schema": "etikcheck.error/1", "error": {**good, "exit_code": 2}})
    assert not v.is_valid(
        {
            "schema": "etikcheck.error/1",
            "error": {"kind": "input", "message": "x", "exit_code": 2},
        }
    )
    assert not v.is_valid({"schema": "etikcheck.error/1", "error": {**good, "kind": "oops"}})


# --- (d): the input schema -------------------------------------------------------------------


def test_input_schema_examples_validate() -> None:
    examples = schema("check-input")["examples"]
    assert examples[0] == {
        "council": "aalborg",
        "answers": {"lawful": "yes", "values": "unsure", "ethical": "yes", "reputation": "yes"},
    }
    for example in examples:
        assert_valid("check-input", example)
        # and the tool's own parser accepts it as it stands
        request = inputs.from_object(example)
        assert request.council == example["council"]


def test_yaml_input_validates() -> None:
    text = (
        "council: vasteras\n"
        "lang: sv\n"
        "situation: Jag har blivit erbjuden en middag av en leverantör.\n"
        "answers:\n"
        "  lawful: yes\n"
        "  values: no\n"
        "  ethical: unsure\n"
        "  reputation: no\n"
    )
    document = yaml_loads(text)
    assert document["answers"]["values"] == "no"  # kept a string, not False (YAML 1.1)
    assert_valid("check-input", json.loads(json.dumps(document)))


@pytest.mark.parametrize(
    ("document", "why"),
    [
        ({"council": "aalborg", "answers": ALL_YES, "verdict": "proceed"}, "unknown field"),
        ({"council": "aalborg", "answers": {**ALL_YES, "lawful": "maybe"}}, "answer maybe"),
        ({"council": "aalborg", "answers": {**ALL_YES, "lawful": True}}, "boolean answer"),
        ({"council": "aalborg", "answers": {**ALL_YES, "Values.X": "yes"}}, "bad question id"),
        ({"council": "aalborg", "lang": "de", "answers": ALL_YES}, "unknown language"),
        ({"council": 3, "answers": ALL_YES}, "council not text"),
        ([{"council": "aalborg", "answers": ALL_YES}], "not an object"),
    ],
)
def test_input_schema_rejects(document: Any, why: str) -> None:
    assert not validator("check-input").is_valid(document), why
