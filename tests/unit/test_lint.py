"""`etikcheck rules lint / test / new / show / list`: a pack author's tools."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from etikcheck.packs import lint
from etikcheck.packs import registry as packs
from tests.conftest import ALL_YES as ALL_YES
from tests.conftest import FIXTURES, RunCli

LINT = FIXTURES / "lint"


@pytest.mark.parametrize("council", packs.bundled_ids())
def test_bundled_packs_lint_clean_with_the_exhaustive_analysis(council: str) -> None:
    assert lint.lint_path(packs.rules_dir() / council) == []


@pytest.mark.parametrize(
    ("fixture", "problem_id", "severity", "line", "fragment"),
    [
        (
            LINT / "unreachable",
            "unreachable-rule",
            "error",
            24,
            "rule 'impossible' never fires for any answers",
        ),
        (
            LINT / "shadowed",
            "shadowed-rule",
            "warning",
            24,
            "rule 'legal-no-again' is shadowed by 'core-no'",
        ),
        (
            LINT / "no-verdict",
            "no-verdict",
            "error",
            None,
            "30 answer combination(s) fire no rule and would fall back to the fail-closed default: "
            "lawful=yes, ethical=yes, reputation=yes, values=unsure",
        ),
        (
            FIXTURES / "packs" / "missing-translation",
            "pack-error",
            "error",
            15,
            "'name' in value 'care' has no translation for: da",
        ),
        (
            FIXTURES / "packs" / "unknown-contact",
            "pack-error",
            "error",
            27,
            "unknown contact 'mayor' in rule 'care-no'",
        ),
    ],
    ids=["unreachable", "shadowed", "no-verdict", "missing-translation", "dangling-contact"],
)
def test_each_fixture_gives_exactly_its_problem(
    fixture: Path, problem_id: str, severity: str, line: int | None, fragment: str
) -> None:
    (problem,) = lint.lint_path(fixture)
    assert problem.id == problem_id
    assert problem.severity == severity
    assert problem.line == line
    assert problem.file.endswith("pack.yaml")
    assert fragment in problem.message


def test_the_minimal_fixture_is_clean() -> None:
    assert lint.lint_path(FIXTURES / "packs" / "minimal") == []


def test_lint_cli_text_json_and_exit_codes(cli: RunCli) -> None:
    clean = cli("rules", "lint", str(packs.rules_dir() / "aarhus"))
    assert clean.code == 0
    assert clean.stdout == "1 pack(s) checked: 0 error(s), 0 warning(s)\n"
    warned = cli("rules", "lint", str(LINT / "shadowed"))
    assert warned.code == 0  # warnings alone do not fail
    broken = cli(
        "rules",
        "lint",
        "--format",
        "json",
        str(LINT / "unreachable"),
        str(FIXTURES / "packs" / "minimal"),
    )
    assert broken.code == 1
    data = json.loads(broken.stdout)
    assert data["errors"] == 1
    (problem,) = data["problems"]
    assert set(problem) == {"id", "severity", "file", "line", "message"}
    assert problem["id"] == "unreachable-rule"


def _write_pack(folder: Path, rules: list[dict[str, object]], topic_questions: int = 0) -> Path:
    """A minimal pack as JSON text (valid YAML) with many rules or a big topic."""
    text = (FIXTURES / "packs" / "minimal" / "pack.yaml").read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    head = text.split("\nrules:")[0]
    body = json.dumps({"rules": rules})[1:-1]
    extra = ""
    if topic_questions:
        questions = [
            {"id": f"big.q{i}", "text": {"sv": f"F{i}?", "da": f"S{i}?", "en": f"Q{i}?"}}
            for i in range(topic_questions)
        ]
        topic = {
            "id": "big",
            "title": {"sv": "Stor", "da": "Stor", "en": "Big"},
            "description": {"sv": "S", "da": "S", "en": "B"},
            "questions": questions,
            "guidance": {"sv": "Ingen.", "da": "Ingen.", "en": "None."},
            "rules": [
                {
                    "id": "big-any",
                    "when": {"is": {"big.q0": "no"}},
                    "verdict": "seek_advice",
                    "message": {"sv": "N", "da": "N", "en": "N"},
                }
            ],
        }
        extra = "\ntopics: " + json.dumps([topic])
    (folder / "pack.yaml").write_text(f"{head}\n{body}{extra}\n", encoding="utf-8")
    return folder


def test_a_3000_rule_pack_is_analysed(tmp_path: Path) -> None:
    rules = [
        {
            "id": f"r{i}",
            "when": {"is": {"lawful": "no", "ethical": ["yes", "no", "unsure"][i % 3]}},
            "verdict": "reconsider",
            "message": {"sv": f"S{i}", "da": f"D{i}", "en": f"E{i}"},
        }
        for i in range(3000)
    ]
    folder = _write_pack(tmp_path / "big", rules)
    problems = lint.lint_path(folder)  # the time it takes is measured in bench/, not here
    assert problems  # many rules fire for exactly the same answers, or the space is too large
    assert {p.id for p in problems} <= {
        "space-too-large",
        "same-answers-different-messages",
        "shadowed-rule",
    }


def test_a_60_question_topic_falls_back_to_per_rule_checks(tmp_path: Path) -> None:
    folder = _write_pack(tmp_path / "wide", [], topic_questions=60)
    problems = lint.lint_path(folder)
    assert [p.id for p in problems if p.id != "unnamed-question"] == ["space-too-large"]
    too_large = next(p for p in problems if p.id == "space-too-large")
    assert "checked each rule on its own instead" in too_large.message
    # the one rule names one of the 60 questions: the other 59 act only through the floor
    assert sum(p.id == "unnamed-question" for p in problems) == 59


def test_an_alias_bomb_is_rejected(tmp_path: Path) -> None:
    folder = tmp_path / "bomb"
    folder.mkdir()
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        p, c = chr(96 + i), chr(97 + i)
        lines.append(f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]")
    (folder / "pack.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (problem,) = lint.lint_path(folder)
    assert problem.id == "pack-error"
    assert "anchors and aliases" in problem.message


def test_rules_test_shows_expected_against_got(cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(FIXTURES / "packs" / "minimal", folder)
    (folder / "cases.yaml").write_text(
        "cases:\n"
        "  - name: wrong on purpose\n"
        "    answers: {lawful: no, values: yes, ethical: yes, reputation: yes}\n"
        "    verdict: proceed\n",
        encoding="utf-8",
    )
    result = cli("rules", "test", str(folder))
    assert result.code == 1
    assert f"FAIL {folder / 'cases.yaml'}:2 wrong on purpose" in result.stdout
    assert "     verdict: expected proceed, got reconsider" in result.stdout
    assert result.stdout.endswith("0 passed, 6 failed\n")  # the case, and 5 rules never tested


def test_bundled_cases_pass_through_the_cli(cli: RunCli) -> None:
    folders = [str(packs.rules_dir() / c) for c in packs.bundled_ids()]
    result = cli("rules", "test", *folders)
    assert result.code == 0, result.stdout
    assert result.stdout.endswith(" 0 failed\n")


def test_rules_show_and_list(cli: RunCli) -> None:
    data = json.loads(cli("rules", "show", "aalborg", "--json", "--lang", "en").stdout)
    assert data["id"] == "aalborg"
    assert data["values"][0]["question"] == "values.respekt-og-ligebehandling"
    rules = {r["id"]: r for r in data["rules"]}
    assert rules["core-no"]["when"] == "lawful=no or values=no or ethical=no or reputation=no"
    text = cli("rules", "show", "vasteras").stdout
    assert "core-all-yes -> proceed when" in text
    listing = cli("rules", "list").stdout.splitlines()
    assert [line.split()[0] for line in listing] == packs.bundled_ids()


@pytest.mark.slow
def test_new_lint_test_check_end_to_end_from_the_installed_command(tmp_path: Path) -> None:
    exe = shutil.which("etikcheck", path=str(Path(sys.executable).parent))
    assert exe is not None
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "ETIKCHECK_CACHE_DIR": str(tmp_path / "cache"),
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [exe, *args], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
        )

    created = run("rules", "new", "Odense Kommune", "--lang", "da")
    assert created.returncode == 0, created.stderr
    assert (tmp_path / "odense-kommune" / "pack.yaml").stat().st_mode & 0o777 == 0o600
    assert run("rules", "lint", "odense-kommune").returncode == 0
    tested = run("rules", "test", "odense-kommune")
    assert tested.returncode == 0, tested.stdout
    assert tested.stdout.strip().endswith("4 passed, 0 failed")
    checked = run(
        "check",
        "--json",
        "--rules",
        "odense-kommune",
        "-a",
        "lawful=yes",
        "-a",
        "values.respect=no",
        "-a",
        "ethical=yes",
        "-a",
        "reputation=yes",
    )
    assert checked.returncode == 0, checked.stderr
    data = json.loads(checked.stdout)
    assert data["council"] == "odense-kommune"
    assert data["verdict"] == "reconsider"
    assert "respect-no" in [r["rule"] for r in data["reasons"]]
    again = run("rules", "new", "Odense Kommune")
    assert again.returncode == 2
    assert "the file exists" in again.stderr


def _topic_pack(folder: Path, rules: list[dict[str, object]]) -> Path:
    """The minimal pack with a topic of its own: two questions, the given rules."""
    topic = {
        "id": "own",
        "title": {"sv": "Eget", "da": "Eget", "en": "Own"},
        "description": {"sv": "E", "da": "E", "en": "O"},
        "questions": [
            {"id": f"own.q{i}", "text": {"sv": f"F{i}?", "da": f"S{i}?", "en": f"Q{i}?"}}
            for i in range(2)
        ],
        "rules": rules,
    }
    _write_pack(folder, [])
    with (folder / "pack.yaml").open("a", encoding="utf-8") as handle:
        handle.write("topics: " + json.dumps([topic]) + "\n")
    return folder


def test_lint_reports_a_question_no_rule_names_and_proceed_despite_risk(tmp_path: Path) -> None:
    rule = {
        "id": "own-q0",
        "when": {"is": {"own.q0": "yes"}},
        "verdict": "reconsider",
        "message": {"sv": "N", "da": "N", "en": "N"},
    }
    problems = {p.id: p for p in lint.lint_path(_topic_pack(tmp_path / "p", [rule]))}
    assert set(problems) == {"unnamed-question", "proceed-despite-risk"}
    assert "no rule names question 'own.q1'" in problems["unnamed-question"].message
    risk = problems["proceed-despite-risk"].message
    assert "(topic 'own') with a no to a test question or an unsure give proceed" in risk
    assert "own.q0=unsure" in risk


def test_a_topic_the_pack_gives_no_rules_is_never_silent(cli: RunCli, tmp_path: Path) -> None:
    folder = _topic_pack(tmp_path / "p", [])
    assert lint.lint_path(folder) == []  # the default rule names both questions
    flags = ["--rules", str(folder), "--lang", "en", "--topic", "own", "-a", "own.q0=no"]
    result = cli("check", "--json", *flags, "-a", "own.q1=yes", *ALL_YES)
    data = json.loads(result.stdout)
    assert data["verdict"] == "seek_advice"
    assert data["reasons"][0]["rule"] == "own-no-guidance"
    message = data["reasons"][0]["message"]
    assert message.startswith("Your council's rule pack has no specific guidance")
    # the reason names the group leader and the municipality's lawyers: so do the contacts
    roles = [(c["role"], c["general"]) for c in data["referrals"]]
    assert roles[0][0] == "Your group leader"
    assert ("The municipality's lawyers", True) in roles  # marked as general advice
    calm = json.loads(cli("check", "--json", *flags, "-a", "own.q1=no", *ALL_YES).stdout)
    assert calm["verdict"] == "proceed"


def test_a_new_pack_lints_clean_with_every_check_but_its_placeholders(
    cli: RunCli, tmp_path: Path
) -> None:
    assert cli("rules", "new", "Testby Kommune", "--dir", str(tmp_path / "t")).code == 0
    problems = lint.lint_path(tmp_path / "t")
    assert {p.id for p in problems} == {"placeholder"}
    assert len(problems) == 12  # four texts, in three languages each
    pack_file = tmp_path / "t" / "pack.yaml"
    pack_file.write_text(pack_file.read_text(encoding="utf-8").replace("REPLACE ", ""), "utf-8")
    assert lint.lint_path(tmp_path / "t") == []
