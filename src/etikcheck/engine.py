"""evaluate(pack, answers) -> Decision: the one pure function every front end calls.

No I/O and no printing. Bad answers raise InputError naming the field and what is allowed.
"""

from __future__ import annotations

from collections.abc import Mapping

from etikcheck.errors import InputError, Message, excerpt
from etikcheck.frozen import replace
from etikcheck.model import (
    ABSENT,
    ANSWER_WEIGHT,
    ANSWERS,
    FLOOR,
    SEVERITY,
    VALUE_PREFIX,
    VERDICTS,
    Contact,
    Counterfactual,
    Decision,
    Pack,
    Reason,
    Rule,
    Term,
    Text,
)

_ALLOWED = ", ".join(ANSWERS)


def allowed_questions(pack: Pack, topic: str | None) -> list[str]:
    """Question ids a caller may answer: the core, the value items, and the topic's questions."""
    return [
        q.id for q in pack.questions.values() if q.kind != "topic" or (topic and q.topic == topic)
    ]


def required_questions(pack: Pack, topic: str | None) -> list[str]:
    """The core questions (``values`` may come from its items) and the topic's questions."""
    return [
        q.id for q in pack.questions.values() if q.kind == "core" or (topic and q.topic == topic)
    ]


def check_topic(pack: Pack, topic: str | None) -> None:
    if topic is not None and topic not in pack.topics:
        if not pack.topics:
            raise InputError(Message("error.no_topics", topic=excerpt(topic)), "topic")
        known = ", ".join(pack.topics)
        raise InputError(
            Message("error.unknown_topic", topic=excerpt(topic), allowed=known), "topic"
        )


def normalize(
    pack: Pack, answers: Mapping[str, object], topic: str | None = None
) -> tuple[dict[str, str], tuple[str, ...]]:
    """Validate answers; derive ``values`` from its items. Returns (answers, derived ids)."""
    check_topic(pack, topic)
    allowed = allowed_questions(pack, topic)
    result: dict[str, str] = {}
    for qid, answer in answers.items():
        field = f"answers.{qid}"
        if qid not in allowed:
            question = pack.questions.get(qid)
            if question is not None and question.topic:
                message = Message(
                    "error.question_of_topic", field=field, qid=excerpt(qid), topic=question.topic
                )
                raise InputError(message, field)
            message = Message(
                "error.unknown_question", field=field, qid=excerpt(qid), allowed=", ".join(allowed)
            )
            raise InputError(message, field)
        if not isinstance(answer, str) or answer not in ANSWERS:
            shown = answer if isinstance(answer, str) else _json_word(answer)
            message = Message(
                "error.not_an_answer", field=field, value=excerpt(shown), allowed=_ALLOWED
            )
            raise InputError(message, field)
        result[qid] = answer
    derived = _derive_values(pack, result)
    result = {q: result[q] for q in pack.questions if q in result}
    missing = [q for q in required_questions(pack, topic) if q not in result]
    if missing:
        items = ", ".join(q.id for q in pack.value_questions())
        key = "error.missing_answers_values" if "values" in missing else "error.missing_answers"
        message = Message(key, missing=", ".join(missing), items=items, allowed=_ALLOWED)
        raise InputError(message, "answers")
    return result, derived


def _json_word(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _derive_values(pack: Pack, answers: dict[str, str]) -> tuple[str, ...]:
    items = [q.id for q in pack.value_questions()]
    given = {q: answers[q] for q in items if q in answers}
    if not given:
        return ()
    worst_id = max(given, key=lambda q: ANSWER_WEIGHT[given[q]])
    worst = given[worst_id]
    direct = answers.get("values")
    if direct is None:
        missing = [q for q in items if q not in given]
        if missing:
            message = Message("error.items_incomplete", missing=", ".join(missing))
            raise InputError(message, "answers")
        answers["values"] = worst
        return ("values",)
    complete = len(given) == len(items)
    if (complete and direct != worst) or ANSWER_WEIGHT[direct] < ANSWER_WEIGHT[worst]:
        message = Message(
            "error.values_contradict",
            direct=excerpt(direct),
            worst_id=worst_id,
            worst=excerpt(worst),
        )
        raise InputError(message, "answers.values")
    return ()


def holds(dnf: tuple[Term, ...], answers: dict[str, str]) -> list[Term]:
    """The terms of a compiled condition that the answers satisfy (empty: it does not hold).

    Each term maps questions to allowed answers; an unanswered question counts as ABSENT.
    """
    return [
        term
        for term in dnf
        if all(answers.get(question, ABSENT) in allowed for question, allowed in term)
    ]


def active_rules(pack: Pack, topic: str | None) -> tuple[Rule, ...]:
    if topic is None:
        return pack.rules
    return pack.rules + pack.topics[topic].rules


def _floor(pack: Pack, answers: dict[str, str], verdict: str) -> Reason | None:
    """The seeds' own logic, which no pack, topic or cache can lower: a no to a test question
    (the four, or a pack's own) means at least reconsider, an unsure to any question at least
    seek advice. Returns the reason to add when the rules gave a milder verdict."""
    for answer, least in FLOOR:
        hits = tuple(
            (q, a)
            for q, a in answers.items()
            if a == answer and (answer == "unsure" or pack.questions[q].kind == "core")
        )
        if not hits:
            continue
        if SEVERITY[least] <= SEVERITY[verdict]:
            return None
        message = pack.floor.get(answer) or Text(*([f"floor-{answer}"] * 3))
        rule = Rule(f"floor-{answer}", (), least, message, None, contacts=pack.fallback.contacts)
        return Reason(rule, hits)
    return None


def evaluate(pack: Pack, answers: Mapping[str, object], topic: str | None = None) -> Decision:
    normalized, derived = normalize(pack, answers, topic)
    decision = decide(pack, normalized, topic, derived)
    given = {q: a for q, a in normalized.items() if q not in derived}
    return replace(decision, counterfactuals=counterfactuals(pack, given, topic, decision.verdict))


def verdict_of(pack: Pack, answers: dict[str, str], topic: str | None) -> str:
    """Only the verdict of normalized answers: the rules' worst, the fallback, the floor (as
    :func:`decide` gives it, without building its reasons: the counterfactuals ask this about
    a dozen times for every decision)."""
    worst, top = -1, len(VERDICTS) - 1
    for rule in active_rules(pack, topic):
        severity = SEVERITY[rule.verdict]
        if severity > worst and any(
            all(answers.get(question, ABSENT) in allowed for question, allowed in term)
            for term in rule.when
        ):
            worst = severity
            if worst == top:
                break
    verdict = VERDICTS[worst] if worst >= 0 else "seek_advice"
    for answer, least in FLOOR:  # the most severe first, as in _floor
        if any(
            a == answer and (answer == "unsure" or pack.questions[q].kind == "core")
            for q, a in answers.items()
        ):
            return least if SEVERITY[least] > SEVERITY[verdict] else verdict
    return verdict


def counterfactuals(
    pack: Pack, given: dict[str, str], topic: str | None, verdict: str
) -> tuple[Counterfactual, ...]:
    """Every single answer whose change alone would change the verdict, in question order.

    ``given`` are the member's own answers, already validated (a derived ``values`` is left
    out: its items are what the member answered, and changing one of them changes ``values``
    with it, so it is derived again for each change)."""
    found = []
    base = dict(given)
    _derive_values(pack, base)  # valid: they were normalized
    for question, answer in given.items():
        touches_values = question == "values" or question.startswith(VALUE_PREFIX)
        for other in ANSWERS:
            if other == answer:
                continue
            if not touches_values:
                changed = {**base, question: other}
            else:
                changed = {**given, question: other}
                try:
                    _derive_values(pack, changed)
                except InputError:  # e.g. an item that would contradict a direct 'values'
                    continue
            outcome = verdict_of(pack, changed, topic)
            if outcome != verdict:
                found.append(Counterfactual(question, answer, other, outcome))
    return tuple(found)


def decide(
    pack: Pack, answers: dict[str, str], topic: str | None, derived: tuple[str, ...] = ()
) -> Decision:
    """Evaluate already-normalized answers (see :func:`normalize`)."""
    order = {qid: i for i, qid in enumerate(pack.questions)}
    reasons: list[Reason] = []
    for rule in active_rules(pack, topic):
        terms = holds(rule.when, answers)
        if not terms:
            continue
        rests_on = sorted(
            {(q, answers[q]) for term in terms for q, _ in term if q in answers},
            key=lambda pair: order[pair[0]],
        )
        reasons.append(Reason(rule, tuple(rests_on)))
    reasons.sort(key=lambda reason: -SEVERITY[reason.verdict])
    fallback = not reasons
    if fallback:  # fail closed, whatever the pack (or an edited cache) says its fallback is
        rule = pack.fallback
        if rule.verdict == "proceed":
            rule = replace(rule, verdict="seek_advice")
        reasons.append(Reason(rule, ()))
    verdict = reasons[0].verdict
    raised = _floor(pack, answers, verdict)
    if raised is not None:
        reasons.insert(0, raised)
        verdict = raised.verdict
    contact_ids: dict[str, None] = {}
    actions: list[Text] = []
    for reason in reasons:
        contact_ids.update(dict.fromkeys(reason.rule.contacts))
        actions.extend(a for a in reason.rule.actions if a not in actions)
    if topic is not None:
        contact_ids.update(dict.fromkeys(pack.topics[topic].contacts))
        actions[:0] = [a for a in pack.topics[topic].actions if a not in actions]
    contact_ids.update(dict.fromkeys(pack.referrals))
    referrals: tuple[Contact, ...] = tuple(pack.contacts[c] for c in contact_ids)
    return Decision(
        pack=pack,
        verdict=verdict,
        answers=answers,
        reasons=tuple(reasons),
        referrals=referrals,
        actions=tuple(actions),
        topic=topic,
        derived=derived,
        fallback=fallback,
    )
