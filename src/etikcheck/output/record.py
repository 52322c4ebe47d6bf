"""The decision record a member may save: answers, situation, decision, pack, timestamp.

A record is plain JSON data (it is what the journal stores), and it renders to Markdown on its
own, without the pack, so old records stay readable when packs change.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from etikcheck.i18n import t
from etikcheck.model import VALUE_PREFIX, Decision
from etikcheck.output.escape import fenced, inline_md
from etikcheck.output.text import (
    contact_line,
    counterfactual_lines,
    quote_lines,
    shown_reasons,
    where_text,
)
from etikcheck.output.views import decision_json

RECORD_SCHEMA = "etikcheck.record/1"


def make_record(
    decision: Decision, lang: str, situation: str | None, now: datetime | None = None
) -> dict[str, Any]:
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return {
        "schema": RECORD_SCHEMA,
        "saved_at": moment.isoformat(timespec="seconds"),
        "situation": situation or None,
        "questions": {q: decision.pack.questions[q].text.get(lang) for q in decision.answers},
        "decision": decision_json(decision, lang),
    }


def record_markdown(record: dict[str, Any]) -> str:
    decision = record["decision"]
    lang = decision["lang"]
    lines = [
        f"# {t(lang, 'label.record')}: {inline_md(decision['verdict_label'])}",
        "",
        f"- {t(lang, 'label.saved_at')}: {local_time(record['saved_at'])}",
        f"- {t(lang, 'label.council')}: {inline_md(decision['council_name'])}",
        f"- {t(lang, 'label.pack')}: {decision['pack']['id']} {decision['pack']['version']}, "
        f"sha256 `{decision['pack']['sha256']}`",
        "",
    ]
    if record.get("situation"):
        lines += [f"## {t(lang, 'label.situation')}", "", fenced(record["situation"]), ""]
    if decision.get("topic"):
        lines += [f"## {t(lang, 'label.topic')}: {inline_md(decision['topic_title'])}", ""]
        if decision.get("guidance"):
            lines += [inline_md(decision["guidance"]), ""]
    lines += [f"## {t(lang, 'label.answers')}", ""]
    lines += _answer_lines(record)
    lines += ["", f"## {t(lang, 'label.recommendation')}", ""]
    lines += [f"**{inline_md(decision['verdict_label'])}**: {inline_md(decision['next_step'])}", ""]
    lines += [f"## {t(lang, 'label.reasons')}", ""]
    for number, reason in enumerate(shown_reasons(decision), 1):
        lines.append(f"{number}. {inline_md(reason['message'])}")
        source = reason.get("source")
        if source:
            lines += [f"   > {inline_md(line)}" for line in quote_lines(source, lang)]
            lines.append(f"   — {inline_md(where_text(source, lang))}")
    if decision.get("actions"):
        lines += ["", f"## {t(lang, 'label.actions')}", ""]
        lines += [f"{n}. {inline_md(a)}" for n, a in enumerate(decision["actions"], 1)]
    if "counterfactuals" in decision:  # records of older versions have none
        lines += ["", f"## {t(lang, 'label.counterfactuals')}", ""]
        lines += [t(lang, "text.counterfactual_note"), ""]
        lines += [f"- {inline_md(line)}" for line in counterfactual_lines(decision)]
    lines += ["", f"## {t(lang, 'label.contacts')}", ""]
    for contact in decision["referrals"]:
        lines.append(f"- {contact_line(contact, lang, inline_md)}")
    lines += ["", f"_{inline_md(decision['disclaimer'])}_", ""]
    return "\n".join(lines)


def _answer_lines(record: dict[str, Any]) -> list[str]:
    """Every answer with its question, as a table: the question as asked, the answer in words."""
    decision = record["decision"]
    lang = decision["lang"]
    texts = record.get("questions", {})
    derived = set(decision.get("derived", []))
    lines = [f"| {t(lang, 'label.question')} | {t(lang, 'label.answer')} |", "|---|---|"]
    for question, answer in decision["answers"].items():
        label = texts.get(question, question)
        if question.startswith(VALUE_PREFIX):  # an item's text is the value's name
            label = t(lang, "label.value_row", value=label)
        note = f" ({t(lang, 'label.derived')})" if question in derived else ""
        lines.append(f"| {inline_md(label)} | {t(lang, 'answer.' + answer)}{note} |")
    return lines


def local_time(saved_at: str) -> str:
    """A record's time (saved in UTC) as the member's clock shows it: 2026-12-01 10:30."""
    try:
        moment = datetime.fromisoformat(saved_at)
    except ValueError:
        return saved_at
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
