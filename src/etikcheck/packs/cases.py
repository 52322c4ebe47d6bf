"""Table-driven test cases for packs (``cases.yaml`` beside each ``pack.yaml``).

Each case gives answers (and optionally a topic) and what must come out: the verdict, rules that
must and must not fire, and contacts that must be among the referrals. The pytest suite and (later)
``etikcheck rules test`` run the same cases through the same engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from etikcheck.engine import evaluate
from etikcheck.errors import InputError
from etikcheck.frozen import Frozen
from etikcheck.model import Pack, Rule
from etikcheck.packs.loader import items, read_document


@dataclass(frozen=True)
class Case:
    name: str
    answers: dict[str, str]
    topic: str | None
    verdict: str
    fires: tuple[str, ...]
    not_fires: tuple[str, ...]
    referrals: tuple[str, ...]
    file: str
    line: int


def load_cases(path: Path, display: str | None = None) -> list[Case]:
    """The cases of a ``cases.yaml`` (its structure is spec.CASES: checked as it is read)."""
    doc = read_document(path, display or str(path), "cases")
    cases = []
    names: set[str] = set()
    for item, line in items(doc.root, "cases"):
        name = doc.unique(item, "name", names, "case")
        names.add(name)
        cases.append(
            Case(
                name=name,
                answers={str(k): v for k, v in item["answers"].items()},
                topic=item.get("topic"),
                verdict=item["verdict"],
                fires=tuple(item.get("fires") or ()),
                not_fires=tuple(item.get("not_fires") or ()),
                referrals=tuple(item.get("referrals") or ()),
                file=doc.file,
                line=line,
            )
        )
    return cases


def run_case(pack: Pack, case: Case) -> list[str]:
    """The ways the case fails (empty when it passes); bad answers fail the case, not the run."""
    try:
        decision = evaluate(pack, case.answers, case.topic)
    except InputError as exc:
        return [f"bad answers: {exc.message}"]
    fired = [reason.rule.id for reason in decision.reasons if not decision.fallback]
    referred = [contact.id for contact in decision.referrals]
    problems = []
    if decision.verdict != case.verdict:
        problems.append(f"verdict: expected {case.verdict}, got {decision.verdict}")
    problems += [
        f"rule {r} should fire (fired: {', '.join(fired) or 'none'})"
        for r in case.fires
        if r not in fired
    ]
    problems += [f"rule {r} should not fire" for r in case.not_fires if r in fired]
    problems += [
        f"referral {c} missing (got: {', '.join(referred)})"
        for c in case.referrals
        if c not in referred
    ]
    return problems


def all_rules(pack: Pack) -> list[Rule]:
    """The rules written in the pack's files (not the defaults etikcheck adds to a topic the
    pack gives no rules: those have no line)."""
    rules = [*pack.rules, *(rule for topic in pack.topics.values() for rule in topic.rules)]
    return [rule for rule in rules if rule.line]


def coverage_gaps(pack: Pack, cases: list[Case]) -> list[str]:
    """Rules with no case where they fire, or no case where they do not fire."""
    topic_of = {rule.id: rule.topic for rule in all_rules(pack)}
    fired_in = dict.fromkeys(topic_of, False)
    quiet_in = dict(fired_in)
    for case in cases:
        try:
            decision = evaluate(pack, case.answers, case.topic)
        except InputError:  # reported by run_case
            continue
        fired = {reason.rule.id for reason in decision.reasons}
        for rid, topic in topic_of.items():
            if rid in fired:
                fired_in[rid] = True
            elif topic in (None, case.topic):  # a topic rule is only in play under its topic
                quiet_in[rid] = True
    gaps = [f"rule {rid} never fires in the cases" for rid, ok in fired_in.items() if not ok]
    gaps += [f"rule {rid} fires in every case" for rid, ok in quiet_in.items() if not ok]
    return gaps


class CaseReport(Frozen):
    """What ``rules test`` shows for one pack: the failing cases with their problems, the
    coverage gaps, and how many cases passed."""

    passed: int
    failures: tuple[tuple[Case, tuple[str, ...]], ...]
    gaps: tuple[str, ...]

    @property
    def failed(self) -> int:
        return len(self.failures) + len(self.gaps)


def run_cases(pack: Pack, cases: list[Case]) -> CaseReport:
    results = [(case, tuple(run_case(pack, case))) for case in cases]
    failures = tuple((case, problems) for case, problems in results if problems)
    return CaseReport(len(results) - len(failures), failures, tuple(coverage_gaps(pack, cases)))
