"""The memo of ``etikcheck batch``: each decision's output bytes, by the request, bounded by bytes.

The engine is pure, so a decision depends only on the pack, the language, the topic and the
answers (the *normalised request*: the council after its name or alias is resolved, the language
after ``--lang``, the settings and the locale, the answers in any order). A batch run keeps the
bytes it wrote for each request, and a line that asks again, with a ``situation`` or ``id`` of its
own or not, costs a look-up and a copy.

Two maps lead to an entry:

- ``by_raw``: the input line's exact bytes (lines without an ``id``), looked up before the line is
  parsed at all: survey answers and re-runs repeat lines byte for byte;
- ``by_key``: the normalised request, looked up after parsing: the same request written another
  way, with a situation, or with an id.

An entry is the decision's output split into *parts*, the part for ``answers`` (that request's own)
and the rest, which many decisions share (the head with verdict and texts, each reason, each
counterfactual, the referrals, the pack and the disclaimer) and which are stored once, in
``shared``. A decision is about 6 KB of JSON; the parts of its own are about 200 bytes, so tens of
thousands of distinct decisions fit in a few MiB. The memo counts the bytes it holds (text and an
estimate of the objects around it) and is emptied when it passes its limit, so memory stays flat
however long the input is; emptying (not least-recently-used) also keeps half the hits of a cycle
larger than the memo, where LRU would keep none.

The parts joined are exactly what :func:`~etikcheck.output.escape.json_text` writes for the whole
decision on one line (each part is written by it, and a JSON object's text is the text of its
keys and values between its commas), so batch output stays byte-identical to ``check --json``.
"""

from __future__ import annotations

import json
import re

from etikcheck.model import LANGS, SEVERITY
from etikcheck.output.escape import compact_json
from etikcheck.reading import MAX_DEPTH

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    # (severity of the verdict, bytes in all parts, the parts): a plain tuple, since the hot
    # loop unpacks one per line
    Entry = tuple[int, int, tuple[bytes, ...]]

MEMO_BYTES = 16 * 1024 * 1024  # entries, their keys and the shared parts
RAW_BYTES = 8 * 1024 * 1024  # the exact-line map (its lines; the entries are counted above)
OVERHEAD = 100  # bytes for a dictionary slot and an object header, beyond the text itself

# Fields written as their own part: the request's own (never shared), and lists whose items are
# shared one by one (the set of reasons or counterfactuals varies more than each of them does).
OWN = frozenset({"answers"})
ITEMWISE = frozenset({"reasons", "counterfactuals"})
FIELDS = frozenset({"council", "lang", "topic", "situation", "answers"})
_BOM = b"\xef\xbb\xbf"
# after the key "situation": a colon and a string that JSON takes as it is (no control character;
# the line has no backslash, so no escape and no quote inside)
_SITUATION_TEXT = re.compile(rb'[ \t\r\n]*:[ \t\r\n]*"([^"\x00-\x1f]*)"')


_text = compact_json()  # what json_text(value, indent=None) writes


_MARK = "\x00\x01\x02"  # put between the pieces to find them in the text written at once
_MARK_TEXT = _text(_MARK)


def pieces(view: dict[str, Any]) -> list[tuple[str, bool]]:
    """The decision's one-line JSON as ``(text, shared)`` pieces, without its opening ``{``
    (a batch line opens with its own fields) and with the closing newline.

    The view is written once, with a mark around each piece of its own (the answers in a list
    between two marks, each reason and counterfactual between marks), and cut at the marks: one
    encoder call instead of forty. Should a text of the decision hold the mark itself, the
    pieces are written one by one instead (:func:`pieces_one_by_one`)."""
    marked = dict(view)
    marks = 0
    for key, value in view.items():
        if key in OWN:
            marked[key] = [_MARK, value, _MARK]
            marks += 2
        elif key in ITEMWISE and isinstance(value, list) and value:
            listed = [_MARK]
            for item in value:
                listed += (item, _MARK)
            marked[key] = listed
            marks += len(value) + 1
    cut = _text(marked).split(_MARK_TEXT)
    if len(cut) != marks + 1:
        return pieces_one_by_one(view)
    out: list[tuple[str, bool]] = []
    run, at = cut[0][1:], 1  # without the opening brace
    for key, value in view.items():
        if key in OWN:
            out.append((run[:-1], True))  # without the bracket of the marks' list
            out.append((cut[at][1:-1], False))  # between the commas after and before a mark
            run, at = cut[at + 1][1:], at + 2
        elif key in ITEMWISE and isinstance(value, list) and value:
            out.append((run, True))
            for index in range(len(value)):
                if index:
                    out.append((",", True))
                out.append((cut[at][1:-1], True))
                at += 1
            run, at = cut[at], at + 1
    out.append((run + "\n", True))
    return [(text, shared) for text, shared in out if text]


def pieces_one_by_one(view: dict[str, Any]) -> list[tuple[str, bool]]:
    """:func:`pieces`, each piece written by itself."""
    out: list[tuple[str, bool]] = []
    run: list[str] = []
    for number, (key, value) in enumerate(view.items()):
        run.append(f"{',' if number else ''}{_text(key)}:")
        if key in OWN:
            out.append(("".join(run), True))
            out.append((_text(value), False))
            run = []
        elif key in ITEMWISE and isinstance(value, list) and value:
            run.append("[")
            for index, item in enumerate(value):
                if index:
                    run.append(",")
                out.append(("".join(run), True))
                out.append((_text(item), True))
                run = []
            run.append("]")
        else:
            run.append(_text(value))
    run.append("}\n")
    out.append(("".join(run), True))
    return [(text, shared) for text, shared in out if text]


class Memo:
    """Entries by exact line and by normalised request; see the module docstring."""

    def __init__(self, limit: int | None = None, raw_limit: int | None = None) -> None:
        self.by_key: dict[str, Entry] = {}
        self.by_raw: dict[bytes, Entry] = {}
        self.shared: dict[bytes, bytes] = {}
        self.size = 0
        self.raw_size = 0
        # read at run time (not bound as defaults), so a test can make them small
        self.limit = MEMO_BYTES if limit is None else limit
        self.raw_limit = RAW_BYTES if raw_limit is None else raw_limit

    def clear(self) -> None:
        """Forget everything (the exact-line map too: its entries hold shared parts)."""
        self.by_key.clear()
        self.by_raw.clear()
        self.shared.clear()
        self.size = self.raw_size = 0

    def entry(self, view: dict[str, Any]) -> Entry:
        """The entry for a decision's view, its shared parts taken from (or added to) ``shared``."""
        parts: list[bytes] = []
        added = OVERHEAD
        for text, is_shared in pieces(view):
            data = text.encode()
            if is_shared:
                known = self.shared.get(data)
                if known is None:
                    self.shared[data] = known = data
                    added += len(data) + OVERHEAD
                data = known
            else:
                added += len(data) + OVERHEAD
            parts.append(data)
        self.size += added + 8 * len(parts)
        return SEVERITY[view["verdict"]], sum(map(len, parts)), tuple(parts)

    def put(self, key: str, entry: Entry) -> None:
        self.by_key[key] = entry
        self.size += len(key) + OVERHEAD
        if self.size > self.limit:
            self.clear()

    def put_raw(self, raw: bytes, entry: Entry) -> None:
        self.by_raw[raw] = entry
        self.raw_size += len(raw) + OVERHEAD
        if self.raw_size > self.raw_limit:
            self.by_raw.clear()
            self.raw_size = 0


def request_key(
    pack: int, lang: str, topic: str | None, answers: Mapping[str, object]
) -> str | None:
    """The normalised request as text; None when an answer is not text (the engine will say why)
    or when a text holds one of the separators (then two requests could share a key)."""
    try:
        pairs = sorted(map("\x1e".join, answers.items()))  # type: ignore[arg-type]
    except TypeError:
        return None
    key = "\x1f".join((str(pack), lang, "" if topic is None else f"={topic}", *pairs))
    if key.count("\x1f") != 2 + len(pairs) or key.count("\x1e") != len(pairs):
        return None
    return key


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("duplicate key")  # the strict reader says which, with its message
    return result


_DECODER = json.JSONDecoder(object_pairs_hook=_pairs)  # json.loads would build one per line


def quick_document(raw: bytes) -> Any:
    """A line's JSON by the stdlib parser alone, when the line cannot hold what the strict reader
    (:func:`etikcheck.reading.loads_json`) refuses beyond it; None when it might, or when parsing
    fails: the caller then reads the line strictly, for the exact error.

    No backslash: no escapes, so no lone surrogate (raw UTF-8 cannot encode one). No NUL, no BOM.
    At most :data:`MAX_DEPTH` brackets in all: the nesting cannot be deeper. Duplicate keys and
    over-long integers fail here as there."""
    if b"\\" in raw or b"\x00" in raw or raw.startswith(_BOM):
        return None
    if raw.count(b"{") + raw.count(b"[") > MAX_DEPTH:
        return None
    try:
        return _DECODER.decode(raw.decode())
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return None


def without_situation(raw: bytes) -> bytes | None:
    """The line with the text of its ``situation`` taken out (``"situation": ""``), as the key
    under which lines that differ only in their situation share an entry; None when that cannot
    be told from the bytes alone.

    With no backslash in the line there are no escapes, so every ``"`` opens or closes a string
    and splitting at them gives the strings at the odd places. The situation is taken out only
    when it is a key followed by a colon and a string, and its text is one that JSON accepts as it
    is (UTF-8, no control character), and the key is the line's own (not in a nested object), so
    that any line with the same key parses as the one that was evaluated, with the same request.
    (A decision does not depend on the situation.)"""
    at = raw.find(b'"situation"')
    if at < 0 or b"\\" in raw:
        return None
    before = raw[:at].split(b'"')
    if len(before) % 2 == 0 or not before[-1].rstrip().endswith((b"{", b",")):
        return None  # inside a string, or not where a key stands
    outside = b"".join(before[::2])  # the line's text outside strings, up to the key
    if outside.count(b"{") - outside.count(b"}") != 1 or outside.count(b"[") != outside.count(b"]"):
        return None  # not the line's own situation (a key of that name in a nested object)
    value = _SITUATION_TEXT.match(raw, at + len(b'"situation"'))
    if value is None:
        return None
    text = value.group(1)
    if not text.isascii():
        try:
            text.decode()
        except UnicodeDecodeError:
            return None
    return raw[: value.start(1)] + raw[value.end(1) :]


def plain_request(document: dict[str, Any]) -> tuple[Any, Any, Any, Any] | None:
    """``(council, lang, topic, answers)`` of a document that :func:`inputs.from_object` would
    take as it is; None for anything else (the caller then lets it decide, or say what is wrong).
    """
    if not FIELDS.issuperset(document):
        return None
    council, lang = document.get("council"), document.get("lang")
    topic, situation = document.get("topic"), document.get("situation")
    for value in (council, lang, topic, situation):
        if value is not None and type(value) is not str:
            return None
    if lang is not None and lang not in LANGS:
        return None
    answers = document.get("answers")
    if answers is None:
        answers = {}
    elif type(answers) is not dict:
        return None
    return council, lang, topic, answers
