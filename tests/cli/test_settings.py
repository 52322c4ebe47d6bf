"""Settings: `etikcheck config`, and a broken settings file named in the error."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import ALL_YES, FIXTURES, RunCli


def test_config_set_show_unset(cli: RunCli, dirs: dict[str, Path]) -> None:
    assert cli("config", "set", "council", "aalborg").code == 0
    assert cli("config", "set", "lang", "sv").code == 0
    path = dirs["config"] / "settings.json"
    assert json.loads(path.read_text(encoding="utf-8")) == {"council": "aalborg", "lang": "sv"}
    assert os.stat(path).st_mode & 0o777 == 0o600
    shown = cli("config").stdout
    assert shown == f"# {path}\ncouncil = aalborg\nlang = sv\npacks = (inget värde)\n"
    assert cli("config", "unset", "lang").code == 0
    assert json.loads(cli("config", "--json").stdout)["lang"] is None


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["config", "set", "lang", "de"], "config set: lang: 'de' is not one of: sv, da, en"),
        (
            ["config", "set", "council", "oslo"],
            "config set: council: 'oslo' is not one of: aalborg",
        ),
        (
            ["config", "set", "colour", "red"],
            "config set: KEY: 'colour' is not one of: council, lang, packs",
        ),
        (["config", "unset", "colour"], "config unset: KEY: 'colour' is not one of: council"),
    ],
)
def test_config_rejects_bad_values(cli: RunCli, argv: list[str], message: str) -> None:
    result = cli(*argv)
    assert result.code == 2
    assert message in result.stderr


@pytest.mark.parametrize(
    ("content", "english", "danish"),
    [
        (
            '{"council": "aarhus",',
            "the settings file is damaged (invalid JSON at line 1, column 22",
            "indstillingsfilen er ødelagt (ugyldig JSON i linje 1, kolonne 22",
        ),
        (
            "[1]",
            "the settings file must hold one JSON object",
            "indstillingsfilen skal indeholde ét JSON-objekt",
        ),
        (
            '{"lang": "xx"}',
            "lang: 'xx' is not one of: sv, da, en",
            "lang: »xx« er ikke en af mulighederne",
        ),
        ('{"lang": 5}', "'lang': must be text, not 5", "'lang': skal være tekst, ikke 5"),
    ],
)
def test_broken_settings_file_is_named(
    cli: RunCli, dirs: dict[str, Path], content: str, english: str, danish: str
) -> None:
    """The settings cannot give the language: the message is in the council's (--council
    aarhus: Danish), else English."""
    dirs["config"].mkdir(parents=True)
    path = dirs["config"] / "settings.json"
    path.write_text(content, encoding="utf-8")
    for argv, problem in ((["config"], english), (["--council", "aarhus"], danish)):
        result = cli(*argv, keys="")
        assert result.code == 2
        assert result.stderr.startswith(f"etikcheck: {path}: ")
        assert problem in result.stderr


def test_saved_language_is_used_by_the_interview_and_by_check(cli: RunCli) -> None:
    cli("config", "set", "lang", "en")
    keys = "\ra\r" + "1\r" * 7 + "1\r" + "1\r"  # no situation, no topic (key a)
    interview = cli("--council", "vasteras", keys=keys)
    assert interview.code == 0, interview.stderr
    assert "Question 1 of 4" in interview.stdout
    result = cli(
        "check",
        "--council",
        "vasteras",
        *ALL_YES,
    )
    # one order for every command: flag, input, settings, locale, the council's own language
    assert result.stdout.startswith("Recommendation:")
    flag = cli("check", "--council", "vasteras", "--lang", "sv", *ALL_YES)
    assert flag.stdout.startswith("Rekommendation:")


def test_a_packs_folder_makes_custom_packs_usable_by_id(cli: RunCli, tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "our-packs"
    shutil.copytree(FIXTURES / "packs" / "minimal", folder / "minimal")
    assert cli("config", "set", "council", "minimal").code == 2  # not known yet
    assert cli("config", "set", "packs", str(folder)).code == 0
    assert cli("config", "set", "council", "minimal").code == 0
    flags = [
        "-a",
        "lawful=yes",
        "-a",
        "values.care=no",
        "-a",
        "ethical=yes",
        "-a",
        "reputation=yes",
    ]
    result = cli("check", "--json", "--council", "minimal", *flags)
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["verdict"] == "reconsider"
    unknown = cli("check", "--council", "nowhere", *flags)
    assert "known councils: aalborg, aarhus, vasteras, minimal" in unknown.stderr
    missing = cli("config", "set", "packs", str(tmp_path / "none"))
    assert missing.code == 2
    assert "is not a folder" in missing.stderr
