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

from etikcheck.errors import UsageError
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


def _last_byte(path: Path, size: int) -> bytes:
    with path.open("rb") as handle:
        handle.seek(size - 1)
        return handle.read(1)


def read(path: Path) -> tuple[list[Entry], list[str]]:
    """All readable records, and one warning per damaged line (never an exception)."""
    if not path.exists():
        return [], []
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the journal: {exc.strerror or exc}") from None
    entries: list[Entry] = []
    warnings: list[str] = []
    for number, line in enumerate(raw.split(b"\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            warnings.append(f"{path}: line {number} is damaged and was skipped")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("decision"), dict):
            warnings.append(f"{path}: line {number} is not a decision record and was skipped")
            continue
        entries.append(Entry(len(entries) + 1, number, record))
    return entries, warnings
