"""The schemas of the rule files (pack, core, deck, cases) are generated from packs/spec.py,
the definition the loader walks, and the shipped files are what the generator writes.

Every bundled pack, the core, the decks, the cases, the valid fixtures and the output of
`etikcheck rules new` validate; documents the loader rejects are rejected by the schema too (and,
to keep the two honest, by the loader itself). The full table of broken files is in
test_pack_format_table.py.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from etikcheck.errors import PackError
from etikcheck.packs import registry as packs
from etikcheck.packs import schema as generator
from etikcheck.packs.scaffold import create
from etikcheck.packs.strict_yaml import loads
from tests.conftest import FIXTURES, ROOT

MINIMAL = FIXTURES / "packs" / "minimal" / "pack.yaml"
PACK_FILES = [*sorted((ROOT / "rules").glob("*/pack.yaml")), MINIMAL]
KINDS = ("pack", "core", "deck", "cases")
REGENERATE = (
    f"the schemas are generated from src/etikcheck/packs/spec.py: run `{generator.COMMAND}`"
)


@cache
def schema() -> dict[str, Any]:
    resource = files("etikcheck") / "schemas" / "pack.schema.json"
    data = json.loads(resource.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


def read_pack(path: Path) -> Any:
    """A pack file as plain JSON data (the strict loader's YMap/YList turned into dict/list)."""
    return json.loads(json.dumps(loads(path.read_text(encoding="utf-8"))))


def schema_errors(document: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in sorted(validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    ]


def test_schema_is_found_as_package_resource() -> None:
    resource = files("etikcheck") / "schemas" / "pack.schema.json"
    assert resource.is_file()
    assert schema()["$id"] == "urn:etikcheck:pack:1"


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "yaml-language-server" in schema()["description"]


def test_bundled_packs_are_found() -> None:
    assert {p.parent.name for p in PACK_FILES} >= {"aalborg", "aarhus", "vasteras", "minimal"}


@pytest.mark.parametrize("path", PACK_FILES, ids=lambda p: p.parent.name)
def test_pack_validates(path: Path) -> None:
    errors = schema_errors(read_pack(path))
    assert not errors, "\n".join(errors)


# --- what the loader rejects, the schema rejects --------------------------------------------


def _unknown_top_level_key(doc: dict[str, Any]) -> None:
    doc["mayor"] = "nobody"


def _text_missing_da(doc: dict[str, Any]) -> None:
    del doc["council"]["da"]


def _verdict_maybe(doc: dict[str, Any]) -> None:
    doc["rules"][0]["verdict"] = "maybe"


def _condition_with_two_keys(doc: dict[str, Any]) -> None:
    doc["rules"][0]["when"] = {"is": {"values.care": "no"}, "always": True}


def _answer_maybe(doc: dict[str, Any]) -> None:
    doc["rules"][0]["when"] = {"is": {"values.care": "maybe"}}


def _unknown_key_in_contact(doc: dict[str, Any]) -> None:
    doc["contacts"][0]["mobile"] = "00 00 00 00"


def _no_values(doc: dict[str, Any]) -> None:
    doc["values"] = []


def _bad_id(doc: dict[str, Any]) -> None:
    doc["rules"][0]["id"] = "Care_No"


def _in_without_list(doc: dict[str, Any]) -> None:
    doc["rules"][0]["when"] = {"in": {"values.care": "no"}}


def _always_false(doc: dict[str, Any]) -> None:
    doc["rules"][0]["when"] = {"always": False}


BROKEN: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "unknown top-level key": (_unknown_top_level_key, "unknown key 'mayor' in the pack file"),
    "text missing da": (_text_missing_da, "'council' in the pack has no translation for: da"),
    "verdict maybe": (_verdict_maybe, "verdict 'maybe' of rule 'care-no' is not one of"),
    "condition with two keys": (_condition_with_two_keys, "exactly one of"),
    "answer maybe in is": (_answer_maybe, "answer 'maybe' for 'values.care' is not one of"),
    "unknown key in a contact": (_unknown_key_in_contact, "unknown key 'mobile' in a contact"),
    "no values": (_no_values, "the pack needs at least one value"),
    "bad rule id": (_bad_id, "may use only a-z, 0-9 and '-'"),
    "in without a list": (_in_without_list, "'in' needs a non-empty list of answers"),
    "always false": (_always_false, "'always' takes the value true"),
}


@pytest.mark.parametrize("case", BROKEN, ids=str)
def test_schema_rejects_what_the_loader_rejects(case: str, tmp_path: Path) -> None:
    breaker, problem = BROKEN[case]
    document = copy.deepcopy(read_pack(MINIMAL))
    assert not schema_errors(document)
    breaker(document)

    assert schema_errors(document), f"the schema accepts a pack with {case}"

    # JSON is valid YAML, and the strict loader reads it as written.
    pack_file = tmp_path / "pack.yaml"
    pack_file.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    with pytest.raises(PackError) as excinfo:
        packs.load_path(pack_file)
    assert problem in str(excinfo.value)


def test_the_unbroken_minimal_pack_loads_from_json(tmp_path: Path) -> None:
    """The JSON route of the test above is sound: the untouched fixture loads from JSON."""
    pack_file = tmp_path / "pack.yaml"
    pack_file.write_text(json.dumps(read_pack(MINIMAL), ensure_ascii=False), encoding="utf-8")
    assert packs.load_path(pack_file).id == "minimal"


def test_pack_topics_need_only_an_id() -> None:
    """A pack topic may lean on the core topic's title and description (as the loader allows)."""
    document = read_pack(MINIMAL)
    document["topics"] = [{"id": "gifts", "actions": [{"sv": "a", "da": "b", "en": "c"}]}]
    assert not schema_errors(document)
    del document["topics"][0]["id"]
    assert schema_errors(document)


# --- the shipped schemas are the generated ones ----------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_schema_is_the_generated_one(kind: str) -> None:
    resource = files("etikcheck") / "schemas" / f"{kind}.schema.json"
    assert resource.is_file(), f"schemas/{kind}.schema.json is missing; {REGENERATE}"
    shipped = resource.read_text(encoding="utf-8")
    assert shipped == generator.schema_text(kind), (
        f"schemas/{kind}.schema.json is stale; {REGENERATE}"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_generated_schema_is_valid_with_its_urn(kind: str) -> None:
    generated = generator.schema(kind)
    Draft202012Validator.check_schema(generated)
    assert generated["$id"] == f"urn:etikcheck:{kind}:1"
    assert "yaml-language-server" in generated["description"]


def test_every_key_of_the_schemas_has_a_description() -> None:
    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            properties = node.get("properties", {}) if node.get("type") == "object" else {}
            for name, value in properties.items():
                assert value.get("description"), f"{where}/{name} has no description"
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    for kind in KINDS:
        walk(generator.schema(kind), kind)


def test_the_docs_tables_are_the_generated_ones() -> None:
    docs = ROOT / "docs" / "rule-packs.md"
    text = docs.read_text(encoding="utf-8")
    assert "<!-- spec:PACK" in text
    assert generator.render_docs(text) == text, (
        f"the Keys tables of docs/rule-packs.md are stale; {REGENERATE}"
    )


def test_the_generator_check_mode_finds_nothing_stale(capsys: pytest.CaptureFixture[str]) -> None:
    assert generator.main(["--check"]) == 0
    assert "match spec.py" in capsys.readouterr().out


# --- what validates --------------------------------------------------------------------------


def kind_errors(kind: str, document: Any) -> list[str]:
    validator = Draft202012Validator(generator.schema(kind))
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    ]


VALID_FILES = [
    ("core", ROOT / "rules" / "core.yaml"),
    ("core", FIXTURES / "lint" / "no-verdict" / "core.yaml"),
    *(("pack", path) for path in sorted((FIXTURES / "lint").glob("*/pack.yaml"))),
    # loader-only problems: the structure is fine
    ("pack", FIXTURES / "packs" / "unknown-contact" / "pack.yaml"),
    ("pack", FIXTURES / "packs" / "unknown-question" / "pack.yaml"),
    *(("deck", path) for path in sorted((ROOT / "rules" / "scenarios").glob("*.yaml"))),
    ("deck", FIXTURES / "decks" / "aarhus-two.yaml"),
    *(("cases", path) for path in sorted((ROOT / "rules").glob("*/cases.yaml"))),
]


@pytest.mark.parametrize(
    ("kind", "path"), VALID_FILES, ids=lambda v: v if isinstance(v, str) else v.parent.name
)
def test_file_validates(kind: str, path: Path) -> None:
    errors = kind_errors(kind, read_pack(path))
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize(
    ("fixture", "problem"),
    [("wrong-type", "reconsider"), ("missing-translation", "'da' is a required property")],
)
def test_broken_fixtures_fail_the_schema(fixture: str, problem: str) -> None:
    errors = kind_errors("pack", read_pack(FIXTURES / "packs" / fixture / "pack.yaml"))
    assert any(problem in error for error in errors), errors


@pytest.mark.parametrize("lang", ["sv", "da", "en"])
def test_the_rules_new_scaffold_validates(tmp_path: Path, lang: str) -> None:
    folder = tmp_path / "odense"
    written = create("Odense Kommune", lang, folder)
    assert sorted(p.name for p in written) == [
        "cases.schema.json",
        "cases.yaml",
        "pack.schema.json",
        "pack.yaml",
    ]
    for kind in ("pack", "cases"):  # editors find the schema beside the file, wherever it is
        first = (folder / f"{kind}.yaml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=./{kind}.schema.json"
        shipped = files("etikcheck") / "schemas" / f"{kind}.schema.json"
        assert (folder / f"{kind}.schema.json").read_text(encoding="utf-8") == shipped.read_text(
            encoding="utf-8"
        )
    assert not kind_errors("pack", read_pack(folder / "pack.yaml"))
    assert not kind_errors("cases", read_pack(folder / "cases.yaml"))
    assert packs.load_custom(folder).id == "odense-kommune"


# --- the spec stays off the cached path ------------------------------------------------------

FENCE = """
import io, json, sys
from pathlib import Path
from etikcheck.cli.main import run
from etikcheck.environment import Environment
cache = Path(sys.argv[1])
answers = {"lawful": "yes", "values": "yes", "ethical": "yes", "reputation": "yes"}
stdin = json.dumps({"council": "aarhus", "answers": answers}).encode()
env = Environment(stdin=io.BytesIO(stdin), stdout=io.StringIO(), stderr=io.StringIO(),
                  stdin_isatty=False, environ={}, cache_dir=cache, config_dir=cache, data_dir=cache)
assert run(["check", "--json"], env) == 0
print(json.dumps(sorted(m for m in sys.modules if m.startswith("etikcheck"))))
"""


def test_a_cached_check_imports_neither_the_spec_nor_the_loader(tmp_path: Path) -> None:
    import subprocess
    import sys

    def modules() -> set[str]:
        result = subprocess.run(
            [sys.executable, "-c", FENCE, str(tmp_path)], capture_output=True, text=True, check=True
        )
        return set(json.loads(result.stdout))

    assert "etikcheck.packs.spec" in modules()  # the first run fills the cache
    loaded = modules()
    assert not {"etikcheck.packs.spec", "etikcheck.packs.loader", "etikcheck.packs.schema"} & loaded
