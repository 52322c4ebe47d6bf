"""``etikcheck batch``: JSON lines in, one decision (or error) per line out, streaming.

Each input line is a check input as for ``check --json``, optionally with an ``"id"`` (text or
a number) that is echoed in its output line; every output line carries ``"line"``, the input
line it answers. Blank lines are skipped (no output, no error), so ``grep -v`` and editors do
not break a run. A line that cannot be evaluated gets an error object of its own and the lines
around it go on. The decision is what ``check --json`` prints for the same input, written on
one line.

Speed: the engine is pure, so a decision depends only on the normalised request (council,
language, topic, answers); its serialised bytes are kept in a memo bounded by bytes (memory
stays flat however long the input is), and a line that repeats a request, with any situation
or id of its own, costs a dictionary look-up and a copy of those bytes.
"""

from __future__ import annotations

from etikcheck import engine, resolve
from etikcheck.cli import inputs
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

    from etikcheck.cli.parse import Values
    from etikcheck.environment import Environment
    from etikcheck.model import Pack

MEMO_BYTES = 8 * 1024 * 1024
CHUNK = 64 * 1024


class _Memo:
    """Serialised decisions by normalised request, oldest dropped first past MEMO_BYTES."""

    def __init__(self, limit: int = MEMO_BYTES) -> None:
        self.entries: dict[tuple[Any, ...], bytes] = {}
        self.size = 0
        self.limit = limit

    def put(self, key: tuple[Any, ...], body: bytes) -> None:
        self.entries[key] = body
        self.size += len(body)
        while self.size > self.limit and self.entries:
            oldest = next(iter(self.entries))
            self.size -= len(self.entries.pop(oldest))


def _key(request: inputs.CheckRequest) -> tuple[Any, ...] | None:
    """The normalised request; None when an answer is not text (the engine will say why)."""
    answers = request.answers
    if not all(isinstance(a, str) for a in answers.values()):
        return None
    return (request.council, request.lang, request.topic, *sorted(answers.items()))


def _document(raw: bytes) -> tuple[Any, Any]:
    """A line's JSON without its ``id``, and the id (None when it gives none), so that an
    error in the rest of the line still carries the line's id."""
    try:
        document = loads_json(decode(raw))
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


def byte_writer(env: Environment) -> Callable[[bytes], object]:
    """Write bytes to stdout: to its binary buffer when it has one (no text layer per line)."""
    buffer = getattr(env.stdout, "buffer", None)
    if buffer is not None:
        env.stdout.flush()
        return buffer.write  # type: ignore[no-any-return]
    return lambda data: env.stdout.write(data.decode())


def run_batch(stream: BinaryIO, env: Environment, values: Values) -> int:
    saved = settings.load(env.config_path())
    council, rules, flag_lang = values.text("council"), values.path("rules"), values.text("lang")
    fail_on = values.text("fail_on")
    loaded: dict[str | None, Pack] = {}
    memo = _Memo()
    write = byte_writer(env)
    worst = ExitCode.OK
    verdict_hit = False
    pending: list[bytes] = []
    size = 0
    for number, raw in enumerate(lines(stream, MAX_LINE), 1):
        ident: Any = None
        try:
            if raw is None:
                raise InputError(Message("error.line_too_long", size=size_text(MAX_LINE)), "input")
            if not raw.strip():
                continue
            document, ident = _document(raw)
            request = inputs.from_object(document, Message("error.source_line"))
            key = _key(request)
            body = memo.entries.get(key) if key is not None else None
            if body is None:
                pack = loaded.get(request.council)
                if pack is None:
                    pack = resolve.pack(env, council, rules, request.council, saved)
                    loaded[request.council] = pack
                decision = engine.evaluate(pack, request.answers, request.topic)
                lang = resolve.lang(env, flag_lang, pack.lang, request.lang, saved)
                body = json_text(decision_json(decision, lang), indent=None).encode()
                if key is not None:
                    memo.put(key, body)
            if fail_on is not None and not verdict_hit:
                verdict_hit = _at_or_above(body, fail_on)
            line = _fields(number, ident) + body[1:] + b"\n"
        except EtikcheckError as error:
            env.stderr.write(f"etikcheck: line {number}: {clean(error.message)}\n")
            worst = max(worst, error.exit_code)
            document = {"schema": ERROR_SCHEMA, "error": error.to_json()}
            line = _fields(number, ident) + json_text(document, indent=None).encode()[1:] + b"\n"
        pending.append(line)
        size += len(line)
        if size >= CHUNK:
            write(b"".join(pending))
            pending.clear()
            size = 0
    write(b"".join(pending))
    if worst == ExitCode.OK and verdict_hit:
        return ExitCode.VERDICT
    return int(worst)


def _at_or_above(body: bytes, fail_on: str) -> bool:
    """The verdict of a serialised decision (its second field, after "schema")."""
    start = body.index(b'"verdict":"') + 11
    verdict = body[start : body.index(b'"', start)].decode()
    return SEVERITY[verdict] >= SEVERITY[fail_on]
