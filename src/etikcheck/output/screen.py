"""The result screen drawn with rich: the only module that imports rich (inside the functions,
so nothing pays for it before a result is drawn). Text from users and packs reaches rich as
``Text`` objects, never as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from etikcheck.i18n import t
from etikcheck.output.escape import clean
from etikcheck.output.text import (
    answer_word,
    contact_lines,
    counterfactual_lines,
    pack_line,
    quote_lines,
    shown_reasons,
    where_text,
)

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

VERDICT_STYLE = {"proceed": "bold green", "seek_advice": "bold yellow", "reconsider": "bold red"}


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

    parts.append(Text(t(lang, "label.counterfactuals"), style="bold underline"))
    parts.append(Text(t(lang, "text.counterfactual_note"), style="italic"))
    parts += [list_item("•", Text(line)) for line in counterfactual_lines(view)]
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
