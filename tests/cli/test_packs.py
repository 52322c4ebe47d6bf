"""Broken packs: exit 3 and one line naming file:line and the problem, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from etikcheck.errors import PackError
from etikcheck.packs import registry as packs
from tests.conftest import ALL_YES, FIXTURES, RunCli


@pytest.mark.parametrize(
    ("fixture", "line", "problem"),
    [
        ("bad-yaml", 14, "did not find expected ',' or ']'"),
        ("duplicate-key", 5, "duplicate key 'lang' (first on line 4)"),
        ("unknown-contact", 27, "unknown contact 'mayor' in rule 'care-no'"),
        ("unknown-question", 25, "unknown question 'values.kindness' (in rule 'care-no')"),
        ("wrong-type", 26, "'verdict' in rule 'care-no' must be non-empty text"),
        ("missing-translation", 15, "'name' in value 'care' has no translation for: da"),
    ],
)
def test_broken_pack_exits_3_with_file_and_line(
    cli: RunCli, fixture: str, line: int, problem: str
) -> None:
    result = cli("check", "--rules", str(FIXTURES / "packs" / fixture), *ALL_YES)
    assert result.code == 3
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("etikcheck: ")
    assert f"{fixture}/pack.yaml:{line}: " in lines[0]
    assert lines[0].endswith(problem)


def test_broken_pack_in_json_mode_gives_a_json_error(cli: RunCli) -> None:
    import json

    result = cli(
        "check", "--json", "--rules", str(FIXTURES / "packs" / "unknown-contact"), *ALL_YES
    )
    assert result.code == 3
    error = json.loads(result.stdout)["error"]
    assert error["kind"] == "pack"
    assert error["line"] == 27
    assert error["file"].endswith("unknown-contact/pack.yaml")


def test_minimal_custom_pack_works(cli: RunCli) -> None:
    result = cli("check", "--rules", str(FIXTURES / "packs" / "minimal"), *ALL_YES)
    assert result.code == 0, result.stderr
    assert "Go ahead" in result.stdout
    assert "Clerk" not in result.stdout  # only referred when care-no fires


def _copy_bundled(tmp_path: Path, council: str) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(packs.rules_dir(), target)
    return target / council / packs.PACK_FILE


@pytest.mark.parametrize("council", packs.bundled_ids())
@pytest.mark.parametrize("lang", ["sv", "da", "en"])
def test_removing_any_translation_from_a_bundled_pack_is_caught(
    tmp_path: Path, council: str, lang: str
) -> None:
    pack_file = _copy_bundled(tmp_path, council)
    text = pack_file.read_text(encoding="utf-8")
    lines = text.splitlines()
    # drop the first line after the header that gives a one-line text in ``lang``
    index = next(
        i
        for i, line in enumerate(lines)
        if i > 5 and line.strip().startswith(f"{lang}: ") and not line.rstrip().endswith(">-")
    )
    del lines[index]
    pack_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(PackError) as info:
        packs.load_path(pack_file, tmp_path / "rules" / packs.CORE_FILE)
    assert info.value.message.endswith(f"has no translation for: {lang}")
    assert info.value.line is not None


def test_pack_hash_changes_with_content(tmp_path: Path) -> None:
    pack_file = _copy_bundled(tmp_path, "aarhus")
    core = tmp_path / "rules" / packs.CORE_FILE
    before = packs.load_path(pack_file, core).sha256
    pack_file.write_text(pack_file.read_text(encoding="utf-8") + "\n# comment\n", encoding="utf-8")
    after = packs.load_path(pack_file, core).sha256
    assert before != after
    assert len(after) == 64


def test_unknown_council_lists_the_known_ones(cli: RunCli) -> None:
    result = cli("check", "--council", "oslo", *ALL_YES)
    assert result.code == 2
    assert result.stderr == (
        "etikcheck: unknown council 'oslo'; known councils: aalborg, aarhus, vasteras\n"
    )


@pytest.mark.parametrize("council", ["../aarhus", ".", "", "aarhus/../aalborg"])
def test_council_id_is_not_a_path(cli: RunCli, council: str) -> None:
    result = cli("check", "--council", council, *ALL_YES)
    assert result.code == 2
    assert "council" in result.stderr


def test_a_custom_pack_may_extend_the_test_questions(cli: RunCli, tmp_path: Path) -> None:
    from etikcheck.interview.flow import Interview
    from etikcheck.packs.lint import lint_path

    folder = tmp_path / "extended"
    shutil.copytree(FIXTURES / "packs" / "minimal", folder)
    pack_file = folder / "pack.yaml"
    text = pack_file.read_text(encoding="utf-8")
    text = text.replace(
        "values:\n",
        "questions:\n  - id: public-money\n    text: {sv: Inom budget?, da: Inden for "
        "budgettet?, en: Is any public money spent within the budget?}\nvalues:\n",
        1,
    ).replace(
        "rules:\n",
        "rules:\n  - id: public-money-unsure\n    when: {is: {public-money: unsure}}\n"
        "    verdict: seek_advice\n    contacts: [clerk]\n"
        "    message: {sv: Medel., da: Midler., en: Public money.}\n"
        "  - id: public-money-no\n    when: {is: {public-money: no}}\n"
        "    verdict: reconsider\n    contacts: [clerk]\n"
        "    message: {sv: Utan budget., da: Uden budget., en: Over budget.}\n",
        1,
    )
    pack_file.write_text(text, encoding="utf-8")
    missing = cli("check", "--rules", str(folder), *ALL_YES)
    assert missing.code == 2
    assert "no answer given for: public-money" in missing.stderr
    result = cli("check", "--json", "--rules", str(folder), *ALL_YES, "-a", "public-money=unsure")
    data = json.loads(result.stdout)
    assert data["verdict"] == "seek_advice"
    assert "Clerk" in [r["role"] for r in data["referrals"]]
    pack = packs.load_custom(folder)
    order = [q.id for q in Interview(pack, "en").question_order()]
    assert order[-3:] == ["ethical", "reputation", "public-money"]
    assert lint_path(folder) == []


@pytest.mark.parametrize(
    ("condition", "problem"),
    [
        ("{in: {lawful: []}}", "'in' needs a non-empty list of answers for 'lawful'"),
        ("{all: []}", "'all' needs a non-empty list of conditions"),
        ("{any: []}", "'any' needs a non-empty list of conditions"),
        ("{is: {lawful: maybe}}", "answer 'maybe' for 'lawful' is not one of: yes, no, unsure"),
        ("{is: {lawful: no}, in: {ethical: [no]}}", "a condition is a mapping with exactly one"),
        ("{when: {lawful: no}}", "unknown condition 'when'"),
    ],
)
def test_conditions_that_cannot_mean_anything_are_refused(
    tmp_path: Path, condition: str, problem: str
) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(FIXTURES / "packs" / "minimal", folder)
    pack_file = folder / "pack.yaml"
    text = pack_file.read_text(encoding="utf-8")
    pack_file.write_text(text.replace("{is: {values.care: no}}", condition), encoding="utf-8")
    with pytest.raises(PackError) as info:
        packs.load_custom(folder)
    assert problem in info.value.message
    assert info.value.line == 25


@pytest.mark.parametrize("name", ["Västerås", "VASTERAS", "västerås"])
def test_council_names_fold_case_and_letters(cli: RunCli, name: str) -> None:
    result = cli("check", "--json", "--council", name, *ALL_YES)
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["council"] == "vasteras"


OVERRIDES = """
overrides:
  questions:
    values:
      text:
        sv: Är det förenligt med vår kod?
        da: Er det foreneligt med vores kodeks?
        en: Is it consistent with our code?
  contacts:
    legal-function:
      role: {sv: Kommunens jurister, da: Kommunens jurister, en: The municipality's lawyers}
    group-leader:
      general: true
  rules:
    core-no:
      message:
        sv: Vår egen kod säger nej.
        da: Vores eget kodeks siger nej.
        en: Our own code says no.
      cite: {source: test-code, section: one}
  verdicts:
    reconsider:
      label: {sv: Tänk om, da: Tænk dig om, en: Think again}
"""


def _custom(tmp_path: Path, extra: str) -> Path:
    folder = tmp_path / "custom"
    folder.mkdir()
    text = (FIXTURES / "packs" / "minimal" / "pack.yaml").read_text(encoding="utf-8")
    (folder / "pack.yaml").write_text(text + extra, encoding="utf-8")
    return folder


def test_a_pack_overrides_core_texts_but_not_core_logic(cli: RunCli, tmp_path: Path) -> None:
    folder = _custom(tmp_path, OVERRIDES)
    flags = ["--rules", str(folder), "--lang", "en", "--json", "-a", "lawful=no"]
    result = cli("check", *flags, "-a", "values=yes", "-a", "ethical=yes", "-a", "reputation=yes")
    data = json.loads(result.stdout)
    assert data["verdict"] == "reconsider"  # the core rule's condition and verdict stay
    assert data["verdict_label"] == "Think again"
    (reason,) = data["reasons"]
    assert (reason["rule"], reason["message"]) == ("core-no", "Our own code says no.")
    assert reason["source"]["document"] == "Test code"
    unsure = cli(
        "check",
        *flags[:-2],
        "-a",
        "lawful=unsure",
        "-a",
        "values=yes",
        "-a",
        "ethical=yes",
        "-a",
        "reputation=yes",
    )
    leader = next(c for c in json.loads(unsure.stdout)["referrals"] if c["id"] == "group-leader")
    assert leader["general"] is True
    assert leader["source"] is None  # the core's source names it, this council's code does not
    questions = json.loads(cli("questions", "--rules", str(folder), "--json").stdout)
    values = next(q for q in questions["questions"] if q["id"] == "values")
    assert values["text"] == "Is it consistent with our code?"


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        (
            "overrides:\n  rules:\n    nosuch: {message: {sv: a, da: b, en: c}}\n",
            "overrides: 'nosuch' is not a rule of the core; known: core-no, core-unsure, "
            "core-lawful-unsure, core-all-yes",
        ),
        (
            "overrides:\n  rules:\n    core-no: {when: {always: true}}\n",
            "unknown key 'when' in the override of rule 'core-no'; allowed: message, cite, "
            "contacts",
        ),
        (
            "overrides:\n  questions:\n    values.care: {text: {sv: a, da: b, en: c}}\n",
            "overrides: 'values.care' is not a question of the core",
        ),
    ],
)
def test_an_override_of_what_the_core_lacks_or_of_its_logic_is_refused(
    cli: RunCli, tmp_path: Path, extra: str, problem: str
) -> None:
    result = cli("check", "--rules", str(_custom(tmp_path, extra)), *ALL_YES)
    assert result.code == 3
    assert problem in result.stderr


@pytest.mark.parametrize(
    ("contact", "problem"),
    [
        (
            "  - id: nobody\n    role: {sv: Någon, da: Nogen, en: Someone}\n",
            "contact 'nobody' cites no source: give the 'cite' of the code that names it, or "
            "mark it 'general: true'",
        ),
        (
            "  - id: both\n    role: {sv: Någon, da: Nogen, en: Someone}\n    general: true\n"
            "    cite: {source: test-code, section: one}\n",
            "contact 'both' must either cite the source that names it or be marked 'general: true'",
        ),
    ],
)
def test_a_contact_cites_its_source_or_is_general_advice(
    cli: RunCli, tmp_path: Path, contact: str, problem: str
) -> None:
    folder = tmp_path / "custom"
    folder.mkdir()
    text = (FIXTURES / "packs" / "minimal" / "pack.yaml").read_text(encoding="utf-8")
    text = text.replace("contacts:\n", "contacts:\n" + contact, 1)
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    result = cli("check", "--rules", str(folder), *ALL_YES)
    assert result.code == 3
    assert problem in result.stderr


def test_a_general_contact_is_shown_as_general_advice(cli: RunCli) -> None:
    flags = [*ALL_YES, "--council", "aalborg", "--topic", "gifts", "-a", "gifts.interest=yes"]
    flags += ["-a", "gifts.office=yes", "-a", "gifts.beyond-courtesy=no"]
    data = json.loads(cli("check", "--json", *flags).stdout)
    general = [r for r in data["referrals"] if r["general"]]
    assert general
    assert all(r["source"] is None for r in general)
    text = cli("check", *flags).stdout
    assert "(generelt råd – kommunens eget dokument nævner ikke denne kontakt)" in text


def test_a_law_is_cited_with_its_section(cli: RunCli, tmp_path: Path) -> None:
    extra = (
        "  - id: a-law\n    kind: law\n    title: {sv: Lagen, da: Loven, en: The Act}\n"
        "    publisher: {sv: Riksdagen, da: Rigsdagen, en: Parliament}\n"
        "    sections: {s1: {sv: 1 §, da: § 1, en: section 1}}\n"
    )
    folder = tmp_path / "custom"
    folder.mkdir()
    text = (FIXTURES / "packs" / "minimal" / "pack.yaml").read_text(encoding="utf-8")
    text = text.replace("sources:\n", "sources:\n" + extra, 1)
    text = text.replace("cite: {source: test-code, section: one}", "cite: {source: a-law}", 1)
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    result = cli("check", "--rules", str(folder), *ALL_YES)
    assert result.code == 3
    assert "names the law 'a-law' without a section; a law is cited by name and section" in (
        result.stderr
    )


def test_a_value_statement_may_stand_under_its_own_heading(cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "custom"
    folder.mkdir()
    text = (FIXTURES / "packs" / "minimal" / "pack.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "      one: {sv: Ett, da: Et, en: One}\n",
        "      one: {sv: Ett, da: Et, en: One}\n      two: {sv: Två, da: To, en: Two}\n",
    )
    text = text.replace(
        "      - {sv: Vi bryr oss., da: Vi drager omsorg., en: We care.}\n",
        "      - {sv: Vi bryr oss., da: Vi drager omsorg., en: We care.}\n"
        "      - text: {sv: Vi lyssnar., da: Vi lytter., en: We listen.}\n        section: two\n",
    )
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    pack = packs.load_custom(folder)
    (value,) = pack.values
    assert [(s.section, s.quote.get("en")) for s in value.statements if s.quote] == [
        ("one", "We care."),
        ("two", "We listen."),
    ]
    (folder / "pack.yaml").write_text(text.replace("section: two", "section: three"), "utf-8")
    result = cli("check", "--rules", str(folder), *ALL_YES)
    assert result.code == 3
    assert "unknown section 'three' of source 'test-code' in a statement of value 'care'" in (
        result.stderr
    )
