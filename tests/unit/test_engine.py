"""The engine: the seeds' logic over all 81 answer combinations, value items, bad answers."""

from __future__ import annotations

import itertools

import pytest

from etikcheck import engine
from etikcheck.errors import InputError
from etikcheck.model import ANSWERS, CORE_QUESTIONS, Pack
from etikcheck.output.views import decision_json
from etikcheck.packs import registry as packs

COUNCILS = packs.bundled_ids()


@pytest.fixture(scope="module", params=COUNCILS)
def pack(request: pytest.FixtureRequest) -> Pack:
    return packs.load(request.param)


def test_the_three_councils_are_bundled() -> None:
    assert COUNCILS == ["aalborg", "aarhus", "vasteras"]


def expected_verdict(answers: dict[str, str]) -> str:
    """DESIGN.md: any no -> reconsider; otherwise any unsure -> seek_advice; all yes -> proceed."""
    if "no" in answers.values():
        return "reconsider"
    if "unsure" in answers.values():
        return "seek_advice"
    return "proceed"


@pytest.mark.parametrize("combo", list(itertools.product(ANSWERS, repeat=4)), ids="-".join)
@pytest.mark.parametrize("council", COUNCILS)
def test_all_81_combinations_follow_the_seed_logic(council: str, combo: tuple[str, ...]) -> None:
    answers = dict(zip(CORE_QUESTIONS, combo, strict=True))
    decision = engine.evaluate(packs.load(council), answers)
    assert decision.verdict == expected_verdict(answers)
    assert not decision.fallback
    # every non-yes answer is named by some reason
    named = {pair for reason in decision.reasons for pair in reason.rests_on}
    for question, answer in answers.items():
        if answer != "yes":
            assert (question, answer) in named


def test_value_items_derive_values_worst_wins(pack: Pack) -> None:
    items = [q.id for q in pack.value_questions()]
    answers = {"lawful": "yes", "ethical": "yes", "reputation": "yes"}
    answers |= dict.fromkeys(items, "yes")
    answers[items[-1]] = "unsure"
    decision = engine.evaluate(pack, answers)
    assert decision.answers["values"] == "unsure"
    assert decision.derived == ("values",)
    assert decision.verdict == "seek_advice"
    answers[items[0]] = "no"
    decision = engine.evaluate(pack, answers)
    assert decision.answers["values"] == "no"
    assert decision.verdict == "reconsider"
    fired = [reason.rule.id for reason in decision.reasons]
    value_id = items[0].removeprefix("values.")
    assert f"{value_id}-no" in fired


def test_direct_values_answer_contradicting_items_is_an_input_error(pack: Pack) -> None:
    items = [q.id for q in pack.value_questions()]
    answers = {"lawful": "yes", "values": "yes", "ethical": "yes", "reputation": "yes"}
    answers |= dict.fromkeys(items, "yes")
    answers[items[0]] = "no"
    with pytest.raises(InputError) as info:
        engine.evaluate(pack, answers)
    assert info.value.field == "answers.values"
    assert f"{items[0]}: 'no'" in info.value.message


def test_direct_values_answer_agreeing_with_items_is_accepted(pack: Pack) -> None:
    items = [q.id for q in pack.value_questions()]
    answers = {"lawful": "yes", "values": "unsure", "ethical": "yes", "reputation": "yes"}
    answers |= dict.fromkeys(items, "yes")
    answers[items[0]] = "unsure"
    assert engine.evaluate(pack, answers).verdict == "seek_advice"


def test_incomplete_items_without_values_are_listed(pack: Pack) -> None:
    items = [q.id for q in pack.value_questions()]
    answers = {"lawful": "yes", "ethical": "yes", "reputation": "yes", items[0]: "yes"}
    with pytest.raises(InputError) as info:
        engine.evaluate(pack, answers)
    assert ", ".join(items[1:]) in info.value.message


@pytest.mark.parametrize(
    ("answers", "field", "fragment"),
    [
        (
            {"lawful": "maybe"},
            "answers.lawful",
            "'maybe' is not an answer; use one of: yes, no, unsure",
        ),
        ({"lawful": True}, "answers.lawful", "'true' is not an answer"),
        ({"lawful": None}, "answers.lawful", "'null' is not an answer"),
        ({"lawfull": "yes"}, "answers.lawfull", "unknown question id 'lawfull'; allowed: lawful,"),
        ({"lawful": "yes"}, "answers", "no answer given for: values, ethical, reputation"),
        ({}, "answers", "no answer given for: lawful, values, ethical, reputation"),
    ],
)
def test_bad_answers_name_the_field(
    pack: Pack, answers: dict[str, object], field: str, fragment: str
) -> None:
    with pytest.raises(InputError) as info:
        engine.evaluate(pack, answers)
    assert info.value.field == field
    assert fragment in info.value.message


def test_unknown_topic_is_an_input_error(pack: Pack) -> None:
    answers = dict.fromkeys(CORE_QUESTIONS, "yes")
    with pytest.raises(InputError) as info:
        engine.evaluate(pack, answers, topic="no-such-topic")
    assert info.value.field == "topic"


def test_no_rule_fired_fails_closed(pack: Pack) -> None:
    from etikcheck.frozen import replace

    empty = replace(pack, rules=())
    decision = engine.evaluate(empty, dict.fromkeys(CORE_QUESTIONS, "yes"))
    assert decision.fallback
    assert decision.verdict == "seek_advice"
    assert [r.rule.id for r in decision.reasons] == ["no-rule-fired"]
    assert decision.referrals


def test_referrals_follow_fired_rules_then_pack_defaults() -> None:
    pack = packs.load("aalborg")
    decision = engine.evaluate(
        pack, {"lawful": "yes", "values": "unsure", "ethical": "yes", "reputation": "yes"}
    )
    assert [c.id for c in decision.referrals] == [
        "party-colleague",
        "group-leader",
        "kommunaldirektor",
        "byraadssekretariatet",
    ]  # KL's hotline is for boundary-crossing behaviour: named on that topic only
    phones = {c.id: c.phone for c in decision.referrals}
    assert phones["kommunaldirektor"] == "99 31 15 05"
    assert phones["byraadssekretariatet"] == "99 31 15 06"


def test_evaluate_is_pure_and_repeatable(pack: Pack) -> None:
    answers = {"lawful": "unsure", "values": "yes", "ethical": "no", "reputation": "yes"}
    before = dict(answers)
    first = engine.evaluate(pack, answers)
    second = engine.evaluate(pack, answers)
    assert answers == before
    assert first == second


@pytest.mark.parametrize("council", packs.bundled_ids())
def test_counterfactuals_are_exactly_the_single_answer_changes_that_change_the_verdict(
    council: str,
) -> None:
    pack = packs.load(council)
    for combo in itertools.product(ANSWERS, repeat=4):
        answers = dict(zip(CORE_QUESTIONS, combo, strict=True))
        decision = engine.evaluate(pack, answers)
        expected = [
            (q, a, other, changed)
            for q, a in answers.items()
            for other in ANSWERS
            if other != a
            and (changed := engine.evaluate(pack, {**answers, q: other}).verdict)
            != decision.verdict
        ]
        shown = decision_json(decision, pack.lang)["counterfactuals"]
        assert [
            (c["question"], c["answer"], c["would_be"], c["verdict"]) for c in shown
        ] == expected


def test_counterfactuals_of_value_items_change_the_item_not_the_derived_values() -> None:
    pack = packs.load("aalborg")
    items = {q.id: "yes" for q in pack.value_questions()}
    decision = engine.evaluate(
        pack, {"lawful": "yes", "ethical": "yes", "reputation": "yes", **items}
    )
    assert decision.verdict == "proceed"
    questions = {c.question for c in decision.counterfactuals}
    assert "values" not in questions
    assert set(items) <= questions
