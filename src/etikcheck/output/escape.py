"""Text from users, packs and files is data: made safe for a terminal, Markdown and HTML.

Nothing from outside is ever interpreted: terminal control characters are shown as ``\\xNN``,
Markdown markup characters are escaped, HTML is escaped by :func:`html.escape` at the writer.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Make terminal control characters visible as ``\\xNN`` so they are never interpreted."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def fenced(text: str) -> str:
    """Text shown literally in Markdown, whatever it contains."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{clean(text)}\n{fence}"


def inline_md(text: str) -> str:
    """Pack text inside Markdown: control characters visible, markup characters escaped."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", clean(text))
