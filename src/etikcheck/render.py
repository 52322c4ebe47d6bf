"""Showing decisions to people: plain text (fast, linear, screen-reader friendly) and rich.

This is the only module that imports rich, and only inside the functions that draw with it, so
the JSON path never pays for it. Text from users and packs is data: control characters are made
visible (never interpreted) and rich receives it as ``Text`` objects, never as markup.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .i18n import quoted, t

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

VERDICT_STYLE = {"proceed": "bold green", "seek_advice": "bold yellow", "reconsider": "bold red"}
CONTACT_DETAILS = ("phone", "email", "address")


def clean(text: str) -> str:
    """Make terminal control characters visible as ``\\xNN`` so they are never interpreted."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


# -- pieces every renderer shares (they read the JSON view of serialize.py) ---------------------


def where_text(source: dict[str, Any], lang: str) -> str:
    """Where a quote stands: the document under its real title (translated after it when the
    output is in another language), the heading, and who issued it; a law by name and section."""
    document = source["document"]
    if source.get("document_translation"):
        document += f" ({source['document_translation']})"
    if source["kind"] == "law":
        return clean(f"{document} {source['section']}" if source.get("section") else document)
    parts = [document]
    if source.get("section"):
        section = quoted(source["section"], source["lang"])
        if source.get("section_translation"):
            section += f" ({source['section_translation']})"
        parts.append(section)
    return clean(f"{source['publisher']}: {', '.join(parts)}")


def quote_lines(source: dict[str, Any], lang: str) -> list[str]:
    """The quote in ``lang``; a translation says so and is followed by the verbatim original."""
    if not source.get("quote"):
        return []
    if not source["translated"]:
        return [clean(quoted(source["quote"], lang))]
    marker = t(lang, "label.translated_from", language=t(lang, f"lang.{source['lang']}"))
    return [
        clean(f"{quoted(source['quote'], lang)} ({marker})"),
        clean(f"{t(lang, 'label.original')}: {quoted(source['original'], source['lang'])}"),
    ]


def contact_lines(contact: dict[str, Any], lang: str) -> list[str]:
    """A contact as lines: the role (and name), one detail a line, when to turn to them."""
    head = contact["role"] + (f": {contact['name']}" if contact.get("name") else "")
    lines = [clean(head)]
    lines += [
        clean(f"{t(lang, 'label.' + key)} {contact[key]}")
        for key in CONTACT_DETAILS
        if contact.get(key)
    ]
    if contact.get("note"):
        lines.append(clean(contact["note"]))
    if contact.get("general"):
        lines.append(f"({t(lang, 'label.general_advice')})")
    return lines


def answer_word(answer: str, lang: str) -> str:
    return t(lang, f"answer.{answer}")


def shown_reasons(view: dict[str, Any]) -> list[dict[str, Any]]:
    """The reasons to show a person: a 'proceed' reason (all four yes) is true but only
    confusing under a more cautious verdict, so it is shown only when the verdict is proceed.
    JSON output keeps every fired rule."""
    reasons: list[dict[str, Any]] = view["reasons"]
    if view["verdict"] == "proceed":
        return reasons
    return [r for r in reasons if r["verdict"] != "proceed"]


def pack_line(view: dict[str, Any], lang: str) -> str:
    pack = view["pack"]
    name = f"{clean(pack['id'])} {clean(pack['version'])}"
    return f"{t(lang, 'label.pack')}: {name} ({pack['sha256'][:12]})"


def plain_decision(view: dict[str, Any], situation: str | None = None) -> str:
    """The whole result as linear text: no colour, no boxes, one idea per line."""
    lang = view["lang"]
    lines: list[str] = []
    if situation:
        lines += [clean(situation), ""]
    lines.append(f"{t(lang, 'label.recommendation')}: {clean(view['verdict_label'])}")
    lines.append(f"{t(lang, 'label.next_step')}: {clean(view['next_step'])}")
    if view["topic"] is not None:
        lines.append(f"{t(lang, 'label.topic')}: {clean(view['topic_title'])}")
        if view["guidance"] is not None:
            lines.append(clean(view["guidance"]))
    lines += ["", t(lang, "label.reasons")]
    for number, reason in enumerate(shown_reasons(view), 1):
        lines.append(f"  {number}. {clean(reason['message'])}")
        for item in reason["rests_on"]:
            lines.append(
                f"     {t(lang, 'label.based_on')}: {clean(item['question_text'])} "
                f"{answer_word(item['answer'], lang)}"
            )
        source = reason["source"]
        if source is not None:
            lines += [f"     {line}" for line in quote_lines(source, lang)]
            lines.append(f"     {t(lang, 'label.source')}: {where_text(source, lang)}")
    if view["actions"]:
        lines += ["", t(lang, "label.actions")]
        lines += [f"  {n}. {clean(action)}" for n, action in enumerate(view["actions"], 1)]
    lines += ["", t(lang, "label.contacts")]
    for contact in view["referrals"]:
        first, *rest = contact_lines(contact, lang)
        lines.append(f"  - {first}")
        lines += [f"    {line}" for line in rest]
    lines += ["", clean(view["disclaimer"]), pack_line(view, lang)]
    return "\n".join(lines) + "\n"


def list_item(marker: str, body: RenderableType) -> RenderableType:
    """A list item whose wrapped lines stay indented under its text."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right")
    grid.add_column()
    grid.add_row(marker, body)
    return grid


def rich_decision(view: dict[str, Any], situation: str | None = None) -> RenderableType:
    """The result screen: the verdict in words and colour; reasons with quotes; contacts."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    lang = view["lang"]
    style = VERDICT_STYLE[view["verdict"]]
    parts: list[RenderableType] = []
    if situation:
        parts.append(Text(clean(situation), style="italic"))
    head = Text()
    head.append(clean(view["verdict_label"]), style=style)
    head.append("\n")
    head.append(clean(view["next_step"]))
    parts.append(Panel(head, title=t(lang, "label.recommendation"), border_style=style))
    if view["topic"] is not None:
        parts.append(Text(f"{t(lang, 'label.topic')}: {clean(view['topic_title'])}", style="bold"))
        if view["guidance"] is not None:
            parts.append(Text(clean(view["guidance"]), style="italic"))

    parts.append(Text(t(lang, "label.reasons"), style="bold underline"))
    for number, reason in enumerate(shown_reasons(view), 1):
        body = Text(clean(reason["message"]) + "\n")
        for item in reason["rests_on"]:
            body.append(f"{clean(item['question_text'])} ", style="dim")
            body.append(answer_word(item["answer"], lang) + "\n", style="bold")
        source = reason["source"]
        if source is not None:
            for line in quote_lines(source, lang):
                body.append(line + "\n", style="italic")
            body.append(where_text(source, lang) + "\n", style="dim")
        parts.append(list_item(f"{number}.", body))

    if view["actions"]:
        parts.append(Text(t(lang, "label.actions"), style="bold underline"))
        for number, action in enumerate(view["actions"], 1):
            parts.append(list_item(f"{number}.", Text(clean(action))))

    parts.append(Text(t(lang, "label.contacts"), style="bold underline"))
    for contact in view["referrals"]:  # one detail a line: a phone number never wraps
        first, *rest = contact_lines(contact, lang)
        card = Text(first)
        for line in rest:
            card.append("\n" + line)
        parts.append(list_item("•", card))
    parts.append(Text(clean(view["disclaimer"]), style="dim"))
    parts.append(Text(pack_line(view, lang), style="dim"))
    return Group(*parts)


def make_console(file: object, plain: bool, width: int | None = None) -> Console:
    """A console for our output; ``plain`` means no colour, no emoji, no cursor movement."""
    from rich.console import Console

    return Console(
        file=file,  # type: ignore[arg-type]
        no_color=plain or None,
        color_system=None if plain else "auto",
        emoji=False,
        highlight=False,
        markup=False,
        width=width,
    )


def render_pack(data: dict[str, Any]) -> str:
    """``etikcheck rules show`` as plain text, from :func:`serialize.pack_json` data."""
    lines = [
        f"{data['id']} {data['version']} ({clean(data['council_name'])}), sha256 {data['sha256']}",
        f"files: {', '.join(data['files'])}",
        "",
        "questions:",
    ]
    lines += [f"  {q['id']}: {clean(q['text'])}" for q in data["questions"]]
    lines += ["", "values:"]
    for value in data["values"]:
        lines.append(f"  {value['question']}: {clean(value['name'])}")
        lines += [f"    - {clean(s)}" for s in value["statements"]]
    lines += ["", "contacts:"]
    for contact in data["contacts"]:
        details = ", ".join(
            clean(str(contact[k])) for k in ("name", "phone", "email", "address") if contact[k]
        )
        lines.append(
            f"  {contact['id']}: {clean(contact['role'])}" + (f" ({details})" if details else "")
        )
    lines.append(f"  named in every result: {', '.join(data['referrals']) or '(none)'}")
    lines += ["", "rules:"]
    for rule in data["rules"]:
        lines.append(f"  {rule['id']} -> {rule['verdict']} when {rule['when']}")
    lines += ["", "topics:"]
    for topic in data["topics"]:
        lines.append(f"  {topic['id']}: {clean(topic['title'])}")
        for rule in topic["rules"]:
            lines.append(f"    {rule['id']} -> {rule['verdict']} when {rule['when']}")
    return "\n".join(lines) + "\n"
