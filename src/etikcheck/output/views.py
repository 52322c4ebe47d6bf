"""Decisions and packs as plain JSON data (the contract in docs and ``schemas/``)."""

from __future__ import annotations

from etikcheck.engine import allowed_questions, required_questions
from etikcheck.i18n import t
from etikcheck.model import (
    ANSWERS,
    LANGS,
    VALUE_PREFIX,
    Cite,
    Contact,
    Decision,
    Pack,
    Question,
    Reason,
    Rule,
)

DECISION_SCHEMA = "etikcheck.decision/1"
QUESTIONS_SCHEMA = "etikcheck.questions/1"
COUNCILS_SCHEMA = "etikcheck.councils/1"
TOPICS_SCHEMA = "etikcheck.topics/1"
PACK_SCHEMA = "etikcheck.pack/1"
ERROR_SCHEMA = "etikcheck.error/1"

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def cite_json(cite: Cite | None, lang: str) -> dict[str, Any] | None:
    """A cite in ``lang``: the document's real title and heading in its own language, their
    translation when ``lang`` is another, and the quote with its verbatim original."""
    if cite is None:
        return None
    source = cite.source
    own = source.lang
    translated = lang != own
    section = cite.section_title
    return {
        "document": source.title.get(own),
        "document_translation": source.title.get(lang) if translated else None,
        "publisher": source.publisher.get(lang),
        "section": section.get(own) if section else None,
        "section_translation": section.get(lang) if section and translated else None,
        "quote": cite.quote.get(lang) if cite.quote else None,
        "original": cite.quote.get(own) if cite.quote else None,
        "lang": own,
        "translated": translated,
        "kind": source.kind,
    }


def contact_json(contact: Contact, lang: str) -> dict[str, Any]:
    return {
        "id": contact.id,
        "role": contact.role.get(lang),
        "name": contact.name,
        "phone": contact.phone,
        "email": contact.email,
        "address": contact.address,
        "note": contact.note.get(lang) if contact.note else None,
        "source": cite_json(contact.cite, lang),
        "general": contact.general,
    }


def question_text(pack: Pack, question: str, lang: str) -> str:
    """A question as the member was asked it: a value item's text is the value's name, so it
    is asked (and quoted back) as "Is it consistent with the value “…”?"."""
    text = pack.questions[question].text.get(lang)
    if question.startswith(VALUE_PREFIX):
        return t(lang, "prompt.value", value=text)
    return text


def _reason_json(reason: Reason, pack: Pack, lang: str) -> dict[str, Any]:
    rule = reason.rule
    rests_on = [
        {"question": q, "answer": a, "question_text": question_text(pack, q, lang)}
        for q, a in reason.rests_on
    ]
    first = rests_on[0] if rests_on else {"question": None, "answer": None}
    values = {v.id: v for v in pack.values}
    return {
        "rule": rule.id,
        "verdict": rule.verdict,
        "question": first["question"],
        "answer": first["answer"],
        "rests_on": rests_on,
        "message": rule.message.get(lang),
        "values": [{"id": v, "name": values[v].name.get(lang)} for v in rule.values],
        "source": cite_json(rule.cite, lang),
        "topic": rule.topic,
    }


def decision_json(decision: Decision, lang: str) -> dict[str, Any]:
    pack = decision.pack
    verdict_text = pack.verdicts[decision.verdict]
    topic = pack.topics[decision.topic] if decision.topic else None
    return {
        "schema": DECISION_SCHEMA,
        "verdict": decision.verdict,
        "verdict_label": verdict_text.label.get(lang),
        "next_step": verdict_text.next_step.get(lang),
        "council": pack.id,
        "council_name": pack.council.get(lang),
        "lang": lang,
        "topic": decision.topic,
        "topic_title": topic.title.get(lang) if topic else None,
        "guidance": topic.guidance.get(lang) if topic and topic.guidance else None,
        "answers": dict(decision.answers),
        "derived": list(decision.derived),
        "fallback": decision.fallback,
        "reasons": [_reason_json(r, pack, lang) for r in decision.reasons],
        "actions": [a.get(lang) for a in decision.actions],
        "referrals": [contact_json(c, lang) for c in decision.referrals],
        "counterfactuals": [
            {
                "question": c.question,
                "answer": c.answer,
                "would_be": c.would_be,
                "verdict": c.verdict,
                "question_text": question_text(pack, c.question, lang),
                "verdict_label": pack.verdicts[c.verdict].label.get(lang),
            }
            for c in decision.counterfactuals
        ],
        "pack": pack_ref(pack),
        "disclaimer": t(lang, "text.disclaimer"),
    }


def pack_ref(pack: Pack) -> dict[str, str]:
    return {"id": pack.id, "version": pack.version, "sha256": pack.sha256}


def question_json(question: Question, lang: str, required: bool) -> dict[str, Any]:
    return {
        "id": question.id,
        "kind": question.kind,
        "required": required,
        "text": question.text.get(lang),
        "help": question.help.get(lang) if question.help else None,
        "value": question.value,
        "topic": question.topic,
        "answers": [{"value": a, "label": t(lang, f"answer.{a}")} for a in ANSWERS],
    }


def questions_json(pack: Pack, lang: str, topic: str | None) -> dict[str, Any]:
    required = set(required_questions(pack, topic))
    return {
        "schema": QUESTIONS_SCHEMA,
        "council": pack.id,
        "council_name": pack.council.get(lang),
        "lang": lang,
        "topic": topic,
        "pack": pack_ref(pack),
        "values_rule": t(
            lang, "text.values_items_hint", items=", ".join(q.id for q in pack.value_questions())
        ),
        "questions": [
            question_json(pack.questions[q], lang, q in required)
            for q in allowed_questions(pack, topic)
        ],
    }


def councils_json(loaded: list[Pack]) -> dict[str, Any]:
    return {"schema": COUNCILS_SCHEMA, "councils": [pack_summary_json(p) for p in loaded]}


def pack_summary_json(pack: Pack) -> dict[str, Any]:
    return {
        "id": pack.id,
        "name": {lang: pack.council.get(lang) for lang in LANGS},
        "aliases": list(pack.aliases),
        "lang": pack.lang,
        "version": pack.version,
        "sha256": pack.sha256,
        "source": pack.source.title.get(pack.lang),
        "topics": list(pack.topics),
    }


def topics_json(pack: Pack, lang: str) -> dict[str, Any]:
    return {
        "schema": TOPICS_SCHEMA,
        "council": pack.id,
        "lang": lang,
        "pack": pack_ref(pack),
        "topics": [
            {
                "id": topic.id,
                "title": topic.title.get(lang),
                "description": topic.description.get(lang),
                "guidance": topic.guidance.get(lang) if topic.guidance else None,
                "questions": [
                    question_json(pack.questions[q], lang, required=True) for q in topic.questions
                ],
                "actions": [a.get(lang) for a in topic.actions],
                "quotes": [cite_json(c, lang) for c in topic.quotes],
                "contacts": [contact_json(pack.contacts[c], lang) for c in topic.contacts],
                "rules": [r.id for r in topic.rules],
            }
            for topic in pack.topics.values()
        ],
    }


def condition_text(rule: Rule) -> str:
    """A compiled condition in words: ``lawful=no or values=no``; never when it cannot hold."""
    if not rule.when:
        return "never"

    def atom(question: str, allowed: frozenset[str]) -> str:
        shown = sorted(a or "(unanswered)" for a in allowed)
        return f"{question}={shown[0]}" if len(shown) == 1 else f"{question} in {'/'.join(shown)}"

    terms = [" and ".join(atom(q, a) for q, a in term) or "always" for term in rule.when]
    return " or ".join(f"({t})" if " and " in t and len(terms) > 1 else t for t in terms)


def rule_json(rule: Rule, lang: str) -> dict[str, Any]:
    return {
        "id": rule.id,
        "topic": rule.topic,
        "when": condition_text(rule),
        "verdict": rule.verdict,
        "message": rule.message.get(lang),
        "source": cite_json(rule.cite, lang),
        "values": list(rule.values),
        "contacts": list(rule.contacts),
        "actions": [a.get(lang) for a in rule.actions],
        "file": rule.file,
        "line": rule.line,
    }


def pack_json(pack: Pack, lang: str) -> dict[str, Any]:
    """Everything in a pack, in one language (``etikcheck rules show``)."""
    return {
        "schema": PACK_SCHEMA,
        **pack_summary_json(pack),
        "lang_shown": lang,
        "council_name": pack.council.get(lang),
        "files": list(pack.files),
        "questions": [
            question_json(q, lang, q.kind == "core")
            for q in pack.questions.values()
            if q.kind != "topic"
        ],
        "values": [
            {
                "id": v.id,
                "question": v.question_id,
                "name": v.name.get(lang),
                "statements": [s.quote.get(lang) for s in v.statements if s.quote],
                "source": cite_json(v.cite, lang),
            }
            for v in pack.values
        ],
        "contacts": [contact_json(c, lang) for c in pack.contacts.values()],
        "referrals": list(pack.referrals),
        "rules": [rule_json(r, lang) for r in pack.rules],
        "topics": [
            {**topic, "rules": [rule_json(r, lang) for r in pack.topics[topic["id"]].rules]}
            for topic in topics_json(pack, lang)["topics"]
        ],
    }
