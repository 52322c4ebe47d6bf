"""``etikcheck journal``: the member's private journal of saved decision records."""

from __future__ import annotations

from etikcheck import resolve
from etikcheck.cli.check import write_json
from etikcheck.errors import UsageError
from etikcheck.output.escape import json_text
from etikcheck.store import journal

TYPE_CHECKING = False
if TYPE_CHECKING:
    from etikcheck.cli.parse import Values
    from etikcheck.environment import Environment


def _entries(env: Environment) -> list[journal.Entry]:
    entries, warnings = journal.read(journal.journal_path(env.data_path()))
    for warning in warnings:
        env.stderr.write(f"etikcheck: warning: {warning}\n")
    return entries


def list_records(values: Values, env: Environment) -> int:
    from etikcheck.output.text import journal_text

    entries = _entries(env)
    if values.flag("json"):
        write_json(env, {"records": [e.record for e in entries]})
    else:
        env.stdout.write(journal_text(entries, resolve.ui_lang(env)))
    return 0


def _entry(env: Environment, text: str | None) -> journal.Entry:
    entries = _entries(env)
    number = int(text) if text and text.isdigit() else 0
    if not 1 <= number <= len(entries):
        raise UsageError(
            f"no record {text} in the journal; it has {len(entries)} "
            f"record{'s' if len(entries) != 1 else ''}"
        )
    return entries[number - 1]


def show(values: Values, env: Environment) -> int:
    from etikcheck.output.record import record_markdown

    entry = _entry(env, values.text("number"))
    if values.flag("json"):
        write_json(env, entry.record)
    else:
        env.stdout.write(record_markdown(entry.record))
    return 0


def export(values: Values, env: Environment) -> int:
    from etikcheck.output.record import record_markdown
    from etikcheck.store.files import write_private

    entries = _entries(env)
    if values.text("format") == "json":
        text = "".join(json_text(e.record, indent=None) + "\n" for e in entries)
    else:
        text = "\n---\n\n".join(record_markdown(e.record) for e in entries)
    output = values.path("output")
    if output is None:
        env.stdout.write(text)
    else:
        write_private(output, text, overwrite=values.flag("force"))
        env.stderr.write(f"etikcheck: {len(entries)} records written to {output}\n")
    return 0
