"""The pocket card: what a member keeps at hand (the Västerås code says to read it often).

The card is data first (:func:`card_view`: the four test questions, what a no and an unsure
mean, the council's values in its own words, the contacts, the source and the pack), in one
language, built from the pack only; three renderers read that view: plain text wrapped at word
boundaries, Markdown, and a self-contained HTML page that prints on one A6 page, or on an A4
sheet folded in four (open it with ``#a4`` after its address: the page switches to that layout
by CSS alone, no script). Everything from the pack is escaped for the format it goes into.
"""

from __future__ import annotations

import html
import textwrap
from typing import Any

from etikcheck.i18n import quoted, t
from etikcheck.model import LANGS, Cite, Contact, Pack
from etikcheck.output.escape import clean, inline_md
from etikcheck.output.text import CONTACT_DETAILS, contact_line, contact_lines, pack_line
from etikcheck.output.views import cite_json, contact_json, pack_ref

FORMATS = ("txt", "md", "html")
# The document the four test questions come from (the core's source): named as "our own code"
# on the card of the council whose code it is, and as the method it is for everyone else.
# What each answer to a test question means, in the order the card says it: (answer, verdict).
MEANINGS = (("no", "reconsider"), ("unsure", "seek_advice"))
MAX_WIDTH = 80


# -- the card as data ------------------------------------------------------------------------------


def card_view(pack: Pack, lang: str) -> dict[str, Any]:
    """Everything the card shows, in ``lang``, as plain data (texts not yet escaped)."""
    council = pack.council.get(lang)
    return {
        "lang": lang,
        "council": pack.id,
        "council_name": council,
        "title": t(lang, "card.title", council=council),
        "questions_heading": t(lang, "card.questions"),
        "questions": [q.text.get(lang) for q in pack.core_questions()],
        "method": _method(pack, lang),
        "meanings": [
            {
                "answer": answer,
                "verdict": verdict,
                "when": t(lang, f"card.if_{answer}"),
                "label": pack.verdicts[verdict].label.get(lang),
                "next_step": pack.verdicts[verdict].next_step.get(lang),
            }
            for answer, verdict in MEANINGS
        ],
        "values_heading": _values_heading(pack, lang),
        "values": [
            {
                "id": value.id,
                "name": value.name.get(lang),
                "original_name": _original(value.name.get(lang), value.name.get(own), lang, own),
                **_statement(value.name.get(lang), value.statements, lang),
            }
            for value in pack.values
            for own in (value.cite.source.lang,)
        ],
        "contacts_heading": t(lang, "label.contacts"),
        "contacts": [_short_note(contact_json(c, lang), c) for c in _contacts(pack)],
        "disclaimer": t(lang, "text.disclaimer"),
        "source": _document(pack, lang),
        "source_label": t(lang, "label.source"),
        "pack": pack_ref(pack),
        "pack_line": pack_line({"pack": pack_ref(pack)}, lang),
    }


def _document(pack: Pack, lang: str) -> str:
    """The council's own document under its real title (its translation after it when the
    card is in another language), and who issued it."""
    data = cite_json(Cite(source=pack.source, section=None, quote=None), lang)
    assert data is not None
    title, translation = data["document"], data["document_translation"]
    shown = f"{title} ({translation})" if translation and translation != title else title
    return f"{shown}, {data['publisher']}"


def _method(pack: Pack, lang: str) -> str | None:
    """Where the four test questions come from, under the document's real title; None for a
    pack whose questions do not come from it (a custom core of its own)."""
    source = pack.method
    if source is None:
        return None
    own = source.lang
    title = quoted(source.title.get(own), lang)
    translation = source.title.get(lang)
    if lang != own and translation != source.title.get(own):
        title += f" ({translation})"
    key = "card.method_own" if pack.source.id == source.id else "card.method"
    return t(lang, key, source=title)


def _values_heading(pack: Pack, lang: str) -> str:
    heading = t(lang, "card.values")
    others = sorted({v.cite.source.lang for v in pack.values} - {lang})
    if others:  # the code's own words, shown in translation: say so
        languages = ", ".join(t(lang, f"lang.{other}") for other in others)
        heading += f" ({t(lang, 'label.translated_from', language=languages)})"
    return heading


def _original(shown: str, original: str, lang: str, own: str) -> str | None:
    return original if lang != own and original != shown else None


def _statement(name: str, statements: tuple[Cite, ...], lang: str) -> dict[str, str | None]:
    """The value's first statement; ``tail`` is what follows the name when the statement
    begins with it (Västerås: "Samarbete och handlingskraft för resultat"), so that the card
    does not say the name twice."""
    quote = statements[0].quote if statements else None
    statement = quote.get(lang) if quote is not None else None
    begins = statement is not None and statement.casefold().startswith(name.casefold())
    tail = statement[len(name) :] if statement is not None and begins else None
    return {"statement": statement, "tail": tail}


def _contacts(pack: Pack) -> list[Contact]:
    """Every contact of the pack: those named in every result first, general advice last."""
    return sorted(pack.contacts.values(), key=lambda c: (c.general, c.id not in pack.referrals))


def _strong(text: str) -> str:
    return f"**{text}**"


def _ended(text: str) -> str:
    """A label as the start of a sentence: with a full stop, unless it has its own."""
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def _value_parts(value: dict[str, Any], lang: str) -> tuple[str, str]:
    """A value as (name, what follows it): "Tillid (Trust)", ': “We trust one another …”'
    (the code's words, so in quotation marks); or "Samarbete och handlingskraft", " för
    resultat" (the code's value is its name)."""
    original = f" ({value['original_name']})" if value["original_name"] else ""
    if value["tail"] is not None:
        return value["statement"][: -len(value["tail"]) or None], value["tail"] + original
    statement = f": {quoted(value['statement'], lang)}" if value["statement"] else ""
    return value["name"] + original, statement


# -- plain text -----------------------------------------------------------------------------------


def card_text(view: dict[str, Any], width: int = MAX_WIDTH) -> str:
    """The card as plain text, wrapped at word boundaries to ``width`` (at most 80) columns."""
    width = max(20, min(width, MAX_WIDTH))
    lines: list[str] = []

    def add(text: str, first: str = "", rest: str | None = None) -> None:
        lines.extend(
            textwrap.wrap(
                clean(text),
                width,
                initial_indent=first,
                subsequent_indent=first if rest is None else rest,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [first.rstrip()]
        )

    add(view["title"])
    lines.append("=" * min(width, len(lines[-1])))
    lines.append("")
    add(view["questions_heading"])
    for number, question in enumerate(view["questions"], 1):
        add(question, f"{number}. ", "   ")
    if view["method"]:
        add(view["method"])
    lines.append("")
    for meaning in view["meanings"]:
        add(f"{meaning['when']}: {meaning['label']}")
        add(meaning["next_step"], "   ")
    lines.append("")
    add(view["values_heading"])
    for value in view["values"]:
        add("".join(_value_parts(value, view["lang"])), "- ", "  ")
    lines.append("")
    add(view["contacts_heading"])
    for contact in view["contacts"]:
        first, *rest = contact_lines(contact, view["lang"])
        add(first, "- ", "  ")
        for line in rest:
            add(line, "  ")
    lines.append("")
    add(view["disclaimer"])
    lines.append("")
    add(f"{view['source_label']}: {view['source']}")
    add(view["pack_line"])
    return "\n".join(lines) + "\n"


# -- Markdown -------------------------------------------------------------------------------------


def card_markdown(view: dict[str, Any]) -> str:
    lines = [f"# {inline_md(view['title'])}", "", f"## {inline_md(view['questions_heading'])}", ""]
    lines += [f"{n}. {inline_md(q)}" for n, q in enumerate(view["questions"], 1)]
    if view["method"]:
        lines += ["", inline_md(view["method"])]
    lines.append("")
    for meaning in view["meanings"]:
        lines += [
            f"**{inline_md(meaning['when'])}: {inline_md(_ended(meaning['label']))}** "
            f"{inline_md(meaning['next_step'])}",
            "",
        ]
    lines += [f"## {inline_md(view['values_heading'])}", ""]
    for value in view["values"]:
        name, rest = _value_parts(value, view["lang"])
        lines.append(f"- **{inline_md(name)}**{inline_md(rest)}")
    lines += ["", f"## {inline_md(view['contacts_heading'])}", ""]
    for contact in view["contacts"]:
        lines.append(f"- {contact_line(contact, view['lang'], inline_md, _strong)}")
    lines += [
        "",
        f"_{inline_md(view['disclaimer'])}_",
        "",
        "---",
        "",
        f"{inline_md(view['source_label'])}: {inline_md(view['source'])}  ",
        inline_md(view["pack_line"]),
    ]
    return "\n".join(lines) + "\n"


# -- HTML -----------------------------------------------------------------------------------------

# One A6 page (105 × 148 mm) by default. With #a4 after the page's address, :target switches to a
# named A4 page with the card in the top-left quarter and dashed fold lines: folded backwards
# twice, the card is on the front. Local fonts only (no web font), no script, no reference.
STYLE = """
@page{size:105mm 148mm;margin:0}
@page sheet{size:210mm 297mm;margin:0}
*{box-sizing:border-box}
html{font-family:"Helvetica Neue",Helvetica,Arial,"Liberation Sans",Roboto,"Segoe UI",
sans-serif;font-size:8pt;line-height:1.2;color:#000;background:#fff}
body{margin:0}
.card{position:relative;width:105mm;min-height:148mm;padding:4.5mm 5mm 4mm;
display:flex;flex-direction:column;gap:1.4mm;background:#fff}
h1{font-size:10.5pt;margin:0;padding-bottom:.8mm;border-bottom:.4mm solid #000}
h2{font-size:9pt;margin:0 0 .5mm}
p,ol,ul{margin:0}
ol{padding-left:4.5mm;font-size:9pt;font-weight:bold}
ul{padding-left:0;list-style:none}
ul li{padding-left:2.4mm;text-indent:-2.4mm}
ul li::before{content:"\\2013\\00a0"}
.method{margin-top:.6mm;color:#333}
.meaning+.meaning{margin-top:.6mm}
.contacts li+li{margin-top:.3mm}
.detail{white-space:nowrap}
.note{color:#333}
.disclaimer{margin:.6mm 0 0;font-style:italic;color:#333}
footer{margin-top:auto;padding-top:.8mm;border-top:.2mm solid #555;color:#333}
.sheet-only,.screen-only{display:none}
#a4:target{page:sheet;position:relative;width:210mm;height:297mm;overflow:hidden}
#a4:target .card{outline:.2mm dashed #888;outline-offset:0}
#a4:target .fold{display:block;position:absolute;border:0 dashed #888}
#a4:target .fold-h{left:0;right:0;top:148.5mm;border-top-width:.2mm}
#a4:target .fold-v{top:0;bottom:0;left:105mm;border-left-width:.2mm}
#a4:target .hint{display:block;position:absolute;left:112mm;top:8mm;width:90mm;color:#333}
@media screen{
html{background:#e8e8e8}
body{padding:8px 0}
.card,#a4:target{margin:0 auto;box-shadow:0 0 0 1px #bbb}
.screen-only{display:block;text-align:center;font-size:9pt;margin:8px 0}
#a4:target{background:#fff}
#a4:target .card{margin:0;box-shadow:none}
}
@media print{.screen-only{display:none}}
"""


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)


def card_html(view: dict[str, Any]) -> str:
    """A self-contained page (inline CSS, no script, no external reference) in the card's
    language, that prints on one A6 page; ``#a4`` lays it out on A4 to fold in four."""
    lang = view["lang"]
    body = [f"<h1>{_e(view['title'])}</h1>", "<section>"]
    body.append(f"<h2>{_e(view['questions_heading'])}</h2><ol>")
    body += [f"<li>{_e(question)}</li>" for question in view["questions"]]
    body.append("</ol>")
    if view["method"]:
        body.append(f'<p class="method">{_e(view["method"])}</p>')
    body.append("</section><section>")
    for meaning in view["meanings"]:
        body.append(
            f'<p class="meaning" data-answer="{_e(meaning["answer"])}">'
            f"<b>{_e(meaning['when'])}: {_e(_ended(meaning['label']))}</b> "
            f"{_e(meaning['next_step'])}</p>"
        )
    body.append(f"</section><section><h2>{_e(view['values_heading'])}</h2><ul>")
    for value in view["values"]:
        name, rest = _value_parts(value, view["lang"])
        body.append(f"<li><b>{_e(name)}</b>{_e(rest)}</li>")
    body.append(f"</ul></section><section><h2>{_e(view['contacts_heading'])}</h2>")
    body.append('<ul class="contacts">')
    body += [f"<li>{item}</li>" for item in _contacts_html(view["contacts"], lang)]
    body.append("</ul></section>")
    body.append(f'<p class="disclaimer">{_e(view["disclaimer"])}</p>')
    body.append(
        f"<footer>{_e(view['source_label'])}: {_e(view['source'])}<br>"
        f"{_e(view['pack_line'])}</footer>"
    )
    card = "\n".join(body)
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(view['title'])}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f'<div id="a4">\n<main class="card">\n{card}\n</main>\n'
        f'<div class="fold fold-h sheet-only"></div><div class="fold fold-v sheet-only"></div>\n'
        f'<p class="hint sheet-only">{_e(t(lang, "card.fold_hint"))}</p>\n</div>\n'
        f'<p class="screen-only"><a href="#">{_e(t(lang, "card.print_a6"))}</a> · '
        f'<a href="#a4">{_e(t(lang, "card.print_a4"))}</a></p>\n'
        "</body>\n</html>\n"
    )


NOTE_ROOM = 100


def _short_note(shown: dict[str, Any], contact: Contact) -> dict[str, Any]:
    """A card has room for who to call and a short note (Aarhus's "red button"); a longer note
    is on the result screen, where the member's situation makes it relevant. The note is on the
    card when it is short in every language, so that no card says less than another."""
    note = contact.note
    short = note is not None and all(len(note.get(lang)) <= NOTE_ROOM for lang in LANGS)
    return shown if short else {**shown, "note": None}


def _contacts_html(contacts: list[dict[str, Any]], lang: str) -> list[str]:
    """One item per contact, except that contacts with the same details share one item (a
    party colleague and the group leader; Aarhus's mayor and chair, who both have the red
    button), so that the card keeps its room for the phone numbers."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for contact in contacts:
        groups.setdefault(tuple(contact_lines(contact, lang)[1:]), []).append(contact)
    items = []
    for rest, members in groups.items():
        heads = [f"<b>{_e(contact_lines(c, lang)[0])}</b>" for c in members]
        kinds = _detail_kinds(members[0])
        details = [
            f'<span class="{"detail" if kind in CONTACT_DETAILS else "note"}">{_e(line)}</span>'
            for line, kind in zip(rest, kinds, strict=True)
        ]
        items.append(" · ".join(heads + details))
    return items


def _detail_kinds(contact: dict[str, Any]) -> list[str]:
    """What each line after the first of :func:`contact_lines` is, in the same order."""
    kinds = [key for key in CONTACT_DETAILS if contact.get(key)]
    if contact.get("note"):
        kinds.append("note")
    if contact.get("general"):
        kinds.append("general")
    return kinds
