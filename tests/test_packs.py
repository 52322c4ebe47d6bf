"""Broken packs: exit 3 and one line naming file:line and the problem, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from etikcheck import packs
from etikcheck.errors import PackError

from .conftest import ALL_YES, FIXTURES, RunCli


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
    from etikcheck.interview import Interview
    from etikcheck.lint import lint_path

    folder = tmp_path / "extended"
    shutil.copytree(FIXTURES / "packs" / "minimal", folder)
    pack_file = folder / "pack.yaml"
    text = pack_file.read_text(encoding="utf-8")
    text = text.replace(
        "values:\n",
        "questions:\n  - id: public-money\n    text: {sv: Offentliga medel?, da: Offentlige "
        "midler?, en: Is public money involved?}\nvalues:\n",
        1,
    ).replace(
        "rules:\n",
        "rules:\n  - id: public-money-yes\n    when: {is: {public-money: yes}}\n"
        "    verdict: seek_advice\n    contacts: [clerk]\n"
        "    message: {sv: Medel., da: Midler., en: Public money.}\n",
        1,
    )
    pack_file.write_text(text, encoding="utf-8")
    missing = cli("check", "--rules", str(folder), *ALL_YES)
    assert missing.code == 2
    assert "missing answers for: public-money" in missing.stderr
    result = cli("check", "--json", "--rules", str(folder), *ALL_YES, "-a", "public-money=yes")
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
