"""``etikcheck card``: the council's pocket card, as text, Markdown or a printable HTML page."""

from __future__ import annotations

from etikcheck import resolve

TYPE_CHECKING = False
if TYPE_CHECKING:
    from etikcheck.cli.parse import Values
    from etikcheck.environment import Environment

FILE_WIDTH = 72  # a text card written to a file: a width that prints and reads well anywhere


def card(values: Values, env: Environment) -> int:
    from etikcheck.output.card import card_html, card_markdown, card_text, card_view
    from etikcheck.store.files import check_target, write_private

    output, force = values.path("output"), values.flag("force")
    if output is not None:  # refuse a file we may not write before any work
        check_target(output, overwrite=force)
    pack, lang = resolve.pack_and_lang(
        env, values.text("council"), values.path("rules"), values.text("lang")
    )
    view = card_view(pack, lang)
    chosen = values.text("format") or "txt"
    if chosen == "html":
        text = card_html(view)
    elif chosen == "md":
        text = card_markdown(view)
    else:
        text = card_text(view, FILE_WIDTH if output is not None else env.columns())
    if output is None:
        env.stdout.write(text)
    else:
        write_private(output, text, overwrite=force)
    return 0
