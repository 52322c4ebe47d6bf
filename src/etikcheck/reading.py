"""Bytes from files and stdin to text: UTF-8 only, bounded in size, errors with a line."""

from __future__ import annotations

MAX_BYTES = 2 * 1024 * 1024


class TextError(Exception):
    """A problem with a 1-based line (and column where known); callers turn it into a user error."""

    def __init__(self, problem: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line
        self.column = column


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is allowed); raises TextError naming the byte offset otherwise."""
    if len(data) > MAX_BYTES:
        raise TextError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TextError(f"not UTF-8 text (byte {exc.start})", line) from None
