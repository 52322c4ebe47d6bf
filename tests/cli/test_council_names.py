"""A council is named by its id, by its own name in any language or by an alias its pack
declares; anything else is refused with the closest ids ("did you mean …")."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from etikcheck.packs import registry
from tests.conftest import ALL_YES, FIXTURES, RunCli


@pytest.mark.parametrize(
    ("name", "council"),
    [
        ("Århus", "aarhus"),
        ("århus kommune", "aarhus"),
        ("Aarhus Municipality", "aarhus"),
        ("Aalborg Kommune", "aalborg"),
        ("aalborg  kommune", "aalborg"),
        ("AALBORG-KOMMUNE", "aalborg"),
        ("Aalborgs kommun", "aalborg"),
        ("Ålborg", "aalborg"),
        ("Ålborg Kommune", "aalborg"),
        ("Aalborg Byråd", "aalborg"),
        ("Aarhus Byråd", "aarhus"),
        ("Västerås stad", "vasteras"),
        ("City of Västerås", "vasteras"),
        ("Västerås kommun", "vasteras"),
        ("Västerås", "vasteras"),
    ],
)
def test_a_council_by_its_name_or_alias(cli: RunCli, name: str, council: str) -> None:
    result = cli("check", "--json", "--council", name, *ALL_YES)
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["council"] == council  # the result names the id


def test_a_check_input_and_a_batch_line_take_names_too(cli: RunCli) -> None:
    document = {
        "council": "Aalborg Kommune",
        "answers": dict.fromkeys(("lawful", "values", "ethical", "reputation"), "yes"),
    }
    result = cli("check", "--json", stdin=json.dumps(document).encode())
    assert json.loads(result.stdout)["council"] == "aalborg"
    lines = [json.dumps({**document, "council": name}) for name in ("Århus", "aarhus", "Ålborg")]
    batch = cli("batch", stdin="\n".join(lines).encode())
    assert [json.loads(line)["council"] for line in batch.stdout.splitlines()] == [
        "aarhus",
        "aarhus",
        "aalborg",
    ]


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("vesteras", "vasteras"),
        ("aalborgg", "aalborg"),
        ("aarhuss", "aarhus"),
        ("Vesterås", "vasteras"),
    ],
)
def test_a_typo_gets_the_closest_id(cli: RunCli, typed: str, hint: str) -> None:
    result = cli("check", "--council", typed, *ALL_YES)
    assert result.code == 2
    assert result.stderr == (
        f"etikcheck: unknown council {typed!r}; did you mean {hint}? "
        "Known councils: aalborg, aarhus, vasteras\n"
    )


def test_a_council_nothing_resembles_is_listed_with_the_known_ones(cli: RunCli) -> None:
    result = cli("check", "--json", "--council", "oslo", *ALL_YES)
    assert result.code == 2
    error = json.loads(result.stdout)["error"]
    assert error["field"] == "council"
    assert error["message"] == "unknown council 'oslo'; known councils: aalborg, aarhus, vasteras"


def test_a_name_is_never_a_path(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text("x: 1\n", encoding="utf-8")
    for name in (" ..", "  .", "..\u00a0", str(tmp_path)):
        result = cli("check", "--council", name, *ALL_YES)
        assert result.code == 2, name
        assert "unknown council" in result.stderr


def test_config_set_council_saves_the_id(cli: RunCli, dirs: dict[str, Path]) -> None:
    assert cli("config", "set", "council", "Århus").stdout.startswith("council = aarhus ")
    saved = json.loads((dirs["config"] / "settings.json").read_text(encoding="utf-8"))
    assert saved == {"council": "aarhus"}
    typo = cli("config", "set", "council", "vesteras")
    assert typo.code == 2
    assert typo.stderr.endswith(
        "config set: council: »vesteras« er ikke en af mulighederne: aalborg, aarhus, vasteras; "
        "mente du vasteras?\n"
    )


def _packs_folder(tmp_path: Path, *packs: tuple[str, str]) -> Path:
    """A packs folder with copies of the minimal pack: (folder and id, its aliases)."""
    folder = tmp_path / "our-packs"
    for pack_id, aliases in packs:
        shutil.copytree(FIXTURES / "packs" / "minimal", folder / pack_id)
        pack_file = folder / pack_id / "pack.yaml"
        text = pack_file.read_text(encoding="utf-8").replace("id: minimal", f"id: {pack_id}")
        text = text.replace("council: {", f"aliases: {aliases}\ncouncil: {{", 1)
        pack_file.write_text(text, encoding="utf-8")
    return folder


def test_a_configured_pack_by_its_alias(cli: RunCli, tmp_path: Path) -> None:
    folder = _packs_folder(tmp_path, ("testby", "[Testbyen, Test-By Kommune]"))
    assert cli("config", "set", "packs", str(folder)).code == 0
    for name in ("testby", "Testbyen", "test by kommune", "Test Council", "Testkommun"):
        result = cli("check", "--json", "--council", name, "-a", "values.care=yes", *ALL_YES)
        assert json.loads(result.stdout)["council"] == "testby", name
    typo = cli("check", "--council", "testbyy", *ALL_YES)
    assert "did you mean testby?" in typo.stderr
    assert "Known councils: aalborg, aarhus, vasteras, testby" in typo.stderr


def test_a_name_two_packs_go_by_is_refused_naming_both(cli: RunCli, tmp_path: Path) -> None:
    folder = _packs_folder(tmp_path, ("one", "[Twin]"), ("two", "[twin]"))
    cli("config", "set", "packs", str(folder))
    result = cli("check", "--council", "Twin", *ALL_YES)
    assert result.code == 2
    assert (
        "council: 'Twin' is the name of more than one rule pack (one, two); give the id of the one "
        "you mean"
    ) in result.stderr
    assert cli("check", "--json", "--council", "two", *ALL_YES).code == 0


def test_a_broken_pack_in_the_folder_does_not_hide_the_others(cli: RunCli, tmp_path: Path) -> None:
    folder = _packs_folder(tmp_path, ("good", "[Godby]"))
    shutil.copytree(FIXTURES / "packs" / "unknown-contact", folder / "broken")
    cli("config", "set", "packs", str(folder))
    result = cli("check", "--json", "--council", "Godby", "-a", "values.care=yes", *ALL_YES)
    assert json.loads(result.stdout)["council"] == "good"
    councils = cli("councils")
    assert [line.split()[0] for line in councils.stdout.splitlines()] == [
        *registry.bundled_ids(),
        "good",
    ]
    assert "etikcheck: warning: " in councils.stderr
    assert "unknown contact 'mayor' in rule 'care-no' (the pack 'broken' is left out)" in (
        councils.stderr
    )


def test_a_configured_pack_is_found_by_its_folder_and_must_be_named_so(
    cli: RunCli, tmp_path: Path
) -> None:
    folder = tmp_path / "our-packs"
    shutil.copytree(FIXTURES / "packs" / "minimal", folder / "other-name")
    cli("config", "set", "packs", str(folder))
    result = cli("check", "--council", "other-name", *ALL_YES)
    assert result.code == 3
    assert "pack id 'minimal' must match its folder name 'other-name'" in result.stderr


def test_rules_given_with_a_council_name_of_that_pack(cli: RunCli) -> None:
    flags = ["check", "--json", "--rules", str(registry.rules_dir() / "aarhus"), *ALL_YES]
    assert cli(*flags, "--council", "Århus").code == 0
    mismatch = cli(*flags, "--council", "aalborg")
    assert mismatch.code == 2
    assert "does not match the pack in --rules ('aarhus')" in mismatch.stderr


def test_councils_json_lists_names_and_aliases(cli: RunCli) -> None:
    data = json.loads(cli("councils", "--json").stdout)
    aarhus = next(c for c in data["councils"] if c["id"] == "aarhus")
    assert aarhus["aliases"] == ["Århus", "Århus Kommune", "Aarhus Byråd"]
    assert aarhus["name"]["da"] == "Aarhus Kommune"


def test_names_fold_case_spacing_and_letters() -> None:
    assert registry.fold("Västerås") == "vasteras"
    assert registry.fold("  Aalborg   Kommune ") == "aalborg-kommune"
    assert registry.fold("Ærø_Kommune") == "aero-kommune"
    assert registry.fold("City of Västerås") == registry.fold("city-of-vasteras")


def test_a_name_too_long_for_a_file_is_an_input_error(cli: RunCli) -> None:
    long = "a" * 300  # the system refuses such a file name: never a traceback
    for argv in (
        ["check", "--council", long, *ALL_YES],
        ["check", "--rules", long, *ALL_YES],
        ["rules", "show", long],
        ["config", "set", "council", long],
    ):
        result = cli(*argv)
        assert result.code == 2, argv
        assert "a" * 40 + "…" in result.stderr, argv
    line = json.dumps({"council": long, "answers": {}}).encode()
    batch = cli("batch", stdin=line + b"\n" + line + b"\n")
    assert [json.loads(out)["error"]["field"] for out in batch.stdout.splitlines()] == [
        "council",
        "council",
    ]
    lint = cli("rules", "lint", long)
    assert lint.code == 2
    assert "[not-found]" in lint.stdout
