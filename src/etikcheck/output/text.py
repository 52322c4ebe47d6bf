"""Decisions and packs as plain text: linear, no colour, one idea per line (``check``,
``--plain``, screen readers), and the pieces every renderer shares: where a quote stands, the
quote and its original, a contact. They read the JSON view of :mod:`etikcheck.output.views`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from etikcheck.i18n import quoted, t
from etikcheck.output.escape import clean

if TYPE_CHECKING:
    from collections.abc import Callable

    from etikcheck.model import Pack
    from etikcheck.store.journal import Entry

CONTACT_DETAILS = ("phone", "email", "address")


# -- pieces every renderer shares (they read the JSON view of serialize.py) ---------------------


def where_text(source: dict[str, Any], lang: str) -> str:
    """Where a quote stands: the document under its real title (translated after it when the
    output is in another language), the heading, and who issued it; a law by name and section."""
    document = _with_translation(source["document"], source.get("document_translation"))
    section, translation = source.get("section"), source.get("section_translation")
    if source.get("kind") == "law":  # a law by name and section: "Brottsbalken 10 kap. 5 a §"
        return clean(
            f"{document} {_with_translation(section, translation)}" if section else document
        )
    parts = [document]
    if section:
        parts.append(_with_translation(quoted(section, lang), translation))
    return clean(f"{source['publisher']}: {', '.join(parts)}")


def _with_translation(text: str, translation: str | None) -> str:
    return f"{text} ({translation})" if translation and translation != text else text


def quote_lines(source: dict[str, Any], lang: str) -> list[str]:
    """The quote in ``lang``; a translation says so and is followed by the verbatim original."""
    if not source.get("quote"):
        return []
    if not source.get("translated") or not source.get("original"):  # records of older versions
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


def contact_line(
    contact: dict[str, Any],
    lang: str,
    shown: Callable[[str], str] = str,
    role: Callable[[str], str] = str,
) -> str:
    """A contact on one line (a record, the Markdown card): its details apart with ·, the
    general-advice mark after them as a parenthesis. ``shown`` makes each part safe for the
    format, ``role`` marks up the first."""
    first, *details = (shown(line) for line in contact_lines(contact, lang))
    mark = f" {details.pop()}" if contact.get("general") else ""
    return " · ".join([role(first), *details]) + mark


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """``text`` wrapped at word boundaries (never inside a word) to ``width``, its first line
    after ``first`` and the others after ``rest`` (a list item's hanging indent)."""
    import textwrap

    return textwrap.wrap(
        text,
        max(width, 20),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


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


def counterfactual_lines(view: dict[str, Any]) -> list[str]:
    """What would change it, in words; one line saying so when nothing would."""
    lang = view["lang"]
    found = view.get("counterfactuals") or []
    if not found:
        return [t(lang, "text.no_counterfactual")]
    return [
        clean(
            t(
                lang,
                "text.counterfactual",
                question=quoted(c["question_text"], lang),
                would_be=quoted(answer_word(c["would_be"], lang), lang),
                verdict=c["verdict_label"],
            )
        )
        for c in found
    ]


def pack_line(view: dict[str, Any], lang: str) -> str:
    pack = view["pack"]
    name = f"{clean(pack['id'])} {clean(pack['version'])}"
    return f"{t(lang, 'label.pack')}: {name} ({pack['sha256'][:12]})"


def wrap_line(line: str, width: int) -> list[str]:
    """One line of plain output wrapped at word boundaries, its indent kept and a list item's
    text hanging under its first word."""
    match = re.match(r"^(\s*)(\d+\. |- |• )?", line)
    first = match.group(0) if match else ""
    return wrap(line[len(first) :], width, first, " " * len(first)) if line.strip() else [line]


def wrap_text(text: str, width: int) -> list[str]:
    """Text of several lines, each wrapped on its own (see :func:`wrap_line`)."""
    return [part for line in text.split("\n") for part in wrap_line(line, width)]


def plain_decision(view: dict[str, Any], situation: str | None = None, width: int = 80) -> str:
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
    lines += ["", t(lang, "label.counterfactuals"), f"  {t(lang, 'text.counterfactual_note')}"]
    lines += [f"  - {line}" for line in counterfactual_lines(view)]
    lines += ["", t(lang, "label.contacts")]
    for contact in view["referrals"]:
        first, *rest = contact_lines(contact, lang)
        lines.append(f"  - {first}")
        lines += [f"    {line}" for line in rest]
    lines += ["", clean(view["disclaimer"]), pack_line(view, lang)]
    return "".join(line + "\n" for line in wrap_text("\n".join(lines), width))


def councils_text(loaded: list[Pack]) -> str:
    return "".join(
        f"{p.id:<10} {clean(p.council.get(p.lang))} ({p.lang}, {clean(p.version)})\n"
        for p in loaded
    )


def topics_text(data: dict[str, Any]) -> str:
    """``etikcheck topics``, from :func:`views.topics_json` data."""
    lines = []
    for topic in data["topics"]:
        lines.append(f"{topic['id']}: {clean(topic['title'])}")
        lines.append(f"    {clean(topic['description'])}")
        if topic["guidance"]:
            lines.append(f"    {clean(topic['guidance'])}")
        lines += [f"    {q['id']}: {clean(q['text'])}" for q in topic["questions"]]
    return "\n".join(lines) + "\n"


def questions_text(data: dict[str, Any]) -> str:
    """``etikcheck questions``, from :func:`views.questions_json` data."""
    answers = "/".join(a["label"] for a in data["questions"][0]["answers"])
    lines = []
    for question in data["questions"]:
        marker = "" if question["required"] else f" ({t(data['lang'], 'label.optional')})"
        lines.append(f"{question['id']}{marker}: {clean(question['text'])} [{answers}]")
        if question["help"]:
            lines.append(f"    {clean(question['help'])}")
    lines += ["", clean(data["values_rule"])]
    return "\n".join(lines) + "\n"


def journal_text(entries: list[Entry], lang: str, header: bool = True) -> str:
    """``etikcheck journal``: a header, then one line per saved record: its number, when it
    was saved (local time), the council, the recommendation in words, the situation."""
    if not entries:
        return t(lang, "label.journal_empty") + "\n"
    from etikcheck.output.record import local_time

    rows = [
        (
            str(entry.number),
            local_time(entry.record.get("saved_at", "")),
            clean(entry.record["decision"].get("council_name", "")),
            clean(entry.record["decision"].get("verdict_label", "")),
            shorten_text(clean(entry.record.get("situation") or ""), 40),
        )
        for entry in entries
    ]
    titles = tuple(
        t(lang, f"journal.{k}") for k in ("number", "saved", "council", "verdict", "situation")
    )
    table = [titles, *rows] if header else rows
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    lines = [
        "  ".join(
            [
                row[0].rjust(widths[0]),
                *(c.ljust(w) for c, w in zip(row[1:4], widths[1:4], strict=True)),
                row[4],
            ]
        ).rstrip()
        for row in table
    ]
    return "\n".join(lines) + "\n"


def shorten_text(text: str, room: int) -> str:
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"


def render_pack(data: dict[str, Any]) -> str:
    """``etikcheck rules show`` as plain text, from :func:`serialize.pack_json` data."""
    lines = [
        f"{clean(data['id'])} {clean(data['version'])} ({clean(data['council_name'])}), "
        f"sha256 {data['sha256']}",
        f"files: {clean(', '.join(data['files']))}",
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
            clean(str(contact[k])) for k in ("name", *CONTACT_DETAILS) if contact[k]
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
