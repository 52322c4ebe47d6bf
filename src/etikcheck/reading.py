"""Everything etikcheck takes in, read the same way: bounded, UTF-8, strict JSON.

One reader for every file and stream (check input, batch lines, packs, decks, answer files,
settings, the journal, the cache): it reads at most its limit plus one byte and stops, so
``/dev/zero``, a sparse 2 GB file or an endless pipe cost at most the limit. One JSON parser
that refuses what :mod:`json` lets through or crashes on: duplicate keys, nesting deeper than
:data:`MAX_DEPTH`, integers longer than Python will convert, lone surrogates. Problems are
:class:`TextError` with the line where known; callers turn them into the user error of their
kind (input: exit 2, pack: exit 3).
"""

from __future__ import annotations

import json
import re

from etikcheck.errors import EnglishOnly, Foreign, Message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any, BinaryIO

MAX_BYTES = 2 * 1024 * 1024  # a check input, a pack file, a deck, a cases file
MAX_LINE = 64 * 1024  # one batch line, one journal record
MAX_SMALL = 256 * 1024  # settings, an answer file
MAX_DEPTH = 64  # JSON nesting: our documents are at most five levels deep
MAX_SKIP = 16 * 1024 * 1024  # an over-long line is read past up to this, then reading stops

_SURROGATE = re.compile("[\ud800-\udfff]")
_NUL = re.compile("\x00")


class TextError(Exception):
    """A problem with a 1-based line (and column where known); callers turn it into a user error."""

    def __init__(
        self,
        problem: str | Message,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(str(problem))
        self.problem = problem
        self.line = line
        self.column = column
        self.field = field


def size_text(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit // 1024} KiB"


def read_stream(stream: BinaryIO, limit: int = MAX_BYTES) -> bytes:
    """At most ``limit`` bytes of a binary stream; TextError when there is more."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise TextError(Message("error.input_too_large", size=size_text(limit)))
    return data


def read_file(path: object, limit: int = MAX_BYTES) -> bytes:
    """At most ``limit`` bytes of a file (OSError propagates: callers name the file)."""
    with open(path, "rb") as handle:  # type: ignore[call-overload]
        data: bytes = handle.read(limit + 1)
    if len(data) > limit:
        raise TextError(Message("error.file_too_large", size=size_text(limit)))
    return data


def lines(stream: BinaryIO, limit: int = MAX_LINE) -> Iterator[bytes | None]:
    """The lines of a stream, each at most ``limit`` bytes; a longer line is read past (never
    held whole) and given as None, so the caller can report it and go on. A line that goes on
    for more than :data:`MAX_SKIP` (``/dev/zero``) ends the stream after its None."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            skipped = len(line)
            while line and not line.endswith(b"\n") and skipped <= MAX_SKIP:
                line = stream.readline(limit + 1)
                skipped += len(line)
            yield None
            if skipped > MAX_SKIP:
                return
            continue
        yield line


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is allowed), no NUL; raises TextError naming the line otherwise."""
    if len(data) > MAX_BYTES:
        raise TextError(Message("error.file_too_large", size=size_text(MAX_BYTES)))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TextError(Message("error.not_utf8", byte=exc.start), line) from None
    nul = _NUL.search(text)
    if nul is not None:
        line = text.count("\n", 0, nul.start()) + 1
        raise TextError(Message("error.nul_byte"), line)
    return text


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise TextError(Message("error.duplicate_key", key=repr(escape(key))), field=key)
        result[key] = value
    return result


def _check(value: Any, path: str, depth: int) -> None:
    """Depth and lone surrogates, walking the parsed document once."""
    if depth > MAX_DEPTH:
        field = path.split("[")[0].split(".")[0] or "input"  # where it starts, not 64 levels
        raise TextError(Message("error.too_deep", depth=MAX_DEPTH), field=field)
    if isinstance(value, str):
        if _SURROGATE.search(value):
            raise TextError(Message("error.surrogate"), field=path or "input")
    elif isinstance(value, dict):
        for key, item in value.items():
            inner = f"{path}.{key}" if path else key
            if _SURROGATE.search(key):
                raise TextError(Message("error.surrogate_key"), field=escape(inner))
            _check(item, inner, depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check(item, f"{path}[{index}]", depth + 1)


# The JSON parser's complaints (its English, by how they begin) and their translations
_JSON_PROBLEMS = (
    ("Expecting value", "reason.json_value"),
    ("Expecting property name", "reason.json_name"),
    ("Expecting ':'", "reason.json_colon"),
    ("Expecting ','", "reason.json_comma"),
    ("Unterminated string", "reason.json_unterminated"),
    ("Invalid control character", "reason.json_control"),
    ("Invalid \\uXXXX", "reason.json_unicode_escape"),
    ("Invalid \\escape", "reason.json_escape"),
    ("Extra data", "reason.json_extra"),
    ("Exceeds the limit", "reason.json_digits"),
)


def json_problem(key: str, english: str, /, **where: object) -> Message:
    """The message ``key`` with the JSON parser's complaint as its ``problem``: translated in
    Swedish and Danish when it is one we know, left out there (only the position is said)
    when it is not; in English the parser's own words, as ever."""
    for start, reason in _JSON_PROBLEMS:
        if english.startswith(start):
            return Message(key, **where, problem=Foreign(reason, english))
    bare = "error.invalid_json_at_where" if where else "error.invalid_json_where"
    return EnglishOnly(key, bare, **where, problem=english)


def loads_json(text: str) -> Any:
    """Parse one JSON document strictly (see the module docstring)."""
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        problem = json_problem("error.invalid_json_at", exc.msg, line=exc.lineno, column=exc.colno)
        raise TextError(problem, exc.lineno, exc.colno) from None
    except ValueError as exc:  # integers longer than Python converts (4300 digits)
        raise TextError(json_problem("error.invalid_json", str(exc).split(":")[0])) from None
    except RecursionError:
        raise TextError(Message("error.too_deep", depth=MAX_DEPTH), field="input") from None
    _check(document, "", 0)
    return document


def escape(text: str) -> str:
    """Lone surrogates as ``\\udXXX``, so that the text can be written as UTF-8."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
