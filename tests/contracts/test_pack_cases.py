"""Every bundled pack's table-driven cases (rules/<council>/cases.yaml), one test per case."""

from __future__ import annotations

import pytest

from etikcheck.packs import registry as packs
from etikcheck.packs.cases import Case, coverage_gaps, load_cases, run_case


def _cases() -> list[tuple[str, Case]]:
    found = []
    for council in packs.bundled_ids():
        path = packs.rules_dir() / council / packs.CASES_FILE
        found += [(council, case) for case in load_cases(path)]
    return found


CASES = _cases()


@pytest.mark.parametrize(("council", "case"), CASES, ids=[f"{c}:{k.name}" for c, k in CASES])
def test_case(council: str, case: Case) -> None:
    assert run_case(packs.load(council), case) == []


@pytest.mark.parametrize("council", packs.bundled_ids())
def test_every_rule_fires_in_one_case_and_not_in_another(council: str) -> None:
    pack = packs.load(council)
    cases = load_cases(packs.rules_dir() / council / packs.CASES_FILE)
    assert coverage_gaps(pack, cases) == []


def test_a_failing_case_says_expected_and_got() -> None:
    pack = packs.load("aarhus")
    case = Case(
        name="wrong on purpose",
        answers={"lawful": "no", "values": "yes", "ethical": "yes", "reputation": "yes"},
        topic=None,
        verdict="proceed",
        fires=("core-all-yes",),
        not_fires=("core-no",),
        referrals=("nobody",),
        file="x",
        line=1,
    )
    problems = run_case(pack, case)
    assert problems[0] == "verdict: expected proceed, got reconsider"
    assert "rule core-all-yes should fire (fired: core-no)" in problems
    assert "rule core-no should not fire" in problems
    assert any(p.startswith("referral nobody missing") for p in problems)
