"""Training sessions as data: votes, the majority's recommendation, what flips it, tallies.

A group votes on each test question of a scenario (counts of yes / no / unsure, anonymous).
The majority answers go through the same engine as a member's own check; "what flips it" tries
every single-answer change and lists those that change the recommendation. Participants may
instead answer on their own devices (``train answer``) and the files are tallied here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from etikcheck.engine import evaluate
from etikcheck.errors import InputError, excerpt
from etikcheck.model import (
    ANSWER_WEIGHT,
    ANSWERS,
    CORE_QUESTIONS,
    Counterfactual,
    Decision,
    Deck,
    Pack,
    Scenario,
)
from etikcheck.reading import MAX_SMALL, TextError, decode, loads_json, read_file

VOTE_SCHEMA = "etikcheck.vote/1"
Counts = dict[str, int]  # answer -> number of votes


def vote_questions(pack: Pack, scenario: Scenario) -> list[str]:
    """The four test questions (question 2 as one vote) and the scenario topic's questions."""
    topic = list(pack.topics[scenario.topic].questions) if scenario.topic else []
    return [*CORE_QUESTIONS, *topic]


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


def parse_counts(text: str) -> Counts:
    """'7 2 3' -> yes 7, no 2, unsure 3 (whole numbers, zero or more)."""
    parts = text.replace(",", " ").split()
    if len(parts) != len(ANSWERS) or not all(p.isdigit() for p in parts):
        raise ValueError(text)
    return {answer: int(part) for answer, part in zip(ANSWERS, parts, strict=True)}


@dataclass
class Session:
    """A facilitated session in progress: its results and the leader's notes."""

    pack: Pack
    deck: Deck
    lang: str
    day: date = field(default_factory=date.today)
    results: list[ScenarioResult] = field(default_factory=list)


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
    warnings: list[str] = field(default_factory=list)


def tally(paths: Iterable[Path], pack: Pack, deck: Deck) -> Tally:
    """Add up answer files; a malformed or unreadable file is named in a warning and skipped,
    and a file given twice (by any name) is counted once."""
    result = Tally()
    seen: set[str] = set()
    for path in paths:
        real = os.path.realpath(path)
        if real in seen:
            result.warnings.append(f"{path}: given more than once; counted once")
            continue
        seen.add(real)
        try:
            scenario, answers = _read_vote(path, pack, deck)
        except InputError as error:
            result.warnings.append(f"{path}: {error.message}; skipped")
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
        raise InputError(f"cannot read the file ({exc.strerror or exc})", "input") from None
    except TextError as exc:
        raise InputError(exc.problem, exc.field or "input") from None
    if not isinstance(data, dict) or data.get("schema") != VOTE_SCHEMA:
        raise InputError(f"not an etikcheck answer file (schema {VOTE_SCHEMA})", "schema")
    if data.get("council") != deck.council or data.get("deck") != deck.id:
        raise InputError(
            f"the file is for {excerpt(data.get('council'))}/{excerpt(data.get('deck'))}, "
            f"not {deck.council!r}/{deck.id!r}",
            "deck",
        )
    scenario = data.get("scenario")
    if not isinstance(scenario, str) or scenario not in deck.scenarios:
        raise InputError(f"unknown scenario {excerpt(scenario)}", "scenario")
    answers = data.get("answers")
    wanted = vote_questions(pack, deck.scenarios[scenario])
    if not isinstance(answers, dict) or sorted(answers) != sorted(wanted):
        raise InputError(f"answers must give exactly: {', '.join(wanted)}", "answers")
    bad = [q for q, a in answers.items() if a not in ANSWERS]
    if bad:
        raise InputError(
            f"answer for {excerpt(bad[0])} is not one of: {', '.join(ANSWERS)}", "answers"
        )
    return scenario, {str(q): str(a) for q, a in answers.items()}
