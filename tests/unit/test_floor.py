"""The floor: any no to a test question means at least reconsider, any unsure at least seek
advice, whatever a pack, a topic or an edited cache says. It lives in the engine, not in data."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etikcheck import engine
from etikcheck.frozen import replace
from etikcheck.model import ANSWERS, CORE_QUESTIONS, SEVERITY, VERDICTS
from etikcheck.packs import cache as packcache
from etikcheck.packs import registry as packs
from tests.conftest import FIXTURES, ROOT

CORE = (ROOT / "rules" / "core.yaml").read_text(encoding="utf-8")
CORE_WITHOUT_RULES = CORE[: CORE.index("\nrules:\n")] + "\n"
MINIMAL = (FIXTURES / "packs" / "minimal" / "pack.yaml").read_text(encoding="utf-8")
PACK_WITHOUT_RULES = MINIMAL[: MINIMAL.index("\nrules:\n")] + "\n"
QUESTIONS = (*CORE_QUESTIONS, "values.care")
MESSAGE = {"sv": "Regel.", "da": "Regel.", "en": "Rule."}


def write_pack(
    folder: Path,
    core_rules: list[dict[str, object]],
    pack_rules: list[dict[str, object]],
    extra: str = "",
) -> Path:
    """A custom pack with a core of its own: the bundled core's texts, the given rules."""
    folder.mkdir(parents=True, exist_ok=True)

    def block(rules: list[dict[str, object]]) -> str:
        return "rules:\n" + "".join(
            f"  - {json.dumps(rule, ensure_ascii=False)}\n" for rule in rules
        )

    (folder / "core.yaml").write_text(CORE_WITHOUT_RULES + block(core_rules), encoding="utf-8")
    (folder / "pack.yaml").write_text(PACK_WITHOUT_RULES + extra + block(pack_rules), "utf-8")
    return folder


def all_answers(questions: tuple[str, ...]) -> list[dict[str, str]]:
    return [
        dict(zip(questions, combo, strict=True))
        for combo in itertools.product(ANSWERS, repeat=len(questions))
    ]


def rule(rid: str, when: object, verdict: str) -> dict[str, object]:
    return {"id": rid, "when": when, "verdict": verdict, "message": MESSAGE}


def test_a_core_without_the_no_rule_cannot_lower_the_floor(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p", [rule("anything-goes", {"always": True}, "proceed")], [])
    pack = packs.load_custom(folder)
    for answers in all_answers(CORE_QUESTIONS):
        decision = engine.evaluate(pack, answers)
        if "no" in answers.values():
            assert decision.verdict == "reconsider", answers
            assert decision.reasons[0].rule.id == "floor-no"
            assert ("lawful", answers["lawful"]) in decision.reasons[0].rests_on or answers[
                "lawful"
            ] != "no"
        elif "unsure" in answers.values():
            assert decision.verdict == "seek_advice", answers
            assert decision.reasons[0].rule.id == "floor-unsure"
        else:
            assert decision.verdict == "proceed"
            assert all(r.rule.id != "floor-no" for r in decision.reasons)


def test_a_packs_own_test_question_that_no_rule_names_is_in_the_floor(tmp_path: Path) -> None:
    extra = "questions:\n  - id: extra\n    text: {sv: Extra?, da: Ekstra?, en: Extra?}\n"
    folder = write_pack(tmp_path / "p", [rule("all", {"always": True}, "proceed")], [], extra)
    pack = packs.load_custom(folder)
    answers = dict.fromkeys(CORE_QUESTIONS, "yes") | {"extra": "no"}
    decision = engine.evaluate(pack, answers)
    assert decision.verdict == "reconsider"
    assert decision.reasons[0].rests_on == (("extra", "no"),)


def test_the_floor_says_so_in_the_reasons_of_every_output(cli: object, tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p", [rule("all", {"always": True}, "proceed")], [])
    flags = [
        "--rules",
        str(folder),
        "-a",
        "lawful=no",
        "-a",
        "values=yes",
        "-a",
        "ethical=yes",
        "-a",
        "reputation=yes",
    ]
    data = json.loads(cli("check", "--json", "--lang", "en", *flags).stdout)  # type: ignore[operator]
    assert data["verdict"] == "reconsider"
    assert data["reasons"][0]["rule"] == "floor-no"
    assert data["reasons"][0]["message"].startswith("The answer to a test question is no")
    text = cli("check", "--lang", "sv", *flags).stdout  # type: ignore[operator]
    assert "Svaret på en testfråga är nej" in text


def test_an_edited_cache_cannot_turn_reconsider_into_proceed(tmp_path: Path) -> None:
    pack = packs.load("aarhus", tmp_path)
    path = packcache.cache_file(tmp_path, pack.sha256)
    # every rule edited to "proceed", the fallback too, and the checksum recomputed
    lenient = replace(
        pack,
        rules=tuple(replace(r, verdict="proceed") for r in pack.rules),
        fallback=replace(pack.fallback, verdict="proceed"),
    )
    body = json.dumps(packcache.encode(lenient, set())).encode()
    meta = json.loads(path.read_bytes().split(b"\n", 1)[0]) | {"checksum": packcache.checksum(body)}
    path.write_bytes(json.dumps(meta).encode() + b"\n" + body)
    edited = packcache.read(tmp_path, pack.sha256)
    assert edited is not None  # the edit is well formed: only the floor stands in its way
    answers = dict.fromkeys(CORE_QUESTIONS, "yes") | {"ethical": "no"}
    assert engine.evaluate(edited, answers).verdict == "reconsider"
    answers["ethical"] = "unsure"
    assert engine.evaluate(edited, answers).verdict == "seek_advice"
    answers = dict.fromkeys(CORE_QUESTIONS, "yes")
    assert engine.evaluate(edited, answers).verdict == "proceed"  # the edit did take


# -- any pack built from the condition vocabulary ------------------------------------------------

ATOMS = st.one_of(
    st.builds(lambda q, a: {"is": {q: a}}, st.sampled_from(QUESTIONS), st.sampled_from(ANSWERS)),
    st.builds(
        lambda q, a: {"in": {q: sorted(a)}},
        st.sampled_from(QUESTIONS),
        st.sets(st.sampled_from(ANSWERS), min_size=1),
    ),
    st.just({"always": True}),
)
CONDITIONS = st.recursive(
    ATOMS,
    lambda inner: st.one_of(
        st.builds(lambda c: {"not": c}, inner),
        st.builds(lambda cs: {"all": cs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda cs: {"any": cs}, st.lists(inner, min_size=1, max_size=3)),
    ),
    max_leaves=6,
)
RULES = st.lists(st.tuples(CONDITIONS, st.sampled_from(VERDICTS)), min_size=1, max_size=4)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(core_rules=RULES, pack_rules=RULES)
def test_no_pack_from_the_condition_vocabulary_proceeds_with_a_no(
    tmp_path: Path, core_rules: list[tuple[object, str]], pack_rules: list[tuple[object, str]]
) -> None:
    folder = tmp_path / f"p{abs(hash((repr(core_rules), repr(pack_rules))))}"
    write_pack(
        folder,
        [rule(f"c{n}", when, verdict) for n, (when, verdict) in enumerate(core_rules)],
        [rule(f"p{n}", when, verdict) for n, (when, verdict) in enumerate(pack_rules)],
    )
    pack = packs.load_custom(folder)
    for answers in all_answers(("lawful", "ethical", "reputation", "values.care")):
        decision = engine.evaluate(pack, answers)
        if "no" in answers.values():
            assert decision.verdict == "reconsider", (answers, decision.reasons)
        elif "unsure" in answers.values():
            assert SEVERITY[decision.verdict] >= SEVERITY["seek_advice"], answers
