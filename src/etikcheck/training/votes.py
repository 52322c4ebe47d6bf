"""Training sessions as data: votes, the majority's recommendation, what flips it, tallies.

A group votes on each test question of a scenario (counts of yes / no / unsure, anonymous).
The majority answers go through the same engine as a member's own check; "what flips it" tries
every single-answer change and lists those that change the recommendation. Participants may
instead answer on their own devices (``train answer``) and the files are tallied here.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from etikcheck.engine import evaluate, required_questions, verdict_of
from etikcheck.errors import InputError, Message, excerpt, os_reason
from etikcheck.model import (
    ANSWER_WEIGHT,
    ANSWERS,
    CORE_QUESTIONS,
    SEVERITY,
    VERDICTS,
    Counterfactual,
    Decision,
    Deck,
    Pack,
    Scenario,
)
from etikcheck.reading import MAX_SMALL, TextError, decode, loads_json, read_file

VOTE_SCHEMA = "etikcheck.vote/1"
MAX_VOTES = 500  # per question: more than any group that meets in one room
Counts = dict[str, int]  # answer -> number of votes
_COUNTS = re.compile(r"[0-9]+")


def vote_questions(pack: Pack, scenario: Scenario) -> list[str]:
    """Every question a check of the scenario needs: the four test questions (question 2 as one
    vote), the pack's own questions, and the scenario topic's questions, in the pack's order."""
    return required_questions(pack, scenario.topic)


def majority(counts: Mapping[str, int]) -> str | None:
    """The most voted answer; a tie goes to the more cautious answer (no, then unsure)."""
    if sum(counts.values()) == 0:
        return None
    return max(ANSWERS, key=lambda a: (counts.get(a, 0), ANSWER_WEIGHT[a]))


@dataclass(frozen=True)
class ScenarioResult:
    scenario: Scenario
    votes: dict[str, Counts]
    answers: dict[str, str]
    decision: Decision | None  # None when some question got no votes
    notes: str = ""

    @property
    def flips(self) -> tuple[Counterfactual, ...]:
        """What flips it: the engine's counterfactuals of the majority's answers."""
        return self.decision.counterfactuals if self.decision else ()


def result_for(
    pack: Pack, scenario: Scenario, votes: dict[str, Counts], notes: str = ""
) -> ScenarioResult:
    answers = {q: a for q, c in votes.items() if (a := majority(c)) is not None}
    complete = all(q in answers for q in vote_questions(pack, scenario))
    decision = evaluate(pack, answers, scenario.topic) if complete else None
    return ScenarioResult(scenario, votes, answers, decision, notes)


class VoteError(ValueError):
    """Counts the facilitator must type again; ``key`` is the UI string that says why."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def parse_counts(text: str) -> Counts:
    """'7 2 3' -> yes 7, no 2, unsure 3: three whole numbers (0-9 only), at least one vote and
    at most MAX_VOTES in all. Raises VoteError naming the problem."""
    parts = text.replace(",", " ").split()
    if len(parts) != len(ANSWERS) or not all(_COUNTS.fullmatch(p) for p in parts):
        raise VoteError("train.votes_invalid")
    if any(len(p.lstrip("0")) > len(str(MAX_VOTES)) for p in parts):
        raise VoteError("train.votes_too_many")  # never turn a 10**100 into an int
    counts = {answer: int(part) for answer, part in zip(ANSWERS, parts, strict=True)}
    total = sum(counts.values())
    if total == 0:
        raise VoteError("train.votes_none")
    if total > MAX_VOTES:
        raise VoteError("train.votes_too_many")
    return counts


def counts_text(counts: Mapping[str, int] | None) -> str:
    """Counts as the facilitator types them ('7 2 3'); empty for none."""
    return " ".join(str(counts.get(a, 0)) for a in ANSWERS) if counts else ""


def answer_risk(pack: Pack, scenario: Scenario) -> dict[str, dict[str, str]]:
    """For each question of the scenario, how far each answer can raise the recommendation
    under the rules: the strictest verdict the answer gives where another answer to the same
    question, everything else equal, would give a milder one; ``proceed`` when it never does.

    This is what the report's colours show, taken from the rules and not from the word: for a
    topic question where yes is the risky answer ("does the giver have a matter before you?")
    yes raises the verdict and no never does. The four test questions stay yes while the
    others are varied (a no or an unsure to one of them only raises the verdict); the pack's
    own and the topic's questions are tried in every combination."""
    questions = vote_questions(pack, scenario)
    free = [q for q in questions if q not in CORE_QUESTIONS]
    risk: dict[str, dict[str, str]] = {}
    for question in questions:
        others = [q for q in free if q != question]
        base = {q: "yes" for q in CORE_QUESTIONS if q != question}
        raised = dict.fromkeys(ANSWERS, 0)
        for combination in itertools.product(ANSWERS, repeat=len(others)):
            answers = {**base, **dict(zip(others, combination, strict=True))}
            verdicts = {
                a: SEVERITY[verdict_of(pack, {**answers, question: a}, scenario.topic)]
                for a in ANSWERS
            }
            mildest = min(verdicts.values())
            for answer, verdict in verdicts.items():
                if verdict > mildest:
                    raised[answer] = max(raised[answer], verdict)
        risk[question] = {a: VERDICTS[raised[a]] for a in ANSWERS}
    return risk


@dataclass
class Session:
    """A facilitated session in progress: its results and the leader's notes, and the votes so
    far of the scenario under way (kept if the session is interrupted)."""

    pack: Pack
    deck: Deck
    lang: str
    day: date = field(default_factory=date.today)
    results: list[ScenarioResult] = field(default_factory=list)
    current: Scenario | None = None
    current_votes: dict[str, Counts] = field(default_factory=dict)

    def has_votes(self) -> bool:
        return bool(self.results) or bool(self.current_votes)

    def kept(self) -> list[ScenarioResult]:
        """What a report of the session holds: every finished scenario, and the one under way
        if it has votes (its result has no recommendation until every question has votes)."""
        results = list(self.results)
        if self.current is not None and self.current_votes:
            results.append(result_for(self.pack, self.current, dict(self.current_votes)))
        return results


# -- participants' answer files ------------------------------------------------------------------


def vote_document(deck: Deck, scenario: Scenario, answers: Mapping[str, str]) -> dict[str, Any]:
    """One participant's anonymous answers: no name, no time, nothing else."""
    return {
        "schema": VOTE_SCHEMA,
        "council": deck.council,
        "deck": deck.id,
        "scenario": scenario.id,
        "answers": dict(answers),
    }


@dataclass
class Tally:
    votes: dict[str, dict[str, Counts]] = field(default_factory=dict)  # scenario -> question
    files: int = 0
    warnings: list[Message] = field(default_factory=list)


def tally(paths: Iterable[Path], pack: Pack, deck: Deck) -> Tally:
    """Add up answer files; a malformed or unreadable file is named in a warning and skipped,
    and a file given twice (by any name) is counted once."""
    result = Tally()
    seen: set[str] = set()
    for path in paths:
        real = os.path.realpath(path)
        if real in seen:
            result.warnings.append(Message("warn.given_twice", path=path))
            continue
        seen.add(real)
        try:
            scenario, answers = _read_vote(path, pack, deck)
        except InputError as error:
            result.warnings.append(Message("warn.skipped", path=path, problem=error.said))
            continue
        counts = result.votes.setdefault(
            scenario,
            {q: dict.fromkeys(ANSWERS, 0) for q in vote_questions(pack, deck.scenarios[scenario])},
        )
        for question, answer in answers.items():
            counts[question][answer] += 1
        result.files += 1
    return result


def tally_results(pack: Pack, deck: Deck, counted: Tally) -> list[ScenarioResult]:
    """The session view of a tally: one result per scenario that got answers, in deck order."""
    return [
        result_for(pack, scenario, counted.votes[sid])
        for sid, scenario in deck.scenarios.items()
        if sid in counted.votes
    ]


def _read_vote(path: Path, pack: Pack, deck: Deck) -> tuple[str, dict[str, str]]:
    try:
        data = loads_json(decode(read_file(path, MAX_SMALL)))
    except OSError as exc:
        raise InputError(Message("error.cannot_read", reason=os_reason(exc)), "input") from None
    except TextError as exc:
        raise InputError(exc.problem, exc.field or "input") from None
    if not isinstance(data, dict) or data.get("schema") != VOTE_SCHEMA:
        raise InputError(Message("error.not_answer_file", schema=VOTE_SCHEMA), "schema")
    if data.get("council") != deck.council or data.get("deck") != deck.id:
        message = Message(
            "error.answer_file_other_deck",
            council=excerpt(data.get("council")),
            deck=excerpt(data.get("deck")),
            want_council=excerpt(deck.council),
            want_deck=excerpt(deck.id),
        )
        raise InputError(message, "deck")
    scenario = data.get("scenario")
    if not isinstance(scenario, str) or scenario not in deck.scenarios:
        raise InputError(Message("error.unknown_scenario", value=excerpt(scenario)), "scenario")
    answers = data.get("answers")
    wanted = vote_questions(pack, deck.scenarios[scenario])
    if not isinstance(answers, dict) or sorted(answers) != sorted(wanted):
        raise InputError(Message("error.answers_exactly", wanted=", ".join(wanted)), "answers")
    bad = [q for q, a in answers.items() if a not in ANSWERS]
    if bad:
        message = Message(
            "error.answer_not_one_of", qid=excerpt(bad[0]), answers=", ".join(ANSWERS)
        )
        raise InputError(message, "answers")
    return scenario, {str(q): str(a) for q, a in answers.items()}
