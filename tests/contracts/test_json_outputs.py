"""Every JSON document etikcheck writes validates against the schema shipped for it.

One table, RUNS, holds a real run of every command that writes JSON (success and error
documents, batch lines including bad and blank input lines), each as a separate process
(``python -m etikcheck``) in a world of its own: a settings file with a packs folder holding a
pack of the council's own, and a journal of real records. ``test_every_json_command_is_run``
fails when a command that writes JSON has no run here. The schemas' shared definitions are the
same in every file (``test_shared_definitions_are_identical``).
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from etikcheck import engine
from etikcheck.cli.schema import CATALOG
from etikcheck.cli.table import COMMANDS, JSON
from etikcheck.model import CORE_QUESTIONS
from etikcheck.output.record import make_record
from etikcheck.packs import registry
from etikcheck.store import journal
from etikcheck.training import decks
from etikcheck.training.votes import vote_document
from tests.conftest import FIXTURES, RunCli
from tests.contracts.test_schemas import FILE_FORMATS, OUTPUT_SCHEMAS, branch, schema

ALL_YES = dict.fromkeys(CORE_QUESTIONS, "yes")
GOOD = {"council": "aalborg", "answers": ALL_YES}
GIFTS = {"gifts.interest": "no", "gifts.office": "no", "gifts.beyond-courtesy": "unsure"}


def validate(name: str, document: Any) -> str:
    """Validate ``document`` against the shipped schema ``name``; the branch it matched."""
    sch = schema(name)
    errors = sorted(
        Draft202012Validator(sch).iter_errors(document), key=lambda e: list(e.absolute_path)
    )
    assert not errors, "\n".join(
        f"{name}: {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]
    )
    return branch(name, document) if "oneOf" in sch else name


# --- the world the commands run in ----------------------------------------------------------


@dataclass(frozen=True)
class World:
    plain: dict[str, str]  # no settings, an empty journal
    configured: dict[str, str]  # a packs folder with the pack "ours", a journal of records
    broken: Path  # a pack with several problems


def _environ(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.pop("FORCE_COLOR", None)
    env.update(
        LC_ALL="C.UTF-8",
        PYTHONUTF8="1",
        ETIKCHECK_CONFIG_DIR=str(root / "config"),
        ETIKCHECK_DATA_DIR=str(root / "data"),
        ETIKCHECK_CACHE_DIR=str(root / "cache"),
    )
    return env


def _records() -> list[dict[str, Any]]:
    """Decision records as the interview saves them (make_record of a real decision)."""
    aarhus, vasteras = registry.load("aarhus"), registry.load("vasteras")
    items = {q.id: "yes" for q in aarhus.value_questions()}
    gifts = {q: "unsure" for q in aarhus.topics["gifts"].questions}
    return [
        make_record(engine.evaluate(aarhus, ALL_YES, None), "da", None),
        make_record(
            engine.evaluate(aarhus, {**ALL_YES, **items, **gifts, "lawful": "no"}, "gifts"),
            "en",
            "A supplier offered me concert tickets",
        ),
        make_record(engine.evaluate(vasteras, {**ALL_YES, "ethical": "unsure"}, None), "sv", ""),
    ]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    root = tmp_path_factory.mktemp("world")
    plain, configured = root / "plain", root / "configured"
    packs = configured / "packs"
    shutil.copytree(FIXTURES / "packs" / "minimal", packs / "ours")
    pack_file = packs / "ours" / "pack.yaml"
    text = pack_file.read_text(encoding="utf-8").replace("id: minimal", "id: ours")
    text = text.replace("council: {", "aliases: [Vår kommun]\ncouncil: {", 1)
    pack_file.write_text(text, encoding="utf-8")
    (configured / "config").mkdir(parents=True)
    (configured / "config" / "settings.json").write_text(
        json.dumps({"packs": str(packs), "lang": "en"}), encoding="utf-8"
    )
    for record in _records():
        journal.append(configured / "data" / journal.JOURNAL_FILE, record)
    broken = root / "broken"
    broken.mkdir()
    (broken / "pack.yaml").write_text(
        (FIXTURES / "packs" / "minimal" / "pack.yaml")
        .read_text(encoding="utf-8")
        .replace('version: "0.1"', "version: 1")
        .replace("contacts: [clerk]", "contacts: [clerk, mayor]")
        .replace("en: Clerk}", "en: Clerk}\n    mobile: '0'"),
        encoding="utf-8",
    )
    return World(_environ(plain), _environ(configured), broken)


@cache
def _run(argv: tuple[str, ...], stdin: str, env_key: str, env_json: str) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "etikcheck", *argv],
        input=stdin,
        capture_output=True,
        encoding="utf-8",
        env=json.loads(env_json),
        timeout=120,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout, proc.stderr


def run(world: World, argv: tuple[str, ...], stdin: str = "", env: str = "plain") -> Any:
    environ = world.configured if env == "configured" else world.plain
    return _run(argv, stdin, env, json.dumps(environ, sort_keys=True))


# --- every command that writes JSON ---------------------------------------------------------


@dataclass(frozen=True)
class Run:
    command: str  # the command's key in the table
    argv: tuple[str, ...]
    schema: str
    branch: str  # the definition the output must match (lines: of every line)
    code: int = 0
    stdin: str = ""
    env: str = "plain"
    lines: bool = False  # JSON lines, one document per line


BATCH_INPUT = "\n".join(
    [
        json.dumps({**GOOD, "id": "first"}),
        "",  # a blank line: skipped, no output
        "   \t",  # whitespace only: blank too
        json.dumps({**GOOD, "council": "Aalborg Kommune", "id": 7}),
        "{not json",
        json.dumps({"id": "bad-council", "council": "vesteras", "answers": ALL_YES}),
        json.dumps({"id": 3.5, **GOOD, "answers": {**ALL_YES, "lawful": "maybe"}}),
        json.dumps({**GOOD, "id": "fields", "colour": "red"}),
        json.dumps({**GOOD, "topic": "gifts", "answers": {**ALL_YES, **GIFTS}}),
        json.dumps({**GOOD, "answers": {**ALL_YES, "lawful": "unsure"}}),
    ]
)

RUNS: dict[str, Run] = {
    "check": Run("check", ("check", "--json"), "decision", "decision", stdin=json.dumps(GOOD)),
    "check-alias": Run(
        "check",
        (
            "check",
            "--json",
            "--council",
            "Århus",
            *(f for q in CORE_QUESTIONS for f in ("-a", f"{q}=no")),
        ),
        "decision",
        "decision",
    ),
    "check-bad-answer": Run(
        "check",
        ("check", "--json", "-c", "aalborg", "-a", "lawful=maybe"),
        "decision",
        "error_document",
        code=2,
    ),
    "check-twice": Run(
        "check",
        ("check", "--json", "-c", "aalborg", "-a", "lawful=yes", "-a", "lawful=no"),
        "decision",
        "error_document",
        code=2,
    ),
    "check-broken-pack": Run(
        "check",
        ("check", "--json", "--rules", str(FIXTURES / "packs" / "unknown-contact")),
        "decision",
        "error_document",
        code=3,
    ),
    "check-broken-settings": Run(
        "check", ("check", "--json"), "error", "error_document", code=2, env="broken-settings"
    ),
    "batch": Run(
        "batch", ("batch",), "batch-line", "", code=2, stdin=BATCH_INPUT + "\n", lines=True
    ),
    "questions": Run(
        "questions", ("questions", "-c", "vasteras", "--json"), "questions", "questions"
    ),
    "questions-error": Run(
        "questions", ("questions", "--json"), "questions", "error_document", code=2
    ),
    "topics": Run(
        "topics", ("topics", "-c", "aarhus", "--lang", "sv", "--json"), "topics", "topics"
    ),
    "topics-error": Run(
        "topics", ("topics", "-c", "vesteras", "--json"), "topics", "error_document", code=2
    ),
    "councils": Run("councils", ("councils", "--json"), "councils", "councils"),
    "councils-configured": Run(
        "councils", ("councils", "--json"), "councils", "councils", env="configured"
    ),
    "councils-usage": Run(
        "councils", ("councils", "--json", "--bogus"), "councils", "error_document", code=2
    ),
    "rules-list": Run("rules list", ("rules", "list", "--json"), "rules-list", "packs"),
    "rules-list-configured": Run(
        "rules list", ("rules", "list", "--json"), "rules-list", "packs", env="configured"
    ),
    "rules-show": Run(
        "rules show", ("rules", "show", "aalborg", "--json"), "rules-show", "pack_view"
    ),
    "rules-show-configured": Run(
        "rules show",
        ("rules", "show", "Vår kommun", "--json"),
        "rules-show",
        "pack_view",
        env="configured",
    ),
    "rules-show-nosuch": Run(
        "rules show",
        ("rules", "show", "nosuch", "--json"),
        "rules-show",
        "error_document",
        code=2,
    ),
    "rules-lint": Run(
        "rules lint", ("rules", "lint", "--json"), "rules-lint", "lint", env="configured"
    ),
    "rules-lint-broken": Run(
        "rules lint", ("rules", "lint", "--json", "BROKEN", "nosuch"), "rules-lint", "lint", 2
    ),
    "rules-lint-format": Run(
        "rules lint",
        ("rules", "lint", "--format", "json", "--strict", "aalborg"),
        "rules-lint",
        "lint",
    ),
    "config": Run("config", ("config", "--json"), "config", "config"),
    "config-configured": Run("config", ("config", "--json"), "config", "config", env="configured"),
    "journal": Run("journal", ("journal", "--json"), "journal", "journal", env="configured"),
    "journal-empty": Run("journal", ("journal", "--json"), "journal", "journal"),
    "journal-show": Run(
        "journal show", ("journal", "show", "2", "--json"), "record", "record", env="configured"
    ),
    "journal-show-missing": Run(
        "journal show", ("journal", "show", "9", "--json"), "error", "error_document", code=2
    ),
    "journal-export": Run(
        "journal export",
        ("journal", "export", "--format", "json"),
        "record",
        "record",
        env="configured",
        lines=True,
    ),
    "schema": Run("schema", ("schema", "--json"), "schema-list", "schema_list"),
    "schema-unknown": Run(
        "schema", ("schema", "bogus", "--json"), "error", "error_document", code=2
    ),
}
# Commands that write JSON without --json (always, or with --format json / a file).
ALWAYS_JSON = {"batch", "journal export", "train answer", "schema"}


def _outputs(world: World, case: Run) -> tuple[int, list[Any], str]:
    argv = tuple(str(world.broken) if a == "BROKEN" else a for a in case.argv)
    if case.env == "broken-settings":
        env = dict(world.plain)
        folder = Path(env["ETIKCHECK_CONFIG_DIR"]).parent / "broken-settings"
        folder.mkdir(exist_ok=True)
        (folder / "settings.json").write_text('{"lang": 5}', encoding="utf-8")
        env["ETIKCHECK_CONFIG_DIR"] = str(folder)
        code, out, err = _run(argv, case.stdin, case.env, json.dumps(env, sort_keys=True))
    else:
        code, out, err = run(world, argv, case.stdin, case.env)
    if case.lines:
        return code, [json.loads(line) for line in out.splitlines()], err
    try:
        return code, [json.loads(out)], err
    except json.JSONDecodeError:  # pragma: no cover - the message is the point
        pytest.fail(f"etikcheck {' '.join(argv)}: stdout is not one JSON document:\n{out}")


@pytest.mark.parametrize("name", list(RUNS))
def test_real_output_validates(world: World, name: str) -> None:
    case = RUNS[name]
    code, documents, stderr = _outputs(world, case)
    assert code == case.code, stderr
    assert documents
    for document in documents:
        branch = validate(case.schema, document)
        if case.branch:
            assert branch == case.branch
        if branch in ("error_document", "error_line"):
            assert document["error"]["message"] in stderr  # the same message on stderr
            assert document["error"]["exit_code"] == case.code


def test_every_json_command_is_run() -> None:
    writes_json = {c.key for c in COMMANDS if JSON in c.options} | ALWAYS_JSON
    covered = {case.command for case in RUNS.values()} | {"train answer"}  # in-process below
    assert writes_json <= covered, sorted(writes_json - covered)
    assert {case.schema for case in RUNS.values()} | {"answer-file", "batch-input"} >= set(
        OUTPUT_SCHEMAS
    ) - {"check-input"}


def test_batch_lines_errors_blank_lines_and_ids(world: World) -> None:
    code, documents, stderr = _outputs(world, RUNS["batch"])
    assert code == 2  # some line had bad input
    shown = [(d["line"], d.get("id"), validate("batch-line", d)) for d in documents]
    assert shown == [
        (1, "first", "decision_line"),
        (4, 7, "decision_line"),  # lines 2 and 3 are blank: no output
        (5, None, "error_line"),  # not JSON: no id to echo
        (6, "bad-council", "error_line"),
        (7, 3.5, "error_line"),
        (8, "fields", "error_line"),  # the id of a line whose other fields are wrong
        (9, None, "decision_line"),
        (10, None, "decision_line"),
    ]
    assert documents[1]["council"] == "aalborg"  # a council's own name
    assert "did you mean vasteras?" in documents[3]["error"]["message"]
    assert documents[4]["error"]["field"] == "answers.lawful"
    assert "etikcheck: line 5: invalid JSON" in stderr
    # every line is the input line: the batch input schema accepts each non-blank one
    for number, text in enumerate(BATCH_INPUT.splitlines(), 1):
        if text.strip() and number not in (5, 6, 7, 8):
            validate("batch-input", json.loads(text))


@pytest.mark.parametrize(
    ("fail_on", "code"), [("seek_advice", 1), ("reconsider", 0), ("proceed", 1)]
)
def test_batch_fail_on(world: World, fail_on: str, code: int) -> None:
    good = json.dumps(GOOD)
    unsure = json.dumps({**GOOD, "answers": {**ALL_YES, "ethical": "unsure"}})
    result, out, _ = run(world, ("batch", "--fail-on", fail_on), f"{good}\n\n{unsure}\n")
    assert result == code
    assert [json.loads(line)["line"] for line in out.splitlines()] == [1, 3]
    bad, _, _ = run(world, ("batch", "--fail-on", "proceed"), f"{good}\n{{\n")
    assert bad == 2  # an input error still exits 2


def test_lint_report_holds_every_problem_of_a_broken_pack(world: World) -> None:
    _, (report,), _ = _outputs(world, RUNS["rules-lint-broken"])
    found = {(p["id"], p["line"]) for p in report["problems"]}
    assert ("not-found", None) in found
    # three problems of one file, in one run, in line order
    pack_errors = [p for p in report["problems"] if p["id"] == "pack-error"]
    assert [p["line"] for p in pack_errors] == sorted(p["line"] for p in pack_errors)
    messages = " | ".join(p["message"] for p in pack_errors)
    assert "'version' in the pack must be non-empty text" in messages
    assert "unknown key 'mobile' in a contact" in messages
    assert "unknown contact 'mayor' in rule 'care-no'" in messages
    assert report["packs"][0]["analysed"] is False
    assert report["passed"] is False


def test_configured_packs_are_listed_everywhere(world: World) -> None:
    _, (councils,), _ = _outputs(world, RUNS["councils-configured"])
    ids = [c["id"] for c in councils["councils"]]
    assert ids == [*registry.bundled_ids(), "ours"]
    ours = councils["councils"][-1]
    assert ours["aliases"] == ["Vår kommun"]
    _, (listing,), _ = _outputs(world, RUNS["rules-list-configured"])
    assert [(p["id"], p["bundled"]) for p in listing["packs"]][-1] == ("ours", False)
    _, (lint,), _ = _outputs(world, RUNS["rules-lint"])
    assert [p["pack"] for p in lint["packs"]] == [*registry.bundled_ids(), "ours"]


def test_train_answer_file_validates(cli: RunCli, tmp_path: Path) -> None:
    """The answer file as `train answer` writes it, and vote_document for every scenario."""
    for council in registry.bundled_ids():
        pack = registry.load(council)
        deck = decks.load_deck(decks.bundled_deck(council), pack)
        for scenario in deck.scenarios.values():
            questions = [
                *CORE_QUESTIONS,
                *(pack.topics[scenario.topic].questions if scenario.topic else ()),
            ]
            validate("answer-file", vote_document(deck, scenario, dict.fromkeys(questions, "no")))
    output = tmp_path / "answers.json"
    deck = decks.load_deck(decks.bundled_deck("aarhus"), registry.load("aarhus"))
    scenario = next(iter(deck.scenarios))
    result = cli(
        "train",
        "answer",
        "--council",
        "aarhus",
        "--scenario",
        scenario,
        "--plain",
        "--output",
        str(output),
        stdin=b"1\n" * 20,
        stdin_isatty=True,
    )
    assert result.code == 0, result.stderr
    validate("answer-file", json.loads(output.read_text(encoding="utf-8")))


def test_journal_records_validate() -> None:
    for record in _records():
        validate("record", json.loads(json.dumps(record)))


@pytest.mark.parametrize("name", list(CATALOG))
def test_schema_prints_the_shipped_file(world: World, name: str) -> None:
    code, out, _ = run(world, ("schema", name))
    assert code == 0
    assert json.loads(out) == schema(name)
    Draft202012Validator.check_schema(json.loads(out))


# --- the shared definitions -----------------------------------------------------------------


def test_shared_definitions_are_identical() -> None:
    """A definition with one name means one thing in every output schema (each file is
    self-contained, so scripts can use one without the others)."""
    seen: dict[str, tuple[str, Any]] = {}
    for name in OUTPUT_SCHEMAS:
        for key, body in schema(name).get("$defs", {}).items():
            if key in seen:
                first, other = seen[key]
                assert body == other, f"$defs/{key} differs in {first} and {name}"
            else:
                seen[key] = (name, body)


def _with_line(body: dict[str, Any], line: dict[str, Any]) -> dict[str, Any]:
    result = copy.deepcopy(body)
    result["title"] = line["title"]
    result["required"] = ["line", *body["required"]]
    result["properties"] = {
        "line": line["properties"]["line"],
        "id": line["properties"]["id"],
        **body["properties"],
    }
    return result


def test_a_batch_line_is_a_decision_or_an_error_with_line_and_id() -> None:
    defs = schema("batch-line")["$defs"]
    for line, document in (("decision_line", "decision"), ("error_line", "error_document")):
        assert defs[line] == _with_line(schema("decision")["$defs"][document], defs[line])
    line_input, check_input = schema("batch-input"), schema("check-input")
    assert line_input["properties"] == {
        "id": line_input["properties"]["id"],
        **check_input["properties"],
    }
    assert line_input["$defs"] == check_input["$defs"]


def test_every_lint_problem_id_is_in_the_schema() -> None:
    from etikcheck.cli import rules
    from etikcheck.packs import lint

    source = "\n".join(
        Path(module.__file__ or "").read_text(encoding="utf-8") for module in (lint, rules)
    )
    written = set(re.findall(r'Problem\(\s*"([a-z-]+)"', source))
    written.add("pack-error")  # Problem.from_error
    enum = set(schema("rules-lint")["$defs"]["problem"]["properties"]["id"]["enum"])
    assert written == enum


def test_file_formats_are_generated_from_the_spec() -> None:
    assert set(FILE_FORMATS) <= set(CATALOG)  # their contents: test_pack_schema.py
