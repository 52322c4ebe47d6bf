"""Compiled packs cached per content hash, so a run with an unchanged pack parses no YAML.

A cache file is JSON: the pack with its conditions already compiled (DNF), plus a checksum of
that JSON. It is never trusted blindly: a file that is unreadable, of another format, for
another hash, or whose checksum does not match is ignored (and rebuilt by the caller). Deleting
the cache directory is always safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from . import __version__
from .model import (
    Cite,
    Contact,
    Pack,
    Question,
    Rule,
    Source,
    Text,
    Topic,
    Value,
    VerdictText,
)

CACHE_FORMAT = f"etikcheck-pack-cache/2 {__version__}"


def cache_file(cache_dir: Path, sha256: str) -> Path:
    return cache_dir / "packs" / f"{sha256}.json"


# -- to data -------------------------------------------------------------------------------------


def _text(text: Text | None) -> list[str] | None:
    return None if text is None else [text.sv, text.da, text.en]


def _cite(cite: Cite | None) -> list[Any] | None:
    return None if cite is None else [cite.source.id, cite.section, _text(cite.quote)]


def _rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "when": [[[q, sorted(allowed)] for q, allowed in term] for term in rule.when],
        "verdict": rule.verdict,
        "message": _text(rule.message),
        "cite": _cite(rule.cite),
        "values": list(rule.values),
        "contacts": list(rule.contacts),
        "actions": [_text(a) for a in rule.actions],
        "topic": rule.topic,
        "line": rule.line,
        "file": rule.file,
    }


def to_data(pack: Pack) -> dict[str, Any]:
    return {
        "id": pack.id,
        "version": pack.version,
        "sha256": pack.sha256,
        "council": _text(pack.council),
        "lang": pack.lang,
        "source": pack.source.id,
        "sources": {
            s.id: [
                _text(s.title),
                _text(s.publisher),
                {k: _text(v) for k, v in s.sections.items()},
                s.lang,
                s.kind,
            ]
            for s in pack.all_sources().values()
        },
        "questions": [
            [q.id, q.kind, _text(q.text), _text(q.help), q.value, q.topic]
            for q in pack.questions.values()
        ],
        "values": [
            [v.id, _text(v.name), [_cite(s) for s in v.statements], _cite(v.cite)]
            for v in pack.values
        ],
        "contacts": [
            [
                c.id,
                _text(c.role),
                c.name,
                c.phone,
                c.email,
                c.address,
                _text(c.note),
                _cite(c.cite),
                c.general,
            ]
            for c in pack.contacts.values()
        ],
        "referrals": list(pack.referrals),
        "rules": [_rule(r) for r in pack.rules],
        "topics": [
            {
                "id": t.id,
                "title": _text(t.title),
                "description": _text(t.description),
                "guidance": _text(t.guidance),
                "questions": list(t.questions),
                "actions": [_text(a) for a in t.actions],
                "contacts": list(t.contacts),
                "quotes": [_cite(c) for c in t.quotes],
                "rules": [_rule(r) for r in t.rules],
            }
            for t in pack.topics.values()
        ],
        "verdicts": {
            k: [_text(v.label), _text(v.next_step), _cite(v.cite)] for k, v in pack.verdicts.items()
        },
        "fallback": _rule(pack.fallback),
        "files": list(pack.files),
    }


# -- from data -----------------------------------------------------------------------------------


def from_data(data: dict[str, Any]) -> Pack:
    def text(raw: list[str] | None) -> Text | None:
        return None if raw is None else Text(*raw)

    def need(raw: list[str]) -> Text:
        return Text(*raw)

    sources = {
        sid: Source(
            sid, need(title), need(pub), {k: need(v) for k, v in sections.items()}, lang, kind
        )
        for sid, (title, pub, sections, lang, kind) in data["sources"].items()
    }

    def cite(raw: list[Any] | None) -> Cite | None:
        return None if raw is None else Cite(sources[raw[0]], raw[1], text(raw[2]))

    def rule(raw: dict[str, Any]) -> Rule:
        return Rule(
            id=raw["id"],
            when=tuple(
                tuple((q, frozenset(allowed)) for q, allowed in term) for term in raw["when"]
            ),
            verdict=raw["verdict"],
            message=need(raw["message"]),
            cite=cite(raw["cite"]),
            values=tuple(raw["values"]),
            contacts=tuple(raw["contacts"]),
            actions=tuple(need(a) for a in raw["actions"]),
            topic=raw["topic"],
            line=raw["line"],
            file=raw["file"],
        )

    values = []
    for vid, name, statements, vcite in data["values"]:
        value_cite = cite(vcite)
        assert value_cite is not None
        said = tuple(c for c in (cite(s) for s in statements) if c is not None)
        values.append(Value(vid, need(name), said, value_cite))
    verdicts = {}
    for key, (label, next_step, vcite) in data["verdicts"].items():
        verdicts[key] = VerdictText(need(label), need(next_step), cite(vcite))
    return Pack(
        id=data["id"],
        version=data["version"],
        sha256=data["sha256"],
        council=need(data["council"]),
        lang=data["lang"],
        source=sources[data["source"]],
        questions={
            q[0]: Question(q[0], q[1], need(q[2]), text(q[3]), q[4], q[5])
            for q in data["questions"]
        },
        values=tuple(values),
        contacts={
            c[0]: Contact(c[0], need(c[1]), c[2], c[3], c[4], c[5], text(c[6]), cite(c[7]), c[8])
            for c in data["contacts"]
        },
        referrals=tuple(data["referrals"]),
        rules=tuple(rule(r) for r in data["rules"]),
        topics={
            t["id"]: Topic(
                id=t["id"],
                title=need(t["title"]),
                description=need(t["description"]),
                guidance=text(t["guidance"]),
                questions=tuple(t["questions"]),
                actions=tuple(need(a) for a in t["actions"]),
                contacts=tuple(t["contacts"]),
                quotes=tuple(c for c in (cite(q) for q in t["quotes"]) if c is not None),
                rules=tuple(rule(r) for r in t["rules"]),
            )
            for t in data["topics"]
        },
        verdicts=verdicts,
        fallback=rule(data["fallback"]),
        files=tuple(data["files"]),
    )


# -- the files -----------------------------------------------------------------------------------


def read(cache_dir: Path, sha256: str) -> Pack | None:
    """The cached pack for this hash, or None when there is none usable (never raises)."""
    try:
        raw = cache_file(cache_dir, sha256).read_bytes()
        header, _, body = raw.partition(b"\n")
        meta = json.loads(header)
        if meta.get("format") != CACHE_FORMAT or meta.get("sha256") != sha256:
            return None
        if meta.get("checksum") != hashlib.sha256(body).hexdigest():
            return None
        pack = from_data(json.loads(body))
    except (OSError, ValueError, KeyError, TypeError, IndexError, AssertionError):
        return None
    return pack if pack.sha256 == sha256 else None


def write(cache_dir: Path, pack: Pack) -> None:
    """Store the compiled pack (0600, atomically); a cache that cannot be written is skipped."""
    body = json.dumps(to_data(pack), ensure_ascii=False, separators=(",", ":")).encode()
    meta = {
        "format": CACHE_FORMAT,
        "sha256": pack.sha256,
        "checksum": hashlib.sha256(body).hexdigest(),
    }
    target = cache_file(cache_dir, pack.sha256)
    with contextlib.suppress(OSError):
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".pack.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(json.dumps(meta).encode() + b"\n" + body)
            os.replace(tmp, target)
        except OSError:
            os.unlink(tmp)
            raise
