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
from pathlib import Path

from . import engine, inputs, packs, serialize
from .environment import Environment
from .errors import EtikcheckError, ExitCode, InputError
from .i18n import choose, locale_lang
from .model import Pack
from .textfile import TextError, decode

MEMO_SIZE = 1024
_COMPACT = (",", ":")


def run_batch(
    lines: Iterable[bytes], env: Environment, lang: str | None, rules: Path | None
) -> int:
    cache_dir = env.cache_path()
    loaded: dict[str | None, Pack] = {}
    locale = locale_lang(env.environ)
    worst = ExitCode.OK
    write = env.stdout.write
    memo: dict[bytes, str] = {}
    for number, raw in enumerate(lines, 1):
        key = raw.strip()
        known = memo.get(key)
        if known is not None:
            write(known)
            continue
        try:
            request = _parse(raw, number)
            pack = loaded.get(request.council)
            if pack is None:
                pack = loaded[request.council] = packs.choose(request.council, rules, cache_dir)
            decision = engine.evaluate(pack, request.answers, request.topic)
            out_lang = choose(request.lang, lang, locale, pack.lang)
            document = serialize.decision_json(decision, out_lang)
        except EtikcheckError as error:
            error_document = {"schema": serialize.ERROR_SCHEMA, "line": number}
            error_document["error"] = error.to_json()
            env.stderr.write(f"etikcheck: line {number}: {error.message}\n")
            worst = max(worst, error.exit_code)
            write(json.dumps(error_document, ensure_ascii=False, separators=_COMPACT) + "\n")
            continue
        out = json.dumps(document, ensure_ascii=False, separators=_COMPACT) + "\n"
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[key] = out
        write(out)
    return int(worst)


def _parse(raw: bytes, number: int) -> inputs.CheckRequest:
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
