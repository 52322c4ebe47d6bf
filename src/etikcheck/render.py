"""Showing decisions to people: plain text (fast, linear, screen-reader friendly) and rich.

This is the only module that imports rich, and only inside the functions that draw with it, so
the JSON path never pays for it. Text from users and packs is data: control characters are made
visible (never interpreted) and rich receives it as ``Text`` objects, never as markup.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .i18n import t
from .model import Cite, Contact, Decision, Reason

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

VERDICT_STYLE = {"proceed": "bold green", "seek_advice": "bold yellow", "reconsider": "bold red"}
VERDICT_MARK = {"proceed": "✓", "seek_advice": "?", "reconsider": "✗"}


def clean(text: str) -> str:
    """Make terminal control characters visible as ``\\xNN`` so they are never interpreted."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def cite_line(cite: Cite, lang: str) -> str:
    parts = [cite.source.title.get(lang)]
    if cite.section_title is not None:
        parts.append(cite.section_title.get(lang))
    return clean(f"{', '.join(parts)} ({cite.source.publisher.get(lang)})")


def contact_line(contact: Contact, lang: str) -> str:
    parts = [contact.role.get(lang)]
    if contact.name:
        parts[0] += f": {contact.name}"
    if contact.phone:
        parts.append(f"{t(lang, 'label.phone')} {contact.phone}")
    if contact.email:
        parts.append(f"{t(lang, 'label.email')} {contact.email}")
    if contact.address:
        parts.append(f"{t(lang, 'label.address')} {contact.address}")
    line = ", ".join(parts)
    if contact.note:
        line += f" ({contact.note.get(lang)})"
    return clean(line)


def answer_word(answer: str, lang: str) -> str:
    return t(lang, f"answer.{answer}")


def plain_decision(decision: Decision, lang: str, situation: str | None = None) -> str:
    """The whole result as linear text: no colour, no boxes, one idea per line."""
    pack = decision.pack
    verdict = pack.verdicts[decision.verdict]
    lines: list[str] = []
    if situation:
        lines.append(clean(situation))
        lines.append("")
    lines.append(
        f"{t(lang, 'label.recommendation')}: {verdict.label.get(lang)} "
        f"{VERDICT_MARK[decision.verdict]} ({decision.verdict})"
    )
    lines.append(f"{t(lang, 'label.next_step')}: {clean(verdict.next_step.get(lang))}")
    if decision.topic is not None:
        topic = pack.topics[decision.topic]
        lines.append(f"{t(lang, 'label.topic')}: {clean(topic.title.get(lang))}")
        if topic.guidance is not None:
            lines.append(clean(topic.guidance.get(lang)))
    lines.append("")
    lines.append(t(lang, "label.reasons"))
    for number, reason in enumerate(shown_reasons(decision), 1):
        lines.append(f"  {number}. {clean(reason.rule.message.get(lang))}")
        for qid, answer in reason.rests_on:
            question = clean(pack.questions[qid].text.get(lang))
            lines.append(
                f"     {t(lang, 'label.based_on')}: {question} {answer_word(answer, lang)}"
            )
        cite = reason.rule.cite
        if cite is not None:
            if cite.quote is not None:
                lines.append(f"     «{clean(cite.quote.get(lang))}»")
            lines.append(f"     {t(lang, 'label.source')}: {cite_line(cite, lang)}")
    if decision.actions:
        lines.append("")
        lines.append(t(lang, "label.actions"))
        for number, action in enumerate(decision.actions, 1):
            lines.append(f"  {number}. {clean(action.get(lang))}")
    lines.append("")
    lines.append(t(lang, "label.contacts"))
    for contact in decision.referrals:
        lines.append(f"  - {contact_line(contact, lang)}")
    lines.append("")
    lines.append(t(lang, "text.disclaimer"))
    lines.append(f"{t(lang, 'label.pack')}: {pack.id} {pack.version} (sha256 {pack.sha256[:12]})")
    return "\n".join(lines) + "\n"


def shown_reasons(decision: Decision) -> tuple[Reason, ...]:
    """The reasons to show a person: a 'proceed' reason (all four yes) is true but only
    confusing under a more cautious verdict, so it is shown only when the verdict is proceed.
    JSON output keeps every fired rule."""
    if decision.verdict == "proceed":
        return decision.reasons
    return tuple(r for r in decision.reasons if r.verdict != "proceed")


def list_item(marker: str, body: RenderableType) -> RenderableType:
    """A list item whose wrapped lines stay indented under its text."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right")
    grid.add_column()
    grid.add_row(marker, body)
    return grid


def rich_decision(decision: Decision, lang: str, situation: str | None = None) -> RenderableType:
    """The result screen: verdict in words, mark and colour; reasons with quotes; contacts."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    pack = decision.pack
    verdict = pack.verdicts[decision.verdict]
    style = VERDICT_STYLE[decision.verdict]
    parts: list[RenderableType] = []
    if situation:
        parts.append(Text(clean(situation), style="italic"))
    head = Text()
    head.append(f"{VERDICT_MARK[decision.verdict]} {verdict.label.get(lang)}", style=style)
    head.append("\n")
    head.append(clean(verdict.next_step.get(lang)))
    parts.append(Panel(head, title=t(lang, "label.recommendation"), border_style=style))
    if decision.topic is not None:
        topic = pack.topics[decision.topic]
        parts.append(
            Text(f"{t(lang, 'label.topic')}: {clean(topic.title.get(lang))}", style="bold")
        )
        if topic.guidance is not None:
            parts.append(Text(clean(topic.guidance.get(lang)), style="italic"))

    parts.append(Text(t(lang, "label.reasons"), style="bold underline"))
    for number, reason in enumerate(shown_reasons(decision), 1):
        body = Text(clean(reason.rule.message.get(lang)) + "\n")
        for qid, answer in reason.rests_on:
            body.append(f"{clean(pack.questions[qid].text.get(lang))} ", style="dim")
            body.append(answer_word(answer, lang) + "\n", style="bold")
        cite = reason.rule.cite
        if cite is not None:
            if cite.quote is not None:
                body.append(f"«{clean(cite.quote.get(lang))}»\n", style="italic")
            body.append(f"{cite_line(cite, lang)}\n", style="dim")
        parts.append(list_item(f"{number}.", body))

    if decision.actions:
        parts.append(Text(t(lang, "label.actions"), style="bold underline"))
        for number, action in enumerate(decision.actions, 1):
            parts.append(list_item(f"{number}.", Text(clean(action.get(lang)))))

    parts.append(Text(t(lang, "label.contacts"), style="bold underline"))
    for contact in decision.referrals:  # one detail a line: a phone number never wraps
        card = Text(clean(contact.role.get(lang) + (f": {contact.name}" if contact.name else "")))
        for key in ("phone", "email", "address"):
            value = getattr(contact, key)
            if value:
                card.append(f"\n{t(lang, 'label.' + key)} {clean(value)}")
        if contact.note:
            card.append(f"\n{clean(contact.note.get(lang))}", style="dim")
        parts.append(list_item("•", card))
    parts.append(Text(t(lang, "text.disclaimer"), style="dim"))
    parts.append(
        Text(f"{t(lang, 'label.pack')}: {pack.id} {pack.version} ({pack.sha256[:12]})", style="dim")
    )
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
