"""The command table: one declaration per command, its help in every language, completion."""

from __future__ import annotations

import json
import re

import pytest

from etikcheck.cli import help as cli_help
from etikcheck.cli.parse import parse
from etikcheck.cli.table import COMMANDS, HELP, subcommands
from etikcheck.errors import UsageError
from etikcheck.model import LANGS
from tests.conftest import ROOT, RunCli

HELP_DIR = ROOT / "translations" / "help"


def catalog(lang: str) -> dict[str, str]:
    return json.loads((HELP_DIR / f"{lang}.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def needed_keys() -> set[str]:
    keys = {"heading.usage", "heading.arguments", "heading.options", "heading.commands"}
    for command in COMMANDS:
        keys.add(f"cmd.{command.key}")
        for option in (*command.options, HELP):
            keys.add(
                f"opt.{command.key}.{option.dest}"
                if f"opt.{command.key}.{option.dest}" in catalog("en")
                else f"opt.{option.dest}"
            )
        keys |= {f"arg.{command.key}.{a.dest}" for a in command.arguments}
    return keys


@pytest.mark.parametrize("lang", LANGS)
def test_every_command_option_and_argument_has_help_in_every_language(lang: str) -> None:
    texts = catalog(lang)
    missing = sorted(key for key in needed_keys() if not texts.get(key, "").strip())
    assert not missing, f"translations/help/{lang}.json lacks: {', '.join(missing)}"
    shared = {key for key in texts if not key.startswith("metavar.")}  # metavars are optional
    assert shared == set(catalog("en")), "every help catalog has the same keys"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.key)
def test_every_help_renders_without_python_types_and_fits(command: object, lang: str) -> None:
    text = cli_help.render(command, lang, 60)  # type: ignore[arg-type]
    assert max(len(line) for line in text.splitlines()) <= 60
    assert not re.search(r"<[a-z]+\[", text)  # no <list[Path]>
    assert "--help" in text


def test_main_help_lists_every_command(cli: RunCli) -> None:
    text = cli("--help").stdout
    for command in subcommands(()):
        assert re.search(rf"^  {command.path[0]} ", text, re.M), command.path
    assert "batch" in text


def test_help_follows_lang_settings_and_locale(cli: RunCli) -> None:
    assert cli("--lang", "sv", "--help").stdout.startswith("Användning: etikcheck")
    assert cli("--help", environ={"LANG": "da_DK.UTF-8"}).stdout.startswith("Brug: etikcheck")
    cli("config", "set", "lang", "sv")
    assert cli("topics", "--help").stdout.startswith("Användning: etikcheck topics")
    for command in ("check", "topics"):  # one layout for the lean and the other commands
        lines = cli(command, "--help").stdout.splitlines()
        assert lines[0] == f"Användning: etikcheck {command} [FLAGGOR]"
        assert "Flaggor:" in lines
        assert "  -h, --help              Visa den här hjälpen." in lines


def test_options_take_the_usual_forms() -> None:
    assert parse(["check", "--council=aarhus", "-a", "lawful=yes"]).text("council") == "aarhus"
    values = parse(["rules", "lint", "a", "b", "--", "-c"])
    assert values.many("packs") == ["a", "b", "-c"]
    with pytest.raises(
        UsageError, match="rules lint: unknown option --frmat; did you mean --format"
    ):
        parse(["rules", "lint", "--frmat"])
    with pytest.raises(UsageError, match="--json takes no value"):
        parse(["councils", "--json=yes"])


def test_completion_offers_commands_and_councils(
    cli: RunCli, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shell = {"_ETIKCHECK_COMPLETE": "complete_bash"}  # what the installed script sets
    monkeypatch.setenv("_ETIKCHECK_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "etikcheck rules l")
    monkeypatch.setenv("COMP_CWORD", "2")
    assert cli(environ=shell).code == 0
    assert capsys.readouterr().out.split() == ["list", "lint"]
    monkeypatch.setenv("COMP_WORDS", "etikcheck check --council aa")
    monkeypatch.setenv("COMP_CWORD", "3")
    cli(environ=shell)
    assert capsys.readouterr().out.split() == ["aalborg", "aarhus"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_script_for_each_shell(
    cli: RunCli, capsys: pytest.CaptureFixture[str], shell: str
) -> None:
    assert cli("--show-completion", shell).code == 0
    assert "_ETIKCHECK_COMPLETE" in capsys.readouterr().out


def test_lang_may_come_before_the_command(cli: RunCli) -> None:
    assert cli("--lang", "sv", "check", "--help").stdout.startswith(
        "Användning: etikcheck check [FLAGGOR]"
    )
    assert parse(["-l", "da", "topics"]).text("lang") == "da"
