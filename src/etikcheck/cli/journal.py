"""``etikcheck journal``: the member's private journal of saved decision records."""

from __future__ import annotations

from etikcheck import resolve
from etikcheck.cli.check import warn, write_json, write_view
from etikcheck.errors import Message, UsageError, excerpt
from etikcheck.i18n import plural, t
from etikcheck.output.escape import json_text
from etikcheck.output.text import journal_text
from etikcheck.store import journal

TYPE_CHECKING = False
if TYPE_CHECKING:
    from etikcheck.cli.parse import Values
    from etikcheck.environment import Environment


def _lang(values: Values, env: Environment) -> str:
    return resolve.ui_lang(env, values.text("lang"))


def _entries(env: Environment, lang: str) -> list[journal.Entry]:
    entries, warnings = journal.read(journal.journal_path(env.data_path()))
    for warning in warnings:
        warn(env, lang, warning)
    return entries


def list_records(values: Values, env: Environment) -> int:
    lang = _lang(values, env)
    entries = _entries(env, lang)
    if values.flag("json"):
        write_json(env, {"records": [e.record for e in entries]})
    else:
        env.stdout.write(journal_text(entries, lang))
    return 0


def _entry(env: Environment, lang: str, text: str | None) -> journal.Entry:
    entries = _entries(env, lang)
    number = int(text) if text and text.isdigit() else 0
    if not 1 <= number <= len(entries):
        shown = excerpt(text or "")[1:-1]
        if len(entries) < 2:
            key = "error.no_record_one" if entries else "error.journal_empty"
            raise UsageError(Message(key, n=shown))
        raise UsageError(Message("error.no_record", n=shown, count=len(entries)))
    return entries[number - 1]


def show(values: Values, env: Environment) -> int:
    from etikcheck.output.record import record_markdown

    entry = _entry(env, _lang(values, env), values.text("number"))
    return write_view(values, env, entry.record, record_markdown)


def _confirm(values: Values, env: Environment, lang: str, question: str) -> None:
    """Deleting needs a yes: --yes, or the word typed at the terminal."""
    if values.flag("yes"):
        return
    if not env.stdin_isatty:
        raise UsageError(t(lang, "msg.confirm_with_yes"))
    env.stdout.write(f"{question} ")
    env.stdout.flush()
    answer = env.stdin.readline(256).decode("utf-8", "replace").strip().casefold()
    if answer not in {t(lang, "word.yes").casefold(), "yes"}:
        raise UsageError(t(lang, "msg.nothing_deleted"))


def delete(values: Values, env: Environment) -> int:
    lang = _lang(values, env)
    entry = _entry(env, lang, values.text("number"))
    path = journal.journal_path(env.data_path())
    shown = journal_text([entry], lang, header=False).strip()
    _confirm(values, env, lang, t(lang, "prompt.delete_record", record=shown))
    journal.remove(path, {entry.line})
    env.stdout.write(t(lang, "msg.record_deleted", number=entry.number) + "\n")
    return 0


def clear(values: Values, env: Environment) -> int:
    lang = _lang(values, env)
    entries = _entries(env, lang)
    path = journal.journal_path(env.data_path())
    if not entries and not path.exists():
        env.stdout.write(t(lang, "label.journal_empty") + "\n")
        return 0
    _confirm(values, env, lang, plural(lang, "prompt.clear_journal", len(entries)))
    journal.remove(path, None)
    env.stdout.write(plural(lang, "msg.journal_cleared", len(entries)) + "\n")
    return 0


def export(values: Values, env: Environment) -> int:
    from etikcheck.output.record import record_markdown
    from etikcheck.store.files import write_private

    lang = _lang(values, env)
    entries = _entries(env, lang)
    if values.text("format") == "json":
        text = "".join(json_text(e.record, indent=None) + "\n" for e in entries)
    else:
        text = "\n---\n\n".join(record_markdown(e.record) for e in entries)
    output = values.path("output")
    if output is None:
        env.stdout.write(text)
    else:
        write_private(output, text, overwrite=values.flag("force"))
        env.stderr.write(plural(lang, "msg.records_written", len(entries), path=output) + "\n")
    return 0
