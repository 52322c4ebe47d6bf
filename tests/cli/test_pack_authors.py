"""A council secretary's tools: `rules lint`, `test` and `show` take what `--council` and
`--rules` take, from any folder; `rules new` leaves placeholders that lint names and
`--strict` fails on; every problem of a pack in one run; the guide ships in the package."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from etikcheck import resources
from etikcheck.cli.table import COMMANDS
from etikcheck.model import LANGS
from etikcheck.packs import registry
from etikcheck.store.settings import KEYS as SETTINGS_KEYS
from tests.conftest import ALL_YES, FIXTURES, ROOT, RunCli


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder that is neither the repository nor a pack."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


# --- what a pack argument may be -------------------------------------------------------------


@pytest.mark.usefixtures("elsewhere")
def test_lint_test_and_show_take_a_council_from_any_folder(cli: RunCli) -> None:
    lint = cli("rules", "lint", "aalborg")
    assert lint.code == 0, lint.stdout
    assert lint.stdout == "1 pack(s) checked: 0 error(s), 0 warning(s)\n"
    tested = cli("rules", "test", "vasteras")
    assert tested.code == 0, tested.stdout
    assert tested.stdout.endswith(" passed, 0 failed\n")
    shown = json.loads(cli("rules", "show", "Århus", "--json").stdout)
    assert shown["id"] == "aarhus"


@pytest.mark.usefixtures("elsewhere")
def test_without_arguments_every_known_pack(cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "our-packs"
    shutil.copytree(FIXTURES / "packs" / "minimal", folder / "minimal")
    cli("config", "set", "packs", str(folder))
    lint = cli("rules", "lint")
    assert lint.code == 0, lint.stdout
    assert lint.stdout == "4 pack(s) checked: 0 error(s), 0 warning(s)\n"
    tested = cli("rules", "test")
    assert tested.code == 2  # the configured pack has no cases.yaml: named, and the rest run
    assert "FAIL minimal: no cases.yaml beside the pack" in tested.stdout
    assert tested.stdout.endswith(" passed, 0 failed\n")


@pytest.mark.parametrize("command", ["lint", "test", "show"])
def test_a_name_that_names_no_pack_is_quoted_as_typed(cli: RunCli, command: str) -> None:
    result = cli("rules", command, "nosuch")
    assert result.code == 2
    shown = result.stdout + result.stderr
    assert "no pack 'nosuch': not a folder with pack.yaml or a pack file, and no council" in shown
    assert "--rules" not in shown
    assert "known councils: aalborg, aarhus, vasteras" in shown
    typo = cli("rules", command, "vesteras")
    assert "did you mean vasteras? Known councils" in typo.stdout + typo.stderr


def test_lint_checks_the_others_and_exits_2_for_a_missing_one(cli: RunCli) -> None:
    result = cli("rules", "lint", "nosuch", "aarhus", str(FIXTURES / "lint" / "unreachable"))
    assert result.code == 2
    lines = result.stdout.splitlines()
    assert lines[0].startswith("nosuch: error: no pack 'nosuch'")
    assert "[unreachable-rule]" in result.stdout
    assert lines[-1] == "2 pack(s) checked: 2 error(s), 0 warning(s)"


def test_a_path_wins_over_a_council_of_the_same_name(cli: RunCli, elsewhere: Path) -> None:
    shutil.copytree(FIXTURES / "lint" / "unreachable", elsewhere / "aalborg")
    assert cli("rules", "lint", "aalborg").code == 1  # the folder here, not the bundled pack
    (elsewhere / "aarhus").mkdir()  # a folder without pack.yaml: the council
    assert cli("rules", "lint", "aarhus").code == 0


def test_pre_commit_passes_files(cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(FIXTURES / "lint" / "unreachable", folder)
    (folder / "cases.yaml").write_text("cases: []\n", encoding="utf-8")
    result = cli("rules", "lint", str(folder / "pack.yaml"), str(folder / "cases.yaml"))
    assert result.stdout.endswith("1 pack(s) checked: 1 error(s), 0 warning(s)\n")
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    (lonely / "cases.yaml").write_text("cases: []\n", encoding="utf-8")
    missing = cli("rules", "lint", str(lonely / "cases.yaml"))
    assert missing.code == 2
    assert "there is no pack.yaml beside it" in missing.stdout


def test_rules_test_goes_on_past_a_broken_pack(cli: RunCli) -> None:
    broken = str(FIXTURES / "packs" / "unknown-contact")
    result = cli("rules", "test", broken, "aarhus")
    assert result.code == 3
    assert result.stdout.startswith("FAIL ")
    assert "unknown contact 'mayor' in rule 'care-no'" in result.stdout
    assert result.stdout.endswith(" passed, 0 failed\n")


def test_lint_json_and_format_json_are_one_report(cli: RunCli) -> None:
    fixture = str(FIXTURES / "lint" / "shadowed")
    first = json.loads(cli("rules", "lint", "--json", fixture).stdout)
    second = json.loads(cli("rules", "lint", "--format", "json", fixture).stdout)
    assert first == second
    assert first["schema"] == "etikcheck.lint/1"
    assert (first["errors"], first["warnings"], first["passed"]) == (0, 1, True)
    strict = cli("rules", "lint", "--json", "--strict", fixture)
    assert strict.code == 1
    assert json.loads(strict.stdout)["passed"] is False


# --- every problem in one run ----------------------------------------------------------------

BROKEN = """\
format: 2
id: Broken_Pack
version: 1
lang: en
colour: red
council: {sv: Testkommun, da: Testkommune, en: Test Council}
source: test-code
sources:
  - id: test-code
    title: {sv: Testkod, da: Testkodeks, en: Test code}
    publisher: {sv: Testkommun, da: Testkommune, en: Test Council}
    sections:
      one: {sv: Ett, da: Et, en: One}
values:
  - id: care
    name: {sv: Omtanke, da: Omsorg}
    cite: {source: test-code, section: one}
    statements:
      - {sv: Vi bryr oss., da: Vi drager omsorg., en: We care.}
contacts:
  - id: clerk
    role: {sv: Sekreterare, da: Sekretær, en: Clerk}
    general: true
rules:
  - id: care-no
    when: {is: {values.care: no}}
    verdict: reconsider
    values: [care]
    contacts: [clerk, mayor]
    message: {sv: Nej till omtanke., da: Nej til omsorg., en: No to care.}
  - id: legal-no
    when: {is: {lawful: maybe}}
    verdict: reconsider
    message: {sv: Nej., da: Nej., en: No.}
  - id: ethics
    when: {is: {ethics: no}}
    verdict: later
    cite: {source: nowhere}
    message: {sv: Nej., da: Nej., en: No.}
"""


def test_lint_reports_every_problem_with_file_and_line(cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "pack.yaml").write_text(BROKEN, encoding="utf-8")
    result = cli("rules", "lint", str(folder))
    assert result.code == 1
    shown = f"{folder / 'pack.yaml'}"
    found = [line.removeprefix(shown) for line in result.stdout.splitlines()[:-1]]
    assert found == [
        ":1: error: 'format' must be 1 (this etikcheck reads format 1) [pack-error]",
        ":2: error: id 'Broken_Pack' in the pack may use only a-z, 0-9 and '-' [pack-error]",
        ":3: error: 'version' in the pack must be non-empty text, not the number 1: quote it, "
        '"1" [pack-error]',
        ":5: error: unknown key 'colour' in the pack file; allowed: format, id, version, lang, "
        "council, aliases, source, sources, questions, values, contacts, referrals, rules, "
        "topics, overrides [pack-error]",
        ":16: error: 'name' in value 'care' has no translation for: en [pack-error]",
        ":29: error: unknown contact 'mayor' in rule 'care-no' [pack-error]",
        ":32: error: answer 'maybe' for 'lawful' is not one of: yes, no, unsure (in rule "
        "'legal-no') [pack-error]",
        ":36: error: unknown question 'ethics' (in rule 'ethics') [pack-error]",
        ":37: error: verdict 'later' of rule 'ethics' is not one of: proceed, seek_advice, "
        "reconsider [pack-error]",
        ":38: error: unknown source 'nowhere' in rule 'ethics'; known: vasteras-bemotandekod, "
        "test-code [pack-error]",
    ]
    assert result.stdout.splitlines()[-1] == (
        "1 pack(s) checked: 10 error(s), 0 warning(s); the answer combinations of "
        f"{folder} are checked once the errors that stop it loading are fixed"
    )
    # the loader that a check uses stops at the first, and it is among them
    check = cli("check", "--rules", str(folder), *ALL_YES)
    assert check.code == 3
    assert check.stderr.removeprefix(f"etikcheck: {shown}").rstrip() in (
        line.removesuffix(" [pack-error]").replace(": error: ", ": ", 1) for line in found
    )


def test_lint_checks_the_structure_of_the_cases_too(cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "p"
    shutil.copytree(FIXTURES / "packs" / "minimal", folder)
    (folder / "cases.yaml").write_text(
        "cases:\n  - name: x\n    answers: {lawful: yes}\n    verdict: maybe\n"
        "    colour: red\n  - answers: {}\n    verdict: proceed\n",
        encoding="utf-8",
    )
    result = cli("rules", "lint", str(folder))
    assert result.code == 1
    shown = folder / "cases.yaml"
    assert result.stdout.splitlines()[:3] == [
        f"{shown}:4: error: verdict 'maybe' of case 'x' is not one of: proceed, seek_advice, "
        "reconsider [pack-error]",
        f"{shown}:5: error: unknown key 'colour' in a case; allowed: name, answers, topic, "
        "verdict, fires, not_fires, referrals [pack-error]",
        f"{shown}:6: error: a case needs 'name' [pack-error]",
    ]


def test_a_reference_to_what_is_broken_is_not_reported_again(tmp_path: Path) -> None:
    from etikcheck.packs.lint import lint_path

    folder = tmp_path / "p"
    folder.mkdir()
    text = (FIXTURES / "packs" / "minimal" / "pack.yaml").read_text(encoding="utf-8")
    # the value is broken (no translation); the rule naming values.care stays quiet about it
    text = text.replace("name: {sv: Omtanke, da: Omsorg, en: Care}", "name: {sv: Omtanke}")
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    (problem,) = lint_path(folder)
    assert problem.message == "'name' in value 'care' has no translation for: da, en"


# --- rules new -------------------------------------------------------------------------------


def test_a_new_pack_warns_for_every_placeholder_until_replaced(
    cli: RunCli, elsewhere: Path
) -> None:
    created = cli("rules", "new", "Odense Kommune", "--pack-lang", "da")
    assert created.code == 0, created.stderr
    assert "etikcheck rules lint --strict odense-kommune" in created.stdout
    lint = cli("rules", "lint", "odense-kommune")
    assert lint.code == 0  # warnings only
    warnings = [line for line in lint.stdout.splitlines() if "[placeholder]" in line]
    assert len(warnings) == 12
    assert all(line.startswith("odense-kommune/pack.yaml:") for line in warnings)
    assert "placeholder text left: 'REPLACE værdiens navn'" in lint.stdout
    strict = cli("rules", "lint", "--strict", "odense-kommune")
    assert strict.code == 1
    assert strict.stdout.endswith("(--strict: warnings fail too)\n")
    pack_file = elsewhere / "odense-kommune" / "pack.yaml"
    text = pack_file.read_text(encoding="utf-8")
    text = text.replace("REPLACE uppförandekodens titel", "Uppförandekod för Odense")
    pack_file.write_text(text.replace("REPLACE ", ""), encoding="utf-8")
    passed = cli("rules", "lint", "--strict", "odense-kommune")
    assert passed.code == 0, passed.stdout
    assert passed.stdout == "1 pack(s) checked: 0 error(s), 0 warning(s)\n"
    assert cli("rules", "test", "odense-kommune").code == 0


def _pack_lang(folder: Path) -> str:
    lines = (folder / "pack.yaml").read_text(encoding="utf-8").splitlines()
    return next(line for line in lines if line.startswith("lang: "))


def test_the_session_language_and_the_packs_are_two_options(cli: RunCli, elsewhere: Path) -> None:
    # --lang before the command and after it, the same: one language (it used to clash)
    created = cli("--lang", "da", "rules", "new", "Odense Kommune", "--lang", "da")
    assert created.code == 0, created.stderr
    assert _pack_lang(elsewhere / "odense-kommune") == "lang: da"
    # --pack-lang is the document's language; --lang stays the session's
    created = cli("--lang", "sv", "rules", "new", "Malmö stad", "--pack-lang", "en")
    assert created.code == 0, created.stderr
    assert _pack_lang(elsewhere / "malmo-stad") == "lang: en"
    # without --pack-lang, the --lang given is the document's language too
    created = cli("rules", "new", "Lund", "--lang", "sv", "--dir", "lund")
    assert created.code == 0, created.stderr
    assert _pack_lang(elsewhere / "lund") == "lang: sv"


@pytest.mark.parametrize(
    ("lang", "error"),
    [
        (
            "sv",
            "etikcheck: rules new: --lang är angiven två gånger (se etikcheck rules new --help)",
        ),
        ("da", "etikcheck: rules new: --lang er angivet to gange (se: etikcheck rules new --help)"),
        ("en", "etikcheck: rules new: --lang is given twice (see: etikcheck rules new --help)"),
    ],
)
def test_two_different_session_languages_are_refused(
    cli: RunCli, elsewhere: Path, lang: str, error: str
) -> None:
    other = "en" if lang != "en" else "sv"
    result = cli("--lang", lang, "rules", "new", "Odense Kommune", "--lang", other)
    assert (result.code, result.stderr) == (2, error + "\n")
    assert not (elsewhere / "odense-kommune").exists()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Språket i din kommuns eget dokument (originalet)"),
        ("da", "Sproget i din kommunes eget dokument (originalen)"),
        ("en", "The language of your council's own document (its original)"),
    ],
)
def test_rules_new_help_names_pack_lang(cli: RunCli, lang: str, text: str) -> None:
    page = " ".join(cli("--lang", lang, "rules", "new", "--help").stdout.split())
    assert "--pack-lang" in page
    assert text in page


def test_a_new_pack_names_its_schema_beside_it(cli: RunCli, elsewhere: Path) -> None:
    assert cli("rules", "new", "Testby", "--dir", "packs/testby").code == 0
    folder = elsewhere / "packs" / "testby"
    head = (folder / "pack.yaml").read_text(encoding="utf-8").splitlines()
    assert head[0] == "# yaml-language-server: $schema=./pack.schema.json"
    assert "docs/rule-packs.md" not in head[0]
    assert any("etikcheck rules guide" in line for line in head[:5])
    assert str(elsewhere) not in (folder / "pack.yaml").read_text(encoding="utf-8")
    assert cli("schema", "pack").stdout == (folder / "pack.schema.json").read_text("utf-8")
    moved = elsewhere / "shared-repo" / "testby"  # a shared repository: the link still holds
    shutil.move(folder, moved)
    assert "[schema-link]" not in cli("rules", "lint", str(moved)).stdout
    again = cli("rules", "new", "Testby", "--dir", str(moved))
    assert again.code == 2
    assert "the file exists" in again.stderr


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        (
            "# yaml-language-server: $schema=file:///home/me/venv/etikcheck/schemas/pack.schema.json",
            "a file on this machine only",
        ),
        ("# yaml-language-server: $schema=./schemas/pack.schema.json", "not beside the pack"),
        ("# yaml-language-server: $schema=../pack.schema.json", "outside the pack's folder"),
        ("# yaml-language-server: $schema=./old.schema.json", "not this etikcheck's pack schema"),
        (  # a device is never read (nor anything but a regular file, and that bounded)
            "# yaml-language-server: $schema=" + "../" * 30 + "dev/zero",
            "outside the pack's folder",
        ),
    ],
)
def test_a_schema_line_others_cannot_follow_is_a_warning(
    cli: RunCli, tmp_path: Path, line: str, fragment: str
) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(FIXTURES / "packs" / "minimal", folder)
    (folder / "old.schema.json").write_text('{"type": "object"}', encoding="utf-8")
    text = (folder / "pack.yaml").read_text(encoding="utf-8")
    (folder / "pack.yaml").write_text(f"{line}\n{text}", encoding="utf-8")
    result = cli("rules", "lint", str(folder))
    (warning,) = (w for w in result.stdout.splitlines() if "[schema-link]" in w)
    assert warning.startswith(f"{folder / 'pack.yaml'}:1: warning: ")
    assert fragment in warning
    assert "etikcheck schema pack > pack.schema.json" in warning
    assert cli("rules", "lint", "--strict", str(folder)).code == 1


def test_the_guide_is_the_shipped_document(cli: RunCli) -> None:
    result = cli("rules", "guide")
    assert result.code == 0
    guide = resources.data_path("docs") / "rule-packs.md"
    assert result.stdout == guide.read_text(encoding="utf-8")
    assert result.stdout.startswith("# Rule packs\n")
    assert guide.read_text(encoding="utf-8") == (ROOT / "docs" / "rule-packs.md").read_text(
        encoding="utf-8"
    )


def test_the_pre_commit_hook_lints_strictly() -> None:
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "entry: etikcheck rules lint --strict\n" in hooks


# --- the packs folder ------------------------------------------------------------------------


def test_configured_packs_are_listed_and_checked(cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "our-packs"
    shutil.copytree(FIXTURES / "packs" / "minimal", folder / "minimal")
    shutil.copytree(registry.rules_dir() / "aarhus", folder / "aarhus")  # a bundled id
    shutil.copytree(registry.rules_dir() / "aarhus", folder / "mine")  # the names of aarhus
    mine = folder / "mine" / "pack.yaml"
    mine.write_text(mine.read_text("utf-8").replace("id: aarhus", "id: mine", 1), "utf-8")
    cli("config", "set", "packs", str(folder))
    listing = cli("rules", "list").stdout.splitlines()
    assert [line.split()[0] for line in listing] == [*registry.bundled_ids(), "mine", "minimal"]
    assert listing[-1].endswith(str(folder / "minimal"))
    assert listing[0].endswith(str(registry.rules_dir() / "aalborg"))
    councils = cli("councils").stdout.splitlines()
    assert councils[-1].startswith("minimal    Test Council (en, 0.1)")
    lint = cli("rules", "lint", str(folder / "aarhus"), str(mine))  # as the folder has them
    assert f"{folder / 'aarhus' / 'pack.yaml'}: warning: a bundled pack has the id 'aarhus'" in (
        lint.stdout
    )
    conflicts = [line for line in lint.stdout.splitlines() if "[name-conflict]" in line]
    assert conflicts
    assert not [line for line in conflicts if line.startswith("rules/")]  # bundled: kept
    assert any(line.startswith(f"{mine}: warning: the name ") for line in conflicts)
    assert "'Århus' is also a name of aarhus: --council 'Århus' cannot tell them apart" in (
        lint.stdout
    )


# --- help and usage --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_config_set_help_lists_every_key(cli: RunCli, lang: str) -> None:
    locale = {"sv": "sv_SE.UTF-8", "da": "da_DK.UTF-8", "en": "en_GB.UTF-8"}[lang]
    text = cli("config", "set", "--help", environ={"LANG": locale}).stdout
    more = " ".join(text.split("\n\n")[-1].split())
    for key in SETTINGS_KEYS:
        assert f"{key} –" in more, (lang, key)


def test_no_message_says_etikcheck_twice(cli: RunCli) -> None:
    for command in COMMANDS:
        result = cli(*command.path, "--bogus")
        assert result.code == 2
        assert "etikcheck etikcheck" not in result.stderr, command.key
        assert result.stderr.startswith("etikcheck: "), command.key
    assert cli("--bogus").stderr == "etikcheck: unknown option --bogus (see: etikcheck --help)\n"
