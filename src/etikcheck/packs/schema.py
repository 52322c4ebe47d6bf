"""Generate the JSON Schemas of the rule files and the Keys tables of the docs from spec.py.

    python -m etikcheck.packs.schema            # write src/etikcheck/schemas/*.schema.json and
                                                # the generated tables of docs/rule-packs.md
    python -m etikcheck.packs.schema --check    # only say what is out of date (exit 1)

The schemas are JSON Schema 2020-12 (``pack``, ``core``, ``deck`` and ``cases``); the tests fail
when the shipped files differ from what this writes. In docs/rule-packs.md only the blocks between
``<!-- spec:NAME … -->`` and ``<!-- /spec:NAME -->`` are written (NAME is a record of spec.py).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from etikcheck.model import LANGS
from etikcheck.packs import spec

COMMAND = "python -m etikcheck.packs.schema"
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
DOCS = Path(__file__).resolve().parents[3] / "docs" / "rule-packs.md"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_PATTERN = "^[a-z0-9][a-z0-9-]*$"
QUESTION_ID_PATTERN = "^[a-z0-9-]+(\\.[a-z0-9-]+)*$"
NONEMPTY = "\\S"
LANGUAGE_NAMES = {"sv": "Swedish.", "da": "Danish.", "en": "English."}
ABSENT = {"description": "null (`~` or nothing): the key counts as not given.", "type": "null"}

Json = dict[str, Any]

# -- JSON Schema -------------------------------------------------------------------------------


class _Generator:
    def __init__(self) -> None:
        self.defs: Json = {}

    def ref(self, name: str) -> Json:
        return {"$ref": f"#/$defs/{name}"}

    def schema(self, kind: spec.Spec) -> Json:
        """The schema of ``kind``: a $ref when it has a name (its body goes to $defs)."""
        if isinstance(kind, spec.Ref):
            kind = spec.DEFINITIONS[kind.name]
        name = getattr(kind, "name", None)
        if name is None:
            return self.body(kind)
        if name not in self.defs:
            self.defs[name] = {}  # taken before the body is made: conditions are recursive
            self.defs[name] = self.body(kind)
        return self.ref(name)

    def body(self, kind: spec.Spec) -> Json:
        if isinstance(kind, spec.Plain):
            return {"description": kind.description, "type": "string", "pattern": NONEMPTY}
        if isinstance(kind, spec.Ident):
            pattern = QUESTION_ID_PATTERN if kind.dotted else ID_PATTERN
            return {"description": kind.description, "type": "string", "pattern": pattern}
        if isinstance(kind, spec.Translated):
            return {
                "description": kind.description,
                "type": "object",
                "additionalProperties": False,
                "required": list(LANGS),
                "properties": {
                    lang: {
                        "description": LANGUAGE_NAMES[lang],
                        "type": "string",
                        "pattern": NONEMPTY,
                    }
                    for lang in LANGS
                },
            }
        if isinstance(kind, spec.Choice):
            return {"description": kind.description, "type": "string", "enum": list(kind.values)}
        if isinstance(kind, spec.Exactly):
            return {"const": kind.value}
        if isinstance(kind, spec.Flag):
            return {"type": "boolean"}
        if isinstance(kind, spec.Anything):
            return {"description": kind.description}
        if isinstance(kind, spec.ListOf):
            result: Json = {"type": "array", "items": self.schema(kind.item)}
            if kind.min:
                result["minItems"] = kind.min
            if kind.max is not None:
                result["maxItems"] = kind.max
            return result
        if isinstance(kind, spec.MapOf):
            result = {"type": "object"}
            if kind.key is not None:
                result["propertyNames"] = self.schema(kind.key)
            result["additionalProperties"] = self.schema(kind.value)
            if kind.min:
                result["minProperties"] = kind.min
            return result
        if isinstance(kind, spec.Record):
            return self.record(kind)
        if isinstance(kind, spec.Either):
            return {"anyOf": [self.schema(kind.otherwise), self.schema(kind.then)]}
        if isinstance(kind, spec.Condition):
            return {
                "description": kind.description,
                "type": "object",
                "minProperties": 1,
                "maxProperties": 1,
                "additionalProperties": False,
                "properties": {
                    key.name: {"description": key.description, **self.schema(key.type)}
                    for key in kind.keys.values()
                },
            }
        raise TypeError(f"no schema for {kind!r}")  # pragma: no cover - every kind is above

    def record(self, kind: spec.Record) -> Json:
        result: Json = {
            "description": kind.description,
            "type": "object",
            "additionalProperties": False,
        }
        required = [key.name for key in kind.keys.values() if key.required]
        if required:
            result["required"] = required
        result["properties"] = {key.name: self.property(key) for key in kind.keys.values()}
        if kind.exactly_one is not None:
            result["oneOf"] = [
                {"required": [name], "properties": {name: {"not": {"enum": [None, False]}}}}
                for name in kind.exactly_one.keys
            ]
        return result

    def property(self, key: spec.Key) -> Json:
        value = self.schema(key.type)
        if not key.required:
            self.defs.setdefault("absent", ABSENT)
            value = {"anyOf": [value, self.ref("absent")]}
        return {"description": key.description} | {
            k: v for k, v in value.items() if k != "description"
        }


def schema(kind: str) -> Json:
    """The JSON Schema of one kind of file (pack, core, deck or cases)."""
    file = spec.FILES[kind]
    generator = _Generator()
    body = generator.record(file.record)
    del body["description"]
    return {
        "$schema": DIALECT,
        "$id": file.schema_id,
        "title": file.title,
        "description": file.description,
        **body,
        "$defs": generator.defs,
    }


def schema_text(kind: str) -> str:
    return json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"


def schema_path(kind: str) -> Path:
    return SCHEMA_DIR / f"{kind}.schema.json"


# -- the docs' tables --------------------------------------------------------------------------

BLOCK = re.compile(r"(<!-- spec:(\w+)[^>]*-->\n)(.*?)(<!-- /spec:\2 -->)", re.DOTALL)


def phrase(kind: spec.Spec, plural: bool = False) -> str:
    """How the docs name a kind of value: "id", "text", "list of at least one value" …"""
    s = "s" if plural else ""
    if isinstance(kind, spec.Ref):
        return phrase(spec.DEFINITIONS[kind.name], plural)
    if isinstance(kind, spec.Ident):
        return ("question id" if kind.dotted else "id") + s
    if isinstance(kind, spec.Plain):
        return "plain text" + s
    if isinstance(kind, spec.Translated):
        return "text" + s
    if isinstance(kind, spec.Choice):
        *first, last = (f"`{value}`" for value in kind.values)
        return f"{', '.join(first)} or {last}"
    if isinstance(kind, spec.Exactly):
        shown = str(kind.value).lower() if isinstance(kind.value, bool) else str(kind.value)
        return f"`{shown}`" if isinstance(kind.value, bool) else f"the integer `{shown}`"
    if isinstance(kind, spec.Flag):
        return "`true` or `false`"
    if isinstance(kind, spec.Anything):
        return "any value"
    if isinstance(kind, spec.ListOf):
        if kind.max is not None:
            return f"list of {kind.min} to {kind.max} {phrase(kind.item, True)}"
        if kind.min == 1:
            return f"list of at least one {phrase(kind.item)}"
        return f"list of {phrase(kind.item, True)}"
    if isinstance(kind, spec.MapOf):
        key = "text" if kind.key is None else phrase(kind.key)
        return f"mapping of {key} to {phrase(kind.value)}"
    if isinstance(kind, spec.Either):
        keys = ", ".join(kind.then.keys)
        if plural:
            return f"{kind.name}s ({phrase(kind.otherwise, True)}, or mappings `{{{keys}}}`)"
        return f"{kind.name} ({phrase(kind.otherwise)}, or a mapping `{{{keys}}}`)"
    if isinstance(kind, spec.Condition):
        return f"{kind.name}{s} (section 4)"
    return kind.noun + ("" if kind.noun.endswith("s") else s)


def _sentence(description: str) -> str:
    """The description after "type: ": its first word in lower case unless it is a name."""
    word = description.split(" ", 1)[0]
    if word[:1].isupper() and (len(word) == 1 or word[1:].islower()):
        return description[0].lower() + description[1:]
    return description


def table(record: spec.Record) -> str:
    rows = ["| Key | Required | Value |", "|---|---|---|"]
    for key in record.keys.values():
        value = f"{phrase(key.type)}: {_sentence(key.description)}".replace("|", "\\|")
        rows.append(f"| `{key.name}` | {'yes' if key.required else 'no'} | {value} |")
    return "\n".join(rows) + "\n"


def render_docs(text: str) -> str:
    """``text`` with every ``<!-- spec:NAME -->`` block replaced by the table of spec.NAME."""

    def fill(match: re.Match[str]) -> str:
        record = getattr(spec, match.group(2), None)
        if not isinstance(record, spec.Record):
            raise ValueError(f"docs: <!-- spec:{match.group(2)} --> names no record of spec.py")
        return match.group(1) + table(record) + match.group(4)

    return BLOCK.sub(fill, text)


# -- the command -------------------------------------------------------------------------------


def outputs() -> dict[Path, str]:
    """Every generated file and its content (the docs only in a source checkout)."""
    result = {schema_path(kind): schema_text(kind) for kind in spec.FILES}
    if DOCS.is_file():
        result[DOCS] = render_docs(DOCS.read_text(encoding="utf-8"))
    return result


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args not in ([], ["--check"]):
        sys.stderr.write(f"usage: {COMMAND} [--check]\n")
        return 2
    stale = []
    for path, content in outputs().items():
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        if old != content:
            stale.append(path)
            if not args:
                path.write_text(content, encoding="utf-8")
    verb = "out of date" if args else "written"
    for path in stale:
        sys.stdout.write(f"{verb}: {path}\n")
    if not stale:
        sys.stdout.write("the schemas and docs match spec.py\n")
    return 1 if stale and args else 0


if __name__ == "__main__":
    sys.exit(main())
