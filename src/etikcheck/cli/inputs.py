"""The input of ``check``: one JSON/YAML object (stdin or a file) merged with flags.

Parsing is strict and every error names the field and what is allowed, so a script author can
fix the call from the message alone.
"""

from __future__ import annotations

from etikcheck.errors import InputError, excerpt
from etikcheck.frozen import Frozen
from etikcheck.model import ANSWERS, LANGS
from etikcheck.reading import TextError, decode, loads_json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

FIELDS = ("council", "lang", "topic", "situation", "answers")


NO_ANSWERS: Mapping[str, object] = {}


class CheckRequest(Frozen):
    council: str | None = None
    lang: str | None = None
    topic: str | None = None
    situation: str | None = None
    answers: Mapping[str, object] = NO_ANSWERS


def input_error(source: str, exc: TextError, kind: str = "") -> InputError:
    """A reading problem as the input error a user sees: where, what, and which field."""
    where = f" at line {exc.line}" if kind and exc.line else ""
    prefix = f"{kind}{where}: " if kind else ""
    return InputError(f"{source}: {prefix}{exc.problem}", exc.field or "input")


def parse_document(data: bytes, source: str, yaml_hint: bool = False) -> CheckRequest:
    """Parse one JSON object (or YAML mapping) from ``source`` (a file name or "stdin")."""
    try:
        text = decode(data)
    except TextError as exc:
        raise input_error(source, exc) from None
    stripped = text.strip()
    if not stripped:
        raise InputError(
            f"{source}: the input is empty; expected one JSON object such as "
            '{"council": "aarhus", "answers": {"lawful": "yes", ...}}',
            "input",
        )
    if stripped[0] in "{[" and not yaml_hint:
        try:
            document = loads_json(text)
        except TextError as exc:
            raise input_error(source, exc) from None
    else:
        from etikcheck.packs.strict_yaml import (
            loads,  # YAML costs its import only when the input is YAML
        )

        try:
            document = loads(text)
        except TextError as exc:
            raise input_error(source, exc, "invalid YAML") from None
    return from_object(document, source)


def from_object(document: Any, source: str = "input") -> CheckRequest:
    if not isinstance(document, dict):
        kind = "a list" if isinstance(document, list) else f"{type(document).__name__}"
        raise InputError(
            f"{source}: the input must be one JSON object with the fields "
            f"{', '.join(FIELDS)}, not {kind}",
            "input",
        )
    unknown = [key for key in document if key not in FIELDS]
    if unknown:
        raise InputError(
            f"{excerpt(str(unknown[0]))[1:-1]}: unknown field; allowed: {', '.join(FIELDS)}",
            str(unknown[0])[:200],
        )
    for key in ("council", "lang", "topic", "situation"):
        value = document.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{key}: must be text, not {excerpt(value)}", key)
    lang = document.get("lang")
    if lang is not None and lang not in LANGS:
        raise InputError(
            f"lang: {excerpt(lang)} is not supported; allowed: {', '.join(LANGS)}", "lang"
        )
    answers = document.get("answers", {})
    if answers is None:
        answers = {}
    if not isinstance(answers, dict):
        raise InputError(
            f"answers: must be an object of question id to answer ({', '.join(ANSWERS)})",
            "answers",
        )
    return CheckRequest(
        council=document.get("council"),
        lang=lang,
        topic=document.get("topic"),
        situation=document.get("situation"),
        answers=dict(answers),
    )


def parse_answer_flags(flags: Sequence[str]) -> dict[str, str]:
    """``--answer lawful=yes`` pairs; a question answered twice is an error, as a duplicate
    key is in JSON and YAML."""
    answers: dict[str, str] = {}
    for flag in flags:
        qid, sep, answer = flag.partition("=")
        qid = qid.strip()
        if not sep or not qid:
            raise InputError(
                f"--answer {excerpt(flag)}: write QUESTION=ANSWER, e.g. --answer lawful=yes "
                f"(answers: {', '.join(ANSWERS)})",
                "answers",
            )
        if qid in answers:
            raise InputError(
                f"answers.{qid}: answered twice (--answer {qid}={answers[qid]} and "
                f"--answer {qid}={answer.strip()}); give each question one answer",
                f"answers.{qid}",
            )
        answers[qid] = answer.strip()
    return answers


def merge(
    document: CheckRequest | None, topic: str | None, answers: Mapping[str, str]
) -> CheckRequest:
    """The ``--topic`` flag replaces the document's topic; ``--answer`` flags are added to its
    answers, question by question. (Council and language are chosen by :mod:`resolve`.)"""
    base = document or CheckRequest()
    return CheckRequest(
        council=base.council,
        lang=base.lang,
        topic=topic if topic is not None else base.topic,
        situation=base.situation,
        answers={**base.answers, **answers},
    )
