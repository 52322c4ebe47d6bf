"""``etikcheck batch``: JSON lines in, one decision (or error) per line out, streaming.

Each input line is a check input as for ``check --json``, optionally with an ``"id"`` (text or
a number) that is echoed in its output line; every output line carries ``"line"``, the input
line it answers. Blank lines are skipped (no output, no error), so ``grep -v`` and editors do
not break a run. A line that cannot be evaluated gets an error object of its own and the lines
around it go on. The decision is what ``check --json`` prints for the same input, written on
one line.

Speed: the engine is pure, so a decision depends only on the normalised request (council,
language, topic, answers); its output bytes are kept in a memo bounded by bytes
(:mod:`etikcheck.cli.batch_memo`), and a line that repeats a request, with any situation or id
of its own, costs a dictionary look-up and a copy of those bytes. Output goes to the binary
stream in pieces of :data:`CHUNK` bytes.
"""

from __future__ import annotations

import os
import sys

from etikcheck import engine, resolve
from etikcheck.cli import inputs
from etikcheck.cli.batch_memo import (
    Memo,
    plain_request,
    quick_document,
    request_key,
    without_situation,
)
from etikcheck.errors import EtikcheckError, ExitCode, InputError, Message
from etikcheck.model import SEVERITY
from etikcheck.output.escape import clean, json_text
from etikcheck.output.views import ERROR_SCHEMA, decision_json
from etikcheck.reading import MAX_LINE, TextError, decode, lines, loads_json, size_text
from etikcheck.store import settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, BinaryIO

    from etikcheck.cli.batch_memo import Entry
    from etikcheck.cli.parse import Values
    from etikcheck.environment import Environment
    from etikcheck.model import Pack

CHUNK = 256 * 1024  # output is written in pieces of about this size
PIPE_BYTES = 1024 * 1024  # the pipe buffer asked for when stdout is a pipe (Linux)


def _document(raw: bytes) -> tuple[Any, Any]:
    """A line's JSON without its ``id``, and the id (None when it gives none), so that an
    error in the rest of the line still carries the line's id."""
    document = quick_document(raw)
    if document is None:
        try:  # without the line's end, so that a position is "line 1, column N"
            document = loads_json(decode(raw.rstrip(b"\r\n")))
        except TextError as exc:
            raise InputError(exc.problem, exc.field or "input") from None
    ident = None
    if isinstance(document, dict) and "id" in document:
        ident = document.pop("id")
        if isinstance(ident, bool) or not isinstance(ident, (str, int, float)):
            raise InputError(Message("error.id_not_text"), "id")
    return document, ident


def _fields(number: int, ident: Any) -> bytes:
    """The opening of an output line: its own fields, before the shared body."""
    head = {"line": number} if ident is None else {"line": number, "id": ident}
    return json_text(head, indent=None)[:-1].encode() + b","


def widen_pipe(stream: object) -> None:
    """Ask for a pipe buffer of :data:`PIPE_BYTES` when ``stream`` is a pipe (Linux only; best
    effort). A million decisions are some 6 GB: with the default 64 KiB the reader is woken for
    every 64 KiB, and moving the bytes takes about three times as long as with 1 MiB."""
    if sys.platform != "linux":
        return
    import fcntl
    import stat

    try:
        fd = stream.fileno()  # type: ignore[attr-defined]
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (AttributeError, OSError, ValueError):  # no descriptor, or the kernel said no
        return


def byte_writer(env: Environment) -> Callable[[bytes], object]:
    """Write bytes to stdout: to its binary buffer when it has one (no text layer per line)."""
    buffer = getattr(env.stdout, "buffer", None)
    if buffer is not None:
        env.stdout.flush()
        widen_pipe(buffer)
        return buffer.write  # type: ignore[no-any-return]
    return lambda data: env.stdout.write(data.decode())


class _Packs:
    """Each line's pack and language, resolved once per council name and language given: a
    council's aliases lead to one pack, numbered for the memo's keys."""

    def __init__(self, env: Environment, values: Values) -> None:
        self.env = env
        self.saved = settings.load(env.config_path())
        self.council, self.rules = values.text("council"), values.path("rules")
        self.flag_lang = values.text("lang")
        self.by_name: dict[str | None, tuple[int, Pack]] = {}
        self.numbers: dict[tuple[str, str], int] = {}
        self.langs: dict[tuple[int, str | None], str] = {}

    def pack(self, name: str | None) -> tuple[int, Pack]:
        found = self.by_name.get(name)
        if found is None:
            pack = resolve.pack(self.env, self.council, self.rules, name, self.saved)
            number = self.numbers.setdefault((pack.id, pack.sha256), len(self.numbers))
            self.by_name[name] = found = (number, pack)
        return found

    def lang(self, number: int, pack: Pack, document_lang: str | None) -> str:
        lang = self.langs.get((number, document_lang))
        if lang is None:
            lang = resolve.lang(self.env, self.flag_lang, pack.lang, document_lang, self.saved)
            self.langs[number, document_lang] = lang
        return lang


def run_batch(stream: BinaryIO, env: Environment, values: Values) -> int:
    packs = _Packs(env, values)
    fail_on = values.text("fail_on")
    threshold = SEVERITY[fail_on] if fail_on is not None else len(SEVERITY)
    memo = Memo()
    by_raw = memo.by_raw
    write = byte_writer(env)
    worst = ExitCode.OK
    verdict_hit = False
    pending: list[bytes] = []
    size = 0
    for number, raw in enumerate(lines(stream, MAX_LINE), 1):
        entry = by_raw.get(raw)  # type: ignore[arg-type]  # None (too long) is never a key
        reduced = None
        if entry is None and raw is not None and b'"situation"' in raw:
            reduced = without_situation(raw)
            entry = by_raw.get(reduced) if reduced is not None else None
        if entry is None:
            ident: Any = None
            try:
                if raw is None:
                    message = Message("error.line_too_long", size=size_text(MAX_LINE))
                    raise InputError(message, "input")
                if not raw.strip():
                    continue
                document, ident = _document(raw)
                # a line with a situation is remembered without its text (the same request
                # with another situation is the same line then); one with an id is not at all
                own = isinstance(document, dict) and "situation" in document
                again = None if ident is not None else reduced if own else raw
                entry = _decide(memo, packs, document, again)
            except EtikcheckError as error:
                env.stderr.write(f"etikcheck: line {number}: {clean(error.message)}\n")
                worst = max(worst, error.exit_code)
                document = {"schema": ERROR_SCHEMA, "error": error.to_json()}
                line = _fields(number, ident) + json_text(document, indent=None).encode()[1:]
                pending.append(line + b"\n")
                size += len(line) + 1
                continue
            head = _fields(number, ident) if ident is not None else b'{"line":%d,' % number
        else:
            head = b'{"line":%d,' % number
        severity, length, parts = entry
        if severity >= threshold:
            verdict_hit = True
        pending.append(head)
        pending.extend(parts)
        size += length + len(head)
        if size >= CHUNK:
            write(b"".join(pending))
            pending.clear()
            size = 0
    write(b"".join(pending))
    if worst == ExitCode.OK and verdict_hit:
        return ExitCode.VERDICT
    return int(worst)


def _decide(memo: Memo, packs: _Packs, document: Any, raw: bytes | None) -> Entry:
    """The memo's entry for a parsed line (evaluated on a miss); ``raw``, the line's bytes when
    it has no id, is remembered too so that the same line again is not even parsed."""
    plain = plain_request(document) if isinstance(document, dict) else None
    if plain is None:
        request = inputs.from_object(document, Message("error.source_line"))
        plain = request.council, request.lang, request.topic, request.answers
    council, document_lang, topic, answers = plain
    number, pack = packs.pack(council)
    lang = packs.lang(number, pack, document_lang)
    key = request_key(number, lang, topic, answers)
    entry = memo.by_key.get(key) if key is not None else None
    if entry is None:
        decision = engine.evaluate(pack, answers, topic)
        entry = memo.entry(decision_json(decision, lang))
        if key is None:
            return entry
        memo.put(key, entry)
    if raw is not None:
        memo.put_raw(raw, entry)
    return entry
