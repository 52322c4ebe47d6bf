"""Broken files, one rule each: the loader and the generated schema accept or refuse them alike.

Every row starts from a valid file (the minimal pack, the bundled core, the fixture deck or a small
cases file), breaks one thing and says what the loader's message contains. The schema, generated
from the same spec (packs/spec.py), must give the same verdict. Rows marked ``LOADER`` break what
no schema can check (references, unique ids, questions a condition names, ...): the schema accepts
them and only the loader refuses. Rows with no message are valid and both accept them.

The broken document is written as JSON (which is YAML, read by the strict loader as written), one
key per line, so a message's line can be checked against the key it names (``at``).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from etikcheck.errors import PackError
from etikcheck.packs import cases as packcases
from etikcheck.packs import registry as packs
from etikcheck.packs import schema as generator
from etikcheck.packs.strict_yaml import loads
from etikcheck.training import decks
from tests.conftest import FIXTURES

Edit = Callable[[Any], None]
LOADER = "loader only"


def _path_of(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        doc = doc[step]
    return doc


def put(*path_and_value: Any) -> Edit:
    *path, value = path_and_value

    def edit(doc: Any) -> None:
        _path_of(doc, tuple(path[:-1]))[path[-1]] = value

    return edit


def drop(*path: Any) -> Edit:
    def edit(doc: Any) -> None:
        del _path_of(doc, path[:-1])[path[-1]]

    return edit


def both(*edits: Edit) -> Edit:
    def edit(doc: Any) -> None:
        for one in edits:
            one(doc)

    return edit


def when(condition: Any) -> Edit:
    return put("rules", 0, "when", condition)


T = {"sv": "Text", "da": "Tekst", "en": "Text"}
GIFTS_TOPIC = {
    "id": "own-topic",
    "title": T,
    "description": T,
    "questions": [{"id": "own-topic.small", "text": T}],
}


@dataclass(frozen=True)
class Row:
    kind: str  # pack, core, deck or cases
    edit: Edit
    problem: str | None  # None: valid; else a fragment of the loader's message
    at: str | None = None  # text on the line the message names
    schema: str = "refuses"  # or LOADER: the schema accepts what only the loader can refuse


ROWS: dict[str, Row] = {
    # -- valid variations: both accept -------------------------------------------------------
    "pack as it is": Row("pack", put("id", "minimal"), None),
    "null counts as not given": Row("pack", put("rules", 0, "cite", None), None),
    "a quoted version number": Row("pack", put("version", "1"), None),
    "a statement under its own heading": Row(
        "pack", put("values", 0, "statements", 0, {"text": T, "section": "one"}), None
    ),
    "general: false beside a cite": Row(
        "pack",
        both(
            put("contacts", 0, "general", False),
            put("contacts", 0, "cite", {"source": "test-code"}),
        ),
        None,
    ),
    "a topic of the pack's own": Row("pack", put("topics", [GIFTS_TOPIC]), None),
    "core as it is": Row("core", put("id", "core"), None),
    "deck as it is": Row("deck", put("id", "aarhus-two"), None),
    "cases as they are": Row("cases", put("cases", 0, "name", "all yes"), None),
    "cases: answers are checked by the engine": Row(
        "cases", put("cases", 0, "answers", "lawful", "maybe"), None
    ),
    # -- keys --------------------------------------------------------------------------------
    "unknown top-level key": Row(
        "pack", put("mayor", "nobody"), "unknown key 'mayor' in the pack file", '"mayor"'
    ),
    "unknown key in a contact": Row(
        "pack", put("contacts", 0, "mobile", "0"), "unknown key 'mobile' in a contact", '"mobile"'
    ),
    "unknown key in a cite": Row(
        "pack",
        put("values", 0, "cite", "page", "2"),
        "unknown key 'page' in the cite of value 'care'",
        '"page"',
    ),
    "unknown key in a statement mapping": Row(
        "pack",
        put("values", 0, "statements", 0, {"text": T, "page": "2"}),
        "unknown key 'page' in a statement of value 'care'",
        '"page"',
    ),
    "missing council": Row("pack", drop("council"), "the pack needs 'council'"),
    "required key given as null": Row("pack", put("source", None), "the pack needs 'source'"),
    "missing rule message": Row(
        "pack", drop("rules", 0, "message"), "rule 'care-no' needs 'message'"
    ),
    "missing cite source": Row(
        "pack", drop("values", 0, "cite", "source"), "the cite of value 'care' needs 'source'"
    ),
    "topic without id": Row("pack", put("topics", [{"title": T}]), "a topic needs 'id'"),
    # -- format ------------------------------------------------------------------------------
    "format 2": Row("pack", put("format", 2), "'format' must be 1", '"format"'),
    "format as text": Row("pack", put("format", "1"), "'format' must be 1", '"format"'),
    "format true": Row("pack", put("format", True), "'format' must be 1", '"format"'),
    "no format": Row("pack", drop("format"), "the pack needs 'format'"),
    # -- text where text is expected ----------------------------------------------------------
    "version: 1 unquoted": Row(
        "pack",
        put("version", 1),
        "'version' in the pack must be non-empty text, not the number 1: quote it",
        '"version"',
    ),
    "integer phone": Row(
        "pack",
        put("contacts", 0, "phone", 99311505),
        "'phone' in contact 'clerk' must be non-empty text, not the number 99311505: quote it",
        '"phone"',
    ),
    "boolean name": Row(
        "pack",
        put("contacts", 0, "name", True),
        "'name' in contact 'clerk' must be non-empty text, not the boolean true",
    ),
    "empty plain text": Row(
        "pack", put("contacts", 0, "email", " "), "'email' in contact 'clerk' must be non-empty"
    ),
    "integer id": Row("pack", put("id", 7), "'id' in the pack must be non-empty text"),
    "verdict as a list": Row(
        "pack", put("rules", 0, "verdict", ["reconsider"]), "'verdict' in rule 'care-no' must be"
    ),
    # -- translated texts --------------------------------------------------------------------
    "missing translation": Row(
        "pack",
        drop("council", "da"),
        "'council' in the pack has no translation for: da",
        '"council"',
    ),
    "unknown language": Row(
        "pack",
        put("council", "de", "Rat"),
        "'council' in the pack: unknown language 'de'",
        '"de"',
    ),
    "empty translation": Row(
        "pack",
        put("values", 0, "name", "en", "  "),
        "'name' in value 'care': the en text must be non-empty text",
    ),
    "integer translation": Row(
        "pack",
        put("council", "sv", 5),
        "the sv text must be non-empty text, not the number 5: quote it",
    ),
    "text given as a plain string": Row(
        "pack", put("council", "Testkommun"), "'council' in the pack must give the text in"
    ),
    "action that is not a text": Row(
        "pack",
        put("rules", 0, "actions", ["Call the clerk"]),
        "an item of 'actions' in rule 'care-no' must give the text in",
    ),
    # -- choices -----------------------------------------------------------------------------
    "verdict maybe": Row(
        "pack",
        put("rules", 0, "verdict", "maybe"),
        "verdict 'maybe' of rule 'care-no' is not one of",
        '"verdict"',
    ),
    "lang de": Row("pack", put("lang", "de"), "lang 'de' of the pack is not one of: sv, da, en"),
    "source kind statute": Row(
        "pack",
        put("sources", 0, "kind", "statute"),
        "kind 'statute' of source 'test-code' is not one of: code, guidance, law",
    ),
    "general as text": Row(
        "pack",
        put("contacts", 0, "general", "yes"),
        "'general' in contact 'clerk' must be true or false",
    ),
    # -- ids ---------------------------------------------------------------------------------
    "bad rule id": Row(
        "pack", put("rules", 0, "id", "Care_No"), "id 'Care_No' in a rule may use only a-z, 0-9"
    ),
    "id starting with a dash": Row(
        "pack", put("values", 0, "id", "-care"), "id '-care' in a value may use only"
    ),
    "bad section id": Row(
        "pack",
        put("sources", 0, "sections", "One", T),
        "'One' in the sections of source 'test-code' may use only a-z, 0-9 and '-'",
    ),
    "bad question id": Row(
        "pack",
        put("questions", [{"id": "own..q", "text": T}]),
        "id 'own..q' in a question of the pack may use only a-z, 0-9, '-' and '.'",
    ),
    "contact id that is a number": Row(
        "pack", put("rules", 0, "contacts", [5]), "an item of 'contacts' in rule 'care-no' must be"
    ),
    # -- lists and mappings ------------------------------------------------------------------
    "no values": Row("pack", put("values", []), "the pack needs at least one value"),
    "no statements": Row(
        "pack",
        put("values", 0, "statements", []),
        "value 'care' needs at least one statement",
    ),
    "rules as a mapping": Row(
        "pack", put("rules", {"care-no": {}}), "'rules' in the pack must be a list"
    ),
    "sections as a list": Row(
        "pack",
        put("sources", 0, "sections", ["one"]),
        "the sections of source 'test-code' must be a mapping, not a list",
    ),
    "a contact that is text": Row(
        "pack", put("contacts", 0, "clerk"), "a contact must be a mapping, not str 'clerk'"
    ),
    # -- a contact cites its source or is general advice --------------------------------------
    "contact with cite and general": Row(
        "pack",
        put("contacts", 0, "cite", {"source": "test-code"}),
        "contact 'clerk' must either cite the source that names it or be marked 'general: true'",
    ),
    "contact with neither": Row(
        "pack", drop("contacts", 0, "general"), "contact 'clerk' cites no source"
    ),
    # -- conditions --------------------------------------------------------------------------
    "condition with two keys": Row(
        "pack",
        when({"is": {"values.care": "no"}, "always": True}),
        "a condition is a mapping with exactly one of: is, in, all, any, not, always "
        "(in rule 'care-no')",
    ),
    "unknown condition": Row(
        "pack", when({"when": {"lawful": "no"}}), "unknown condition 'when'; use one of"
    ),
    "condition as text": Row("pack", when("lawful is no"), "a condition is a mapping"),
    "empty is": Row("pack", when({"is": {}}), "'is' needs a mapping of question id to answer"),
    "answer maybe": Row(
        "pack",
        when({"is": {"values.care": "maybe"}}),
        "answer 'maybe' for 'values.care' is not one of: yes, no, unsure",
    ),
    "in without a list": Row(
        "pack",
        when({"in": {"values.care": "no"}}),
        "'in' needs a non-empty list of answers for 'values.care'",
    ),
    "in with an empty list": Row(
        "pack", when({"in": {"values.care": []}}), "'in' needs a non-empty list of answers"
    ),
    "all empty": Row("pack", when({"all": []}), "'all' needs a non-empty list of conditions"),
    "any of a non-condition": Row(
        "pack",
        when({"any": [{"is": {"lawful": "no"}}, "lawful"]}),
        "a condition is a mapping with exactly one of",
    ),
    "not of a list": Row(
        "pack", when({"not": [{"is": {"lawful": "no"}}]}), "a condition is a mapping"
    ),
    "always false": Row("pack", when({"always": False}), "'always' takes the value true"),
    "question id with capitals in a condition": Row(
        "pack",
        when({"is": {"Lawful": "no"}}),
        "question id 'Lawful' may use only a-z, 0-9, '-' and '.'",
    ),
    # -- overrides ---------------------------------------------------------------------------
    "override of a rule's condition": Row(
        "pack",
        put("overrides", {"rules": {"core-no": {"when": {"always": True}}}}),
        "unknown key 'when' in the override of rule 'core-no'; allowed: message, cite, contacts",
    ),
    "override of an unknown verdict": Row(
        "pack",
        put("overrides", {"verdicts": {"maybe": {"label": T}}}),
        "'maybe' in the overrides of verdicts is not one of: proceed, seek_advice, reconsider",
    ),
    "unknown overrides section": Row(
        "pack", put("overrides", {"values": {}}), "unknown key 'values' in overrides"
    ),
    # -- the core ----------------------------------------------------------------------------
    "core without verdicts": Row("core", drop("verdicts"), "the core needs 'verdicts'"),
    "core verdict without next step": Row(
        "core",
        drop("verdicts", "proceed", "next_step"),
        "verdict 'proceed' needs 'next_step'",
    ),
    "core without lang": Row("core", drop("lang"), "the core needs 'lang'"),
    "core version unquoted": Row(
        "core", put("version", 1), "'version' in the core must be non-empty text, not the number 1"
    ),
    "core topic without title": Row(
        "core", drop("topics", 0, "title"), "topic 'confidentiality' needs 'title'"
    ),
    "core fallback with a verdict": Row(
        "core",
        put("fallback", "verdict", "proceed"),
        "unknown key 'verdict' in fallback; allowed: message, contacts",
    ),
    # -- decks -------------------------------------------------------------------------------
    "deck with one variation": Row(
        "deck",
        put("scenarios", 0, "variations", [T]),
        "scenario 'concert-tickets' needs 2 to 4 variations, not 1",
    ),
    "deck with five variations": Row(
        "deck", put("scenarios", 0, "variations", [T] * 5), "needs 2 to 4 variations, not 5"
    ),
    "deck scenario without cites": Row(
        "deck",
        put("scenarios", 0, "cites", []),
        "scenario 'concert-tickets' needs at least one cite",
    ),
    "deck format 2": Row("deck", put("format", 2), "'format' must be 1", '"format"'),
    "deck without scenarios": Row("deck", put("scenarios", []), "needs at least one scenario"),
    "deck scenario with an unknown key": Row(
        "deck", put("scenarios", 0, "answer", "yes"), "unknown key 'answer' in a scenario"
    ),
    # -- cases -------------------------------------------------------------------------------
    "case verdict maybe": Row(
        "cases", put("cases", 0, "verdict", "maybe"), "verdict 'maybe' of case 'all yes'"
    ),
    "case without answers": Row(
        "cases", drop("cases", 0, "answers"), "case 'all yes' needs 'answers'"
    ),
    "case fires as text": Row(
        "cases", put("cases", 0, "fires", "core-all-yes"), "'fires' in case 'all yes' must be a"
    ),
    "case with an unknown key": Row(
        "cases", put("cases", 0, "expect", "proceed"), "unknown key 'expect' in a case"
    ),
    # -- what only the loader can check -------------------------------------------------------
    "unknown contact": Row(
        "pack",
        put("rules", 0, "contacts", ["mayor"]),
        "unknown contact 'mayor' in rule 'care-no'",
        schema=LOADER,
    ),
    "unknown source of a cite": Row(
        "pack",
        put("values", 0, "cite", "source", "nowhere"),
        "unknown source 'nowhere' in value 'care'",
        schema=LOADER,
    ),
    "unknown section of a cite": Row(
        "pack",
        put("values", 0, "cite", "section", "two"),
        "unknown section 'two' of source 'test-code' in value 'care'",
        schema=LOADER,
    ),
    "unknown source of the pack": Row(
        "pack", put("source", "nowhere"), "unknown source 'nowhere'", schema=LOADER
    ),
    "unknown value of a rule": Row(
        "pack",
        put("rules", 0, "values", ["kindness"]),
        "unknown value 'kindness' in rule 'care-no'",
        schema=LOADER,
    ),
    "duplicate rule id": Row(
        "pack", put("rules", 0, "id", "core-no"), "duplicate rule id 'core-no'", schema=LOADER
    ),
    "a contact of the core redefined": Row(
        "pack",
        put("contacts", 0, "id", "group-leader"),
        "duplicate contact id 'group-leader'",
        schema=LOADER,
    ),
    "condition on an unknown question": Row(
        "pack",
        when({"is": {"values.kindness": "no"}}),
        "unknown question 'values.kindness' (in rule 'care-no')",
        schema=LOADER,
    ),
    "a topic's question outside its topic": Row(
        "pack",
        both(put("topics", [GIFTS_TOPIC]), when({"is": {"own-topic.small": "no"}})),
        "unknown question 'own-topic.small' (in rule 'care-no')",
        schema=LOADER,
    ),
    "a law cited without a section": Row(
        "pack",
        both(put("sources", 0, "kind", "law"), drop("values", 0, "cite", "section")),
        "names the law 'test-code' without a section",
        schema=LOADER,
    ),
    "a new topic without a title": Row(
        "pack",
        put("topics", [{"id": "own-topic", "description": T}]),
        "topic 'own-topic' needs 'title' (it is not a topic of the core)",
        schema=LOADER,
    ),
    "override of a rule the core lacks": Row(
        "pack",
        put("overrides", {"rules": {"nosuch": {"message": T}}}),
        "overrides: 'nosuch' is not a rule of the core",
        schema=LOADER,
    ),
    "core with a fifth question": Row(
        "core",
        lambda doc: doc["questions"].append({"id": "fifth", "text": T}),
        "the core must define exactly the questions lawful, values, ethical, reputation",
        schema=LOADER,
    ),
    "deck for another council": Row(
        "deck", put("council", "aalborg"), "the deck is for council 'aalborg'", schema=LOADER
    ),
    "deck with an unknown topic": Row(
        "deck",
        put("scenarios", 0, "topic", "bribes"),
        "unknown topic 'bribes' in scenario 'concert-tickets'",
        schema=LOADER,
    ),
    "duplicate case name": Row(
        "cases",
        put("cases", 1, "name", "all yes"),
        "duplicate case name 'all yes'",
        schema=LOADER,
    ),
}

CASES = {
    "cases": [
        {
            "name": "all yes",
            "answers": {"lawful": "yes", "values": "yes", "ethical": "yes", "reputation": "yes"},
            "verdict": "proceed",
            "fires": ["core-all-yes"],
        },
        {
            "name": "care no",
            "answers": {
                "lawful": "yes",
                "values.care": "no",
                "ethical": "yes",
                "reputation": "yes",
            },
            "verdict": "reconsider",
            "fires": ["core-no", "care-no"],
            "not_fires": ["core-all-yes"],
            "referrals": ["clerk"],
        },
    ]
}


def plain(path: Path) -> Any:
    """A strict-YAML file as plain JSON data."""
    return json.loads(json.dumps(loads(path.read_text(encoding="utf-8"))))


@cache
def base(kind: str) -> str:
    """The valid starting document of a kind, as JSON text."""
    source = {
        "pack": FIXTURES / "packs" / "minimal" / "pack.yaml",
        "core": packs.rules_dir() / "core.yaml",
        "deck": FIXTURES / "decks" / "aarhus-two.yaml",
    }
    document = CASES if kind == "cases" else plain(source[kind])
    return json.dumps(document)


@cache
def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(generator.schema(kind))


def load(kind: str, folder: Path) -> None:
    """Load the written file with the loader the CLI uses for that kind."""
    if kind == "pack":
        packs.load_path(folder / "pack.yaml")
    elif kind == "core":
        packs.load_custom(folder)
    elif kind == "deck":
        decks.load_deck(folder / "deck.yaml", packs.load("aarhus"))
    else:
        packcases.load_cases(folder / "cases.yaml")


FILE_NAMES = {"pack": "pack.yaml", "core": "core.yaml", "deck": "deck.yaml", "cases": "cases.yaml"}


@pytest.mark.parametrize("name", ROWS)
def test_loader_and_schema_agree(name: str, tmp_path: Path) -> None:
    row = ROWS[name]
    document = copy.deepcopy(json.loads(base(row.kind)))
    row.edit(document)
    text = json.dumps(document, ensure_ascii=False, indent=2)
    path = tmp_path / FILE_NAMES[row.kind]
    path.write_text(text, encoding="utf-8")
    if row.kind == "core":
        (tmp_path / "pack.yaml").write_text(base("pack"), encoding="utf-8")
    errors = [error.message for error in validator(row.kind).iter_errors(document)]

    if row.problem is None:
        assert not errors, errors
        load(row.kind, tmp_path)
        return
    with pytest.raises(PackError) as info:
        load(row.kind, tmp_path)
    error = info.value
    assert row.problem in error.problem
    assert error.file is not None
    assert error.file.endswith(FILE_NAMES[row.kind])
    assert error.line is not None
    assert str(error).startswith(f"{error.file}:{error.line}: ")
    if row.at is not None:
        assert row.at in text.splitlines()[error.line - 1]
    if row.schema == LOADER:
        assert not errors, f"the schema refuses what only the loader should check: {errors}"
    else:
        assert errors, "the schema accepts a file the loader refuses"


def test_the_table_covers_every_kind_of_rule() -> None:
    refused = [row for row in ROWS.values() if row.problem and row.schema != LOADER]
    assert len(refused) >= 25
    assert {row.kind for row in refused} == {"pack", "core", "deck", "cases"}
    assert sum(row.schema == LOADER for row in ROWS.values()) >= 10
