"""The input of ``check``: one JSON/YAML object (stdin or a file) merged with flags.

Parsing is strict and every error names the field and what is allowed, so a script author can
fix the call from the message alone.
"""

from __future__ import annotations

from etikcheck.errors import EnglishOnly, InputError, Message, excerpt
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


def input_error(source: str | Message, exc: TextError, yaml: bool = False) -> InputError:
    """A reading problem as the input error a user sees: where, what, and which field."""
    if yaml and isinstance(exc.problem, str):  # the YAML parser's English: not in sv, da
        key, bare = (
            ("error.invalid_yaml_at", "error.invalid_yaml_at_where")
            if exc.line
            else ("error.invalid_yaml", "error.invalid_yaml_where")
        )
        message: Message = EnglishOnly(key, bare, source=source, line=exc.line, problem=exc.problem)
    elif yaml:
        key = "error.invalid_yaml_at" if exc.line else "error.invalid_yaml"
        message = Message(key, source=source, line=exc.line, problem=exc.problem)
    else:
        message = Message("error.in", source=source, problem=exc.problem)
    return InputError(message, exc.field or "input")


def json_kind(value: object) -> Message:
    """What a JSON value is, in words: "a list", "text", "a number" …"""
    if isinstance(value, list):
        return Message("error.kind.list")
    if isinstance(value, str):
        return Message("error.kind.text")
    if isinstance(value, bool):
        return Message("error.kind.boolean")
    if value is None:
        return Message("error.kind.null")
    return Message("error.kind.number")


def parse_document(data: bytes, source: str, yaml_hint: bool = False) -> CheckRequest:
    """Parse one JSON object (or YAML mapping) from ``source`` (a file name or "stdin")."""
    try:
        text = decode(data)
    except TextError as exc:
        raise input_error(source, exc) from None
    stripped = text.strip()
    if not stripped:
        example = '{"council": "aarhus", "answers": {"lawful": "yes", ...}}'
        raise InputError(Message("error.input_empty", source=source, example=example), "input")
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
            raise input_error(source, exc, yaml=True) from None
    return from_object(document, source)


def from_object(document: Any, source: str | Message = "input") -> CheckRequest:
    if not isinstance(document, dict):
        message = Message(
            "error.input_not_object",
            source=source,
            fields=", ".join(FIELDS),
            kind=json_kind(document),
        )
        raise InputError(message, "input")
    unknown = [key for key in document if key not in FIELDS]
    if unknown:
        field = excerpt(str(unknown[0]))[1:-1]
        message = Message("error.unknown_field", field=field, allowed=", ".join(FIELDS))
        raise InputError(message, str(unknown[0])[:200])
    for key in ("council", "lang", "topic", "situation"):
        value = document.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(Message("error.must_be_text", field=key, value=excerpt(value)), key)
    lang = document.get("lang")
    if lang is not None and lang not in LANGS:
        message = Message(
            "error.unsupported", field="lang", value=excerpt(lang), allowed=", ".join(LANGS)
        )
        raise InputError(message, "lang")
    answers = document.get("answers", {})
    if answers is None:
        answers = {}
    if not isinstance(answers, dict):
        raise InputError(Message("error.answers_not_object", answers=", ".join(ANSWERS)), "answers")
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
            message = Message("error.answer_flag", flag=excerpt(flag), answers=", ".join(ANSWERS))
            raise InputError(message, "answers")
        if qid in answers:
            message = Message(
                "error.answered_twice", qid=qid, first=answers[qid], second=answer.strip()
            )
            raise InputError(message, f"answers.{qid}")
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
