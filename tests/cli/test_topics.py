"""Situation topics: present in every pack, honest where a code is silent, never lowering."""

from __future__ import annotations

import itertools
import json

import pytest

from etikcheck import engine
from etikcheck.model import ANSWERS, CORE_QUESTIONS, SEVERITY
from etikcheck.output import docs as topicsdoc
from etikcheck.packs import registry as packs
from tests.conftest import ALL_YES, ROOT, RunCli

TOPICS = [
    "confidentiality",
    "meetings",
    "social-media",
    "offensive-behaviour",
    "alcohol-drugs",
    "citizens",
    "administration",
    "credit-and-agreements",
    "gifts",
    "conflict-of-interest",
]
COUNCILS = packs.bundled_ids()
CORE_COMBOS = [
    dict(zip(CORE_QUESTIONS, c, strict=True)) for c in itertools.product(ANSWERS, repeat=4)
]


@pytest.mark.parametrize("council", COUNCILS)
def test_every_topic_is_in_every_pack_with_guidance_or_quotes(council: str) -> None:
    pack = packs.load(council)
    assert list(pack.topics) == TOPICS
    for topic in pack.topics.values():
        assert topic.quotes or topic.guidance, f"{council}/{topic.id} says nothing"
        assert topic.rules, f"{council}/{topic.id} has no rule"
        assert topic.questions


@pytest.mark.parametrize("council", COUNCILS)
@pytest.mark.parametrize("topic", TOPICS)
def test_topic_rules_never_lower_the_core_verdict(council: str, topic: str) -> None:
    pack = packs.load(council)
    questions = pack.topics[topic].questions
    for core in CORE_COMBOS:
        without = engine.evaluate(pack, core).verdict
        for extra in itertools.product(ANSWERS, repeat=len(questions)):
            answers = core | dict(zip(questions, extra, strict=True))
            with_topic = engine.evaluate(pack, answers, topic).verdict
            assert SEVERITY[with_topic] >= SEVERITY[without]


LAW = {
    "aalborg": {"gifts": "§ 144", "conflict-of-interest": "§ 3"},
    "aarhus": {"gifts": "§ 144", "conflict-of-interest": "§ 3"},
    "vasteras": {"gifts": "10 kap. 5 a §", "conflict-of-interest": "6 kap. 28–32 §§"},
}


@pytest.mark.parametrize("council", COUNCILS)
@pytest.mark.parametrize("topic", ["gifts", "conflict-of-interest"])
@pytest.mark.parametrize("interest", ["yes", "unsure"])
def test_an_interest_never_gives_proceed_and_cites_the_law(
    council: str, topic: str, interest: str
) -> None:
    pack = packs.load(council)
    question, *others = pack.topics[topic].questions
    for rest in itertools.product(ANSWERS, repeat=len(others)):
        answers = {question: interest, **dict(zip(others, rest, strict=True))}
        for core in CORE_COMBOS:
            decision = engine.evaluate(pack, core | answers, topic)
            assert decision.verdict != "proceed", (core, answers)
    safe = dict.fromkeys(others, "no")  # offered not because of the office, a mere courtesy
    decision = engine.evaluate(
        pack, dict.fromkeys(CORE_QUESTIONS, "yes") | {question: interest} | safe, topic
    )
    sections = [
        r.rule.cite.section_title.get("sv") if r.rule.cite and r.rule.cite.section_title else ""
        for r in decision.reasons
    ]
    assert any(LAW[council][topic] in section for section in sections), sections
    assert "legal-function" in [c.id for c in decision.referrals]


def _check(cli: RunCli, council: str, topic: str, extra: dict[str, str]) -> dict[str, object]:
    answers = dict.fromkeys(CORE_QUESTIONS, "yes") | extra
    flags = [a for q, v in answers.items() for a in ("-a", f"{q}={v}")]
    result = cli("check", "--json", "--council", council, "--topic", topic, *flags)
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_aalborg_offensive_behaviour_refers_to_the_advice_contacts(cli: RunCli) -> None:
    data = _check(cli, "aalborg", "offensive-behaviour", {"offensive-behaviour.experienced": "yes"})
    phones = [r["phone"] for r in data["referrals"]]  # type: ignore[index]
    assert {"99 31 15 05", "33 70 39 50", "99 31 15 06"} <= set(phones)
    assert data["verdict"] != "proceed"


def test_vasteras_alcohol_drugs_refers_to_the_group_leader(cli: RunCli) -> None:
    data = _check(cli, "vasteras", "alcohol-drugs", {"alcohol-drugs.suspected": "yes"})
    assert "group-leader" in [r["id"] for r in data["referrals"]]  # type: ignore[index]
    assert any("gruppledare" in a for a in data["actions"])  # type: ignore[attr-defined]


def test_aarhus_meetings_mentions_the_red_button(cli: RunCli) -> None:
    data = _check(cli, "aarhus", "meetings", {"meetings.line-crossed": "yes"})
    assert any("røde knap" in a for a in data["actions"])  # type: ignore[attr-defined]
    assert data["topic_title"]
    text = cli(
        "check",
        "--council",
        "aarhus",
        "--topic",
        "meetings",
        *ALL_YES,
        "-a",
        "meetings.line-crossed=yes",
    ).stdout
    actions = text.index("Hvad du kan gøre")
    assert "røde knap" in text[actions:]
    assert actions < text.index("Hvem du kan tale med")


def test_topic_question_needs_its_topic(cli: RunCli) -> None:
    result = cli(
        "check",
        "--json",
        "--council",
        "aarhus",
        *ALL_YES,
        "-a",
        "gifts.interest=no",
    )
    assert result.code == 2
    assert (
        "--answer gifts.interest: question 'gifts.interest' belongs to the topic gifts; give the "
        "topic to answer it (--topic gifts, or the field topic in JSON)"
    ) in result.stderr


def test_a_chosen_topic_needs_its_answers(cli: RunCli) -> None:
    result = cli(
        "check",
        "--council",
        "aarhus",
        "--topic",
        "gifts",
        *ALL_YES,
    )
    assert result.code == 2
    assert "answers: der mangler svar på: gifts.interest, gifts.office" in result.stderr


def test_unknown_topic_lists_the_topics(cli: RunCli) -> None:
    result = cli("check", "--council", "aarhus", "--topic", "bribes", "-a", "lawful=yes")
    assert result.code == 2
    danish = "topic: ukendt emne »bribes«; tilladte emner: confidentiality, meetings,"
    assert danish in result.stderr
    english = cli("check", "--json", "--council", "aarhus", "--topic", "bribes", *ALL_YES)
    assert "topic: unknown topic 'bribes'; allowed: confidentiality," in english.stderr


def test_topics_command(cli: RunCli) -> None:
    data = json.loads(cli("topics", "--council", "vasteras", "--json", "--lang", "en").stdout)
    assert [t["id"] for t in data["topics"]] == TOPICS
    gifts = data["topics"][TOPICS.index("gifts")]
    assert gifts["questions"][0]["id"] == "gifts.interest"
    text = cli("topics", "--council", "aalborg").stdout
    assert text.startswith("confidentiality: Tavshedspligt og fortrolige oplysninger\n")


def test_docs_topics_md_is_up_to_date() -> None:
    path = ROOT / "docs" / "topics.md"
    assert path.read_text(encoding="utf-8") == topicsdoc.generate(), (
        "docs/topics.md is out of date: run python -m etikcheck.output.docs docs/topics.md"
    )


def test_an_all_yes_reason_is_not_shown_under_a_more_cautious_verdict(cli: RunCli) -> None:
    gifts = ["gifts.interest=yes", "gifts.office=no", "gifts.beyond-courtesy=yes"]
    flags = [*ALL_YES, "--council", "aalborg", "--topic", "gifts"]
    flags += [flag for answer in gifts for flag in ("-a", answer)]
    data = json.loads(cli("check", "--json", *flags).stdout)
    assert data["verdict"] == "reconsider"
    assert "core-all-yes" in [r["rule"] for r in data["reasons"]]  # the trace keeps it
    text = cli("check", *flags).stdout
    assert "Kilde: Straffeloven § 144" in text
    assert "Svaret er ja på alle fire testspørgsmål" not in text
