"""``etikcheck schema [NAME]``: the JSON Schemas shipped with etikcheck, listed or printed.

Every JSON document etikcheck writes (and every file it reads) has a schema in the package
(``etikcheck/schemas/``); a script can list them and print one, whatever the installation:

    etikcheck schema                  # name and what each describes
    etikcheck schema batch-line       # the schema itself, as JSON
    etikcheck schema pack > pack.schema.json   # beside a pack, for editors
"""

from __future__ import annotations

from pathlib import Path

from etikcheck.cli.check import write_json
from etikcheck.errors import UsageError, excerpt

TYPE_CHECKING = False
if TYPE_CHECKING:
    from etikcheck.cli.parse import Values
    from etikcheck.environment import Environment

LIST_SCHEMA = "etikcheck.schemas/1"
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

# name (the file is NAME.schema.json) -> what it describes; in the order they are listed
CATALOG: dict[str, str] = {
    "check-input": "the input of etikcheck check (stdin or --input, JSON or YAML)",
    "decision": "etikcheck check --json",
    "batch-input": "a line of the input of etikcheck batch",
    "batch-line": "a line of the output of etikcheck batch",
    "error": "what any command writes in --json mode when it cannot run",
    "questions": "etikcheck questions --json",
    "topics": "etikcheck topics --json",
    "councils": "etikcheck councils --json",
    "rules-list": "etikcheck rules list --json",
    "rules-show": "etikcheck rules show PACK --json",
    "rules-lint": "etikcheck rules lint --json",
    "config": "etikcheck config --json",
    "journal": "etikcheck journal --json",
    "record": "a journal record: etikcheck journal show N --json, journal export --format json",
    "answer-file": "a participant's answer file: etikcheck train answer, train tally",
    "schema-list": "etikcheck schema --json",
    "pack": "a council's pack file, pack.yaml",
    "core": "the shared core, core.yaml (or a pack's own)",
    "cases": "a pack's test cases, cases.yaml",
    "deck": "a scenario deck for etikcheck train",
}


def schema_path(name: str) -> Path:
    return SCHEMA_DIR / f"{name}.schema.json"


def _read(name: str) -> str:
    try:
        return schema_path(name).read_text(encoding="utf-8")
    except OSError as exc:  # pragma: no cover - a broken installation
        raise UsageError(f"schema {name}: cannot read {schema_path(name)}: {exc}") from None


def entries() -> list[dict[str, str]]:
    """Every shipped schema: its name, file, $id, title and what it describes."""
    import json

    result = []
    for name, describes in CATALOG.items():
        data = json.loads(_read(name))
        result.append(
            {
                "name": name,
                "file": schema_path(name).name,
                "id": data["$id"],
                "title": data["title"],
                "describes": describes,
            }
        )
    return result


def show(values: Values, env: Environment) -> int:
    name = values.text("name")
    if name is None:
        if values.flag("json"):
            write_json(env, {"schema": LIST_SCHEMA, "schemas": entries()})
        else:
            width = max(map(len, CATALOG))
            env.stdout.writelines(f"{n:<{width}}  {what}\n" for n, what in CATALOG.items())
        return 0
    wanted = name.removesuffix(".schema.json")
    if wanted not in CATALOG:
        from difflib import get_close_matches

        hint = get_close_matches(wanted, list(CATALOG), n=1)
        maybe = f"did you mean {hint[0]}? " if hint else ""
        raise UsageError(
            f"schema: no schema {excerpt(name)}; {maybe}known: {', '.join(CATALOG)} "
            "(see: etikcheck schema)"
        )
    env.stdout.write(_read(wanted))
    return 0
