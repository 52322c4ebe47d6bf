"""The private journal: append-only JSON lines in the user data dir, mode 0600.

Each record is one line, written with one ``write`` on an O_APPEND descriptor under an
exclusive lock, then fsynced. Earlier bytes are never rewritten, so a crash or kill during a
write can at worst leave a torn last line; the reader reports and skips such a line, and the
next append first ends it with a newline so the new record stays whole.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from etikcheck.errors import Message, UsageError, os_reason
from etikcheck.model import ANSWERS, LANGS, VERDICTS
from etikcheck.reading import MAX_LINE, TextError, decode, lines, loads_json, size_text
from etikcheck.store.files import locked_append

JOURNAL_FILE = "journal.jsonl"


@dataclass(frozen=True)
class Entry:
    number: int  # 1-based among the readable records, as `journal` lists them
    line: int  # line in the file
    record: dict[str, Any]


def journal_path(data_dir: Path) -> Path:
    return data_dir / JOURNAL_FILE


def append(path: Path, record: dict[str, Any]) -> None:
    data = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
    with locked_append(path) as fd:
        size = os.fstat(fd).st_size
        if size and _last_byte(path, size) != b"\n":
            data = b"\n" + data
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)


def remove(path: Path, lines_to_remove: set[int] | None) -> int:
    """Remove records by their line in the file (None: every record), under the journal's
    lock; the rest stay byte for byte, and the file stays private (0600). Returns how many
    lines were removed."""
    from etikcheck.store.files import replace_private

    with locked_append(path):
        with path.open("rb") as handle:
            kept, removed = [], 0
            for number, line in enumerate(handle, 1):
                if lines_to_remove is None or number in lines_to_remove:
                    removed += bool(line.strip())
                else:
                    kept.append(line)
        replace_private(path, b"".join(kept))
    return removed


def _last_byte(path: Path, size: int) -> bytes:
    with path.open("rb") as handle:
        handle.seek(size - 1)
        return handle.read(1)


def read(path: Path) -> tuple[list[Entry], list[Message]]:
    """All readable records, and one warning per damaged line (an error only when the journal
    cannot be opened)."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below; a missing journal is empty
    except FileNotFoundError:
        return [], []
    except OSError as exc:
        reason = os_reason(exc)
        raise UsageError(Message("error.cannot_read_journal", path=path, reason=reason)) from None
    entries: list[Entry] = []
    warnings: list[Message] = []
    with handle:
        try:
            for number, line in enumerate(lines(handle, MAX_LINE), 1):
                if line is None:
                    size = size_text(MAX_LINE)
                    warnings.append(
                        Message("warn.line_too_long", path=path, line=number, size=size)
                    )
                    continue
                if not line.strip():
                    continue
                try:
                    record = loads_json(decode(line))
                except TextError:
                    warnings.append(Message("warn.line_damaged", path=path, line=number))
                    continue
                if not is_record(record):
                    warnings.append(Message("warn.not_a_record", path=path, line=number))
                    continue
                entries.append(Entry(len(entries) + 1, number, record))
        except OSError as exc:
            reason = os_reason(exc)
            warnings.append(Message("warn.cannot_read_further", path=path, reason=reason))
    return entries, warnings


_RECORD_TEXT = ("saved_at",)
_DECISION_TEXT = (
    "verdict",
    "verdict_label",
    "next_step",
    "council",
    "council_name",
    "lang",
    "disclaimer",
)


def is_record(record: Any) -> bool:
    """Whether a journal line holds everything ``journal``, ``journal show`` and ``journal
    export`` read (a record written by etikcheck always does)."""
    if not isinstance(record, dict) or not all(
        isinstance(record.get(k), str) for k in _RECORD_TEXT
    ):
        return False
    decision = record.get("decision")
    if not isinstance(decision, dict):
        return False
    if not all(isinstance(decision.get(k), str) for k in _DECISION_TEXT):
        return False
    if decision["verdict"] not in VERDICTS or decision["lang"] not in LANGS:
        return False
    pack = decision.get("pack")
    answers = decision.get("answers")
    lists = ("reasons", "referrals", "actions")
    return (
        isinstance(pack, dict)
        and all(isinstance(pack.get(k), str) for k in ("id", "version", "sha256"))
        and isinstance(answers, dict)
        and all(isinstance(q, str) and a in ANSWERS for q, a in answers.items())
        and all(isinstance(decision.get(k), list) for k in lists)
        and all(_is_reason(r) for r in decision["reasons"])
        and all(_is_contact(c) for c in decision["referrals"])
        and all(isinstance(a, str) for a in decision["actions"])
        and isinstance(record.get("questions", {}), dict)
        and (record.get("situation") is None or isinstance(record.get("situation"), str))
    )


def _is_reason(reason: Any) -> bool:
    if not isinstance(reason, dict) or not isinstance(reason.get("message"), str):
        return False
    if reason.get("verdict") not in VERDICTS:
        return False
    source = reason.get("source")  # records of older versions lack lang, kind and original
    return source is None or (
        isinstance(source, dict)
        and all(isinstance(source.get(k), str) for k in ("document", "publisher"))
    )


def _is_contact(contact: Any) -> bool:
    return isinstance(contact, dict) and isinstance(contact.get("role"), str)
