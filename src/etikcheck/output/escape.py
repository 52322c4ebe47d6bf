"""Text from users, packs and files is data: made safe for a terminal, Markdown and HTML.

Nothing from outside is ever interpreted: terminal control characters are shown as ``\\xNN``,
Markdown markup characters are escaped, HTML is escaped by :func:`html.escape` at the writer.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

# C0 and C1 controls (but tab and newline), DEL, the explicit directional formatting characters
# (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM) and lone surrogates.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str) -> str:
    """Text from outside, safe on a terminal: control characters, escape sequences, bidi
    controls and lone surrogates are shown escaped (``\\x1b``, ``\\u202e``), never
    interpreted. Every writer of outside text, on stdout and stderr, calls this."""
    return _UNSAFE.sub(_shown, text)


def json_text(data: object, indent: int | None = 2) -> str:
    """JSON for stdout: C1 and bidi controls escaped too (json escapes only C0), and lone
    surrogates written as ``\\udXXX`` escapes (still valid JSON, and encodable)."""
    import json

    separators = None if indent else (",", ":")
    return _json_escaped(json.dumps(data, ensure_ascii=False, indent=indent, separators=separators))


def _json_escaped(text: str) -> str:
    """JSON text with what json leaves raw (C1, bidi controls, lone surrogates) as ``\\uXXXX``."""
    return _UNSAFE.sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def compact_json() -> Callable[[object], str]:
    """:func:`json_text` with ``indent=None`` as a function that builds its encoder once: for a
    writer of many small values (batch's memo writes a decision in some forty pieces), where
    ``json.dumps`` with options would build a new encoder for each."""
    import json

    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    def text(data: object) -> str:
        return _json_escaped(encode(data))

    return text


def fenced(text: str) -> str:
    """Text shown literally in Markdown, whatever it contains."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{clean(text)}\n{fence}"


def inline_md(text: str) -> str:
    """Pack text inside Markdown: control characters visible, markup characters escaped."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", clean(text))
