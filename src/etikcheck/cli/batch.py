"""``etikcheck batch``: JSON lines in, one decision (or error) per line out, streaming.

Output line N always answers input line N (an empty line gets an error object too), so scripts
can pair them by position. Each line goes through the same steps as ``check --json`` (inputs,
packs, engine, serialize), so its output equals what ``check --json`` prints for it, compacted
to one line. Packs are loaded once per council. The engine is pure, so a line seen before
gets the output computed for it then (surveys repeat the same few answer combinations); that
memo is bounded, so memory stays flat however long the input is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from etikcheck import engine, resolve
from etikcheck.cli import inputs
from etikcheck.environment import Environment
from etikcheck.errors import EtikcheckError, ExitCode, InputError
from etikcheck.model import Pack
from etikcheck.output import views as serialize
from etikcheck.reading import TextError, decode
from etikcheck.store import settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from etikcheck.cli.parse import Values

MEMO_SIZE = 1024
CHUNK = 512


def run_batch(lines: Iterable[bytes], env: Environment, values: Values) -> int:
    saved = settings.load(env.config_path())
    council, rules, flag_lang = values.text("council"), values.path("rules"), values.text("lang")
    loaded: dict[str | None, Pack] = {}
    worst = ExitCode.OK
    memo: dict[bytes, str] = {}
    recall = memo.get
    pending: list[str] = []  # written in chunks: one write call per line costs more
    for number, raw in enumerate(lines, 1):
        out = recall(raw)  # the hot path for a repeated line: one dict look-up
        if out is None:
            try:
                request = _parse(raw)
                pack = loaded.get(request.council)
                if pack is None:
                    pack = resolve.pack(env, council, rules, request.council, saved)
                    loaded[request.council] = pack
                decision = engine.evaluate(pack, request.answers, request.topic)
                out_lang = resolve.lang(env, flag_lang, pack.lang, request.lang, saved)
                out = _line(serialize.decision_json(decision, out_lang))
                if len(memo) >= MEMO_SIZE:
                    memo.clear()
                memo[raw] = out
            except EtikcheckError as error:
                env.stderr.write(f"etikcheck: line {number}: {error.message}\n")
                worst = max(worst, error.exit_code)
                error_json = error.to_json()
                out = _line({"schema": serialize.ERROR_SCHEMA, "line": number, "error": error_json})
        pending.append(out)
        if len(pending) >= CHUNK:
            env.stdout.write("".join(pending))
            pending.clear()
    env.stdout.write("".join(pending))
    return int(worst)


def _line(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def _parse(raw: bytes) -> inputs.CheckRequest:
    try:
        text = decode(raw)
    except TextError as exc:
        raise InputError(exc.problem, "input") from None
    if not text.strip():
        raise InputError("empty line; expected one JSON object", "input")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON at column {exc.colno}: {exc.msg}", "input") from None
    return inputs.from_object(document, "the line")
