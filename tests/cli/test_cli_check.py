"""`etikcheck check`, `councils` and `questions` as a script and a person use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ALL_YES, RunCli

AALBORG_UNSURE = (
    b'{"council":"aalborg","answers":{"lawful":"yes","values":"unsure",'
    b'"ethical":"yes","reputation":"yes"}}'
)


def test_acceptance_aalborg_unsure_on_stdin(cli: RunCli) -> None:
    result = cli("check", "--json", stdin=AALBORG_UNSURE)
    assert result.code == 0
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["verdict"] == "seek_advice"
    assert data["council"] == "aalborg"
    assert data["lang"] == "da"
    assert data["schema"] == "etikcheck.decision/1"
    reason = data["reasons"][0]
    assert (reason["rule"], reason["question"], reason["answer"]) == (
        "core-unsure",
        "values",
        "unsure",
    )
    assert reason["source"]["quote"].startswith("Den vigtigste forudsætning for byrådets")
    phones = {r["role"]: r["phone"] for r in data["referrals"]}
    assert phones["Kommunaldirektør"] == "99 31 15 05"
    assert "KL's hotline for grænseoverskridende adfærd" not in phones  # only on that topic
    assert phones["Byrådssekretariatet"] == "99 31 15 06"
    names = [r["name"] for r in data["referrals"]]
    assert "Tommy Christiansen" in names
    assert data["pack"]["id"] == "aalborg"
    assert len(data["pack"]["sha256"]) == 64


def test_flags_give_the_same_decision_as_json(cli: RunCli) -> None:
    from_json = json.loads(cli("check", "--json", stdin=AALBORG_UNSURE).stdout)
    flags = ["-a", "lawful=yes", "-a", "values=unsure", "-a", "ethical=yes", "-a", "reputation=yes"]
    from_flags = json.loads(cli("check", "--json", "--council", "aalborg", *flags).stdout)
    assert from_flags == from_json


def test_yaml_answer_file_keeps_no_as_an_answer(cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        "council: vasteras\nanswers:\n  lawful: no\n  values: yes\n  ethical: yes\n"
        "  reputation: yes\n",
        encoding="utf-8",
    )
    data = json.loads(cli("check", "--json", "--input", str(path)).stdout)
    assert data["answers"]["lawful"] == "no"
    assert data["verdict"] == "reconsider"
    assert data["lang"] == "sv"


def test_yaml_on_stdin_is_accepted(cli: RunCli) -> None:
    stdin = b"council: aarhus\nanswers: {lawful: yes, values: yes, ethical: yes, reputation: on}\n"
    result = cli("check", "--json", stdin=stdin)
    assert result.code == 2
    assert json.loads(result.stdout)["error"]["field"] == "answers.reputation"
    assert "'on' is not an answer; use one of: yes, no, unsure" in result.stderr


def test_text_output_is_readable(cli: RunCli) -> None:
    result = cli(
        "check", "--council", "aarhus", "--lang", "en", *ALL_YES, environ={"COLUMNS": "200"}
    )
    assert result.code == 0
    assert result.stdout.startswith("Recommendation: Go ahead\n")
    assert "Who to talk to\n  - Your group leader\n" in result.stdout
    assert "This is a recommendation, not a legal opinion." in result.stdout
    assert (
        "the council or committee dealing with the matter decides whether you are" in result.stdout
    )


@pytest.mark.parametrize(
    ("fail_on", "answers", "code"),
    [
        ("seek_advice", "unsure", 1),
        ("reconsider", "unsure", 0),
        ("reconsider", "no", 1),
        ("proceed", "yes", 1),
        ("seek_advice", "yes", 0),
    ],
)
def test_fail_on(cli: RunCli, fail_on: str, answers: str, code: int) -> None:
    flags = [*ALL_YES[:2], "-a", f"values={answers}", *ALL_YES[4:]]
    result = cli("check", "--council", "aarhus", "--fail-on", fail_on, "--json", *flags)
    assert result.code == code
    assert json.loads(result.stdout)["verdict"]


@pytest.mark.parametrize(
    ("stdin", "field", "message"),
    [
        (b"", "input", "stdin: the input is empty; expected one JSON object"),
        (b"   \n", "input", "stdin: the input is empty"),
        (
            b"[1, 2]",
            "input",
            "the input must be one JSON object with the fields council, lang, "
            "topic, situation, answers, not a list",
        ),
        (
            b'{"council": "aarhus",\n "answers": {"lawful": "yes",}}',
            "input",
            "stdin: invalid JSON at line 2, column 30: Expecting property name",
        ),
        (
            b'{"council": "aarhus", "answer": {}}',
            "answer",
            "answer: unknown field; allowed: council, lang, topic, situation, answers",
        ),
        (b'{"council": 7, "answers": {}}', "council", "council: must be text, not 7"),
        (b'{"council": "aarhus", "answers": []}', "answers", "answers: must be an object"),
        (
            b'{"council": "aarhus", "lang": "no", "answers": {}}',
            "lang",
            "lang: 'no' is not supported; allowed: sv, da, en",
        ),
        (
            b'{"council": "aarhus", "answers": {"lawful": "maybe", "values": "yes", "ethical": '
            b'"yes", "reputation": "yes"}}',
            "answers.lawful",
            "answers.lawful: 'maybe' is not an answer; use one of: yes, no, unsure",
        ),
        (
            b'{"council": "aarhus", "answers": {"lawful": "yes"}}',
            "answers",
            "answers: no answer given for: values, ethical, reputation",
        ),
        (
            b'{"council": "aarhus", "answers": {"legal": "yes"}}',
            "answers.legal",
            "answers.legal: unknown question id 'legal'; allowed: lawful, values, ethical, "
            "reputation",
        ),
        (b'{"council": "oslo", "answers": {}}', "council", "unknown council 'oslo'"),
        (b'{"answers": {}}', "council", "council: no council given"),
        (
            b'{"council": "aarhus", "answers": {"lawful": "\xe5"}}',
            "input",
            "stdin: not UTF-8 text (byte 45); save it as UTF-8",
        ),
    ],
)
def test_bad_input_names_the_field(cli: RunCli, stdin: bytes, field: str, message: str) -> None:
    result = cli("check", "--json", stdin=stdin)
    assert result.code == 2
    error = json.loads(result.stdout)["error"]
    assert error["field"] == field
    assert error["exit_code"] == 2
    assert message in error["message"]
    assert result.stderr == f"etikcheck: {error['message']}\n"


def test_bad_input_without_json_keeps_stdout_empty(cli: RunCli) -> None:
    result = cli("check", "--council", "aarhus", "-a", "lawful=maybe")
    assert result.code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "etikcheck: --answer lawful: »maybe« er ikke et gyldigt svar; "
        "tilladte svar: yes, no, unsure\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["check", "--council", "aarhus", "-a", "lawful"],
            "--answer »lawful«: skriv SPØRGSMÅL=SVAR",
        ),
        (
            ["check", "--council", "aarhus", "--fail-on", "bad"],
            "etikcheck: check: --fail-on: »bad« er ikke en af mulighederne: proceed, seek_advice, "
            "reconsider (se: etikcheck check --help)",
        ),
        (
            ["check", "--council", "aarhus", "--lang", "de"],
            "check: --lang: »de« er ikke en af mulighederne: sv, da, en "
            "(se: etikcheck check --help)",
        ),
        (
            ["check", "--bogus"],
            "etikcheck: check: unknown option --bogus (see: etikcheck check --help)",
        ),
        (["check", "--councl", "x"], "check: unknown option --councl; did you mean --council?"),
        (
            ["councils", "--bogus"],
            "etikcheck: councils: unknown option --bogus (see: etikcheck councils",
        ),
        (["--bogus"], "etikcheck: unknown option --bogus (see: etikcheck --help)"),
        (
            ["chek"],
            "etikcheck: unknown command 'chek'; did you mean check? (see: etikcheck --help)",
        ),
        (["check", "-a", "lawful=yes", "-a", "lawful=no"], "answers.lawful: answered twice"),
        (
            ["topics", "-c", "aarhus", "--council", "aalborg"],
            "topics: --council er angivet to gange",
        ),
        (["check", "--council"], "check: --council needs a value (ID)"),
        (["rules", "show"], "rules show: missing PACK (see: etikcheck rules show --help)"),
        (["check", "--input", "/nonexistent/x.json"], "--input /nonexistent/x.json: cannot read"),
    ],
)
def test_usage_errors_exit_2(cli: RunCli, argv: list[str], message: str) -> None:
    result = cli(*argv)
    assert result.code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_flags_override_the_document(cli: RunCli) -> None:
    result = cli(
        "check", "--json", "--input", "-", "-a", "values=yes", "--lang", "en", stdin=AALBORG_UNSURE
    )
    data = json.loads(result.stdout)
    assert data["verdict"] == "proceed"
    assert data["lang"] == "en"


def test_a_piped_document_is_read_beside_a_council_flag(cli: RunCli) -> None:
    """`echo '{…}' | etikcheck check --council aarhus`: stdin is read unless answers come
    from -a flags; the flag names the council."""
    piped = b'{"answers": {"lawful": "yes", "values": "yes", "ethical": "yes", "reputation": "no"}}'
    result = cli("check", "--council", "aarhus", "--lang", "en", stdin=piped)
    assert result.code == 0, result.stderr
    assert result.stdout.startswith("Recommendation: Reconsider\n")
    data = json.loads(cli("check", "--json", "--council", "aarhus", stdin=piped).stdout)
    assert (data["council"], data["verdict"]) == ("aarhus", "reconsider")
    # with -a flags stdin is not read: the flags are the whole input
    flags = cli("check", "--council", "aarhus", "-a", "lawful=no", "--lang", "en", stdin=piped)
    assert "no answer given for: values, ethical, reputation" in flags.stderr
    # nothing piped: the answers are missing, as at a terminal
    empty = cli("check", "--council", "aarhus", "--lang", "en", stdin=b"")
    assert empty.code == 2
    assert "no answer given for: lawful, values, ethical, reputation" in empty.stderr
    bare = cli("check", "--lang", "en", stdin=b"")
    assert "stdin: the input is empty" in bare.stderr


def test_locale_chooses_the_language(cli: RunCli) -> None:
    result = cli("check", "--json", stdin=AALBORG_UNSURE, environ={"LANG": "sv_SE.UTF-8"})
    assert json.loads(result.stdout)["lang"] == "sv"


def test_no_input_at_a_terminal_is_explained(cli: RunCli) -> None:
    result = cli("check", stdin_isatty=True)
    assert result.code == 2
    assert "no council given" in result.stderr


def test_councils_lists_the_packs(cli: RunCli) -> None:
    result = cli("councils")
    assert result.code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == [
        "aalborg",
        "aarhus",
        "vasteras",
    ]
    data = json.loads(cli("councils", "--json").stdout)
    assert {c["id"]: c["lang"] for c in data["councils"]} == {
        "aalborg": "da",
        "aarhus": "da",
        "vasteras": "sv",
    }


def test_questions_for_a_form(cli: RunCli) -> None:
    data = json.loads(cli("questions", "--council", "vasteras", "--json").stdout)
    ids = [q["id"] for q in data["questions"]]
    assert ids[:4] == ["lawful", "values", "ethical", "reputation"]
    assert "values.respekt-och-omtanke" in ids
    first = data["questions"][0]
    assert first["text"] == "Är det lagligt?"
    assert first["required"] is True
    assert [a["value"] for a in first["answers"]] == ["yes", "no", "unsure"]
    assert [a["label"] for a in first["answers"]] == ["Ja", "Nej", "Osäker"]
    value_item = next(q for q in data["questions"] if q["id"] == "values.respekt-och-omtanke")
    assert value_item["required"] is False
    text = cli("questions", "--council", "vasteras", "--lang", "en").stdout
    assert text.startswith("lawful: Is it legal? [Yes/No/Unsure]\n")


def test_questions_needs_a_council(cli: RunCli) -> None:
    result = cli("questions")
    assert result.code == 2
    assert (
        "no council given; use --council ID, or save yours with etikcheck config set council"
        in (result.stderr)
    )
    assert "(known: aalborg, aarhus, vasteras)" in result.stderr


def test_version_and_help(cli: RunCli) -> None:
    assert cli("check", "--help").code == 0


@pytest.mark.parametrize("width", [40, 60, 80])
def test_text_output_wraps_at_word_boundaries(cli: RunCli, width: int) -> None:
    flags = ["--council", "vasteras", "--topic", "gifts", *ALL_YES, "-a", "gifts.interest=yes"]
    flags += ["-a", "gifts.office=yes", "-a", "gifts.beyond-courtesy=unsure"]
    wide = cli("check", *flags, environ={"COLUMNS": "1000"}).stdout
    narrow = cli("check", *flags, environ={"COLUMNS": str(width)}).stdout
    assert max(len(line) for line in narrow.splitlines()) <= width
    assert narrow.split() == wide.split()  # the same words: none cut in two


ENGLISH_ANSWER_ERROR = (
    "etikcheck: --answer lawful: 'maybe' is not an answer; use one of: yes, no, unsure\n"
)


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        (
            "sv",
            "etikcheck: --answer lawful: ”maybe” är inget giltigt svar; "
            "tillåtna svar: yes, no, unsure\n",
        ),
        (
            "da",
            "etikcheck: --answer lawful: »maybe« er ikke et gyldigt svar; "
            "tilladte svar: yes, no, unsure\n",
        ),
        ("en", ENGLISH_ANSWER_ERROR),
    ],
)
def test_an_error_speaks_the_sessions_language_and_stays_english_in_json(
    cli: RunCli, lang: str, message: str
) -> None:
    text = cli("check", "--council", "vasteras", "--lang", lang, "-a", "lawful=maybe")
    assert (text.code, text.stderr, text.stdout) == (2, message, "")
    scripted = cli("check", "--json", "--council", "vasteras", "--lang", lang, "-a", "lawful=maybe")
    assert scripted.code == 2
    assert scripted.stderr == ENGLISH_ANSWER_ERROR
    error = json.loads(scripted.stdout)["error"]
    assert (error["message"], error["field"]) == (ENGLISH_ANSWER_ERROR[11:-1], "answers.lawful")
    # the same answer in a document is named by its path in the document
    piped = b'{"council": "vasteras", "answers": {"lawful": "maybe"}}'
    document = cli("check", "--lang", lang, stdin=piped)
    assert document.stderr == message.replace("--answer lawful", "answers.lawful")


@pytest.mark.parametrize(
    ("argv", "environ", "message"),
    [
        (
            ["--lang", "sv", "check", "--input"],
            {},
            "etikcheck: check: --input behöver ett värde (FIL) (se etikcheck check --help)\n",
        ),
        (
            ["--lang", "da", "rules", "show"],
            {},
            "etikcheck: rules show: PAKKE mangler (se: etikcheck rules show --help)\n",
        ),
        (
            ["chek"],
            {"LANG": "da_DK.UTF-8"},
            "etikcheck: ukendt kommando »chek«; mente du check? (se: etikcheck --help)\n",
        ),
        (
            ["journal", "show", "3", "--lang", "sv"],
            {},
            "etikcheck: det finns ingen beslutsanteckning nr 3; dagboken är tom\n",
        ),
        (
            ["check", "--council", "vasteras", "--output", "x"],
            {},
            "etikcheck: check: okänd flagga --output; menade du --input? "
            "(se etikcheck check --help)\n",
        ),
    ],
)
def test_usage_errors_follow_the_flag_the_locale_and_the_council(
    cli: RunCli, argv: list[str], environ: dict[str, str], message: str
) -> None:
    result = cli(*argv, environ=environ)
    assert result.code == 2
    assert result.stderr == message


def test_every_command_takes_lang(cli: RunCli) -> None:
    result = cli("-l", "en", "journal", "clear", "--bogus")
    assert result.stderr == (
        "etikcheck: journal clear: unknown option --bogus (see: etikcheck journal clear --help)\n"
    )
    assert cli("journal", "--lang", "sv").stdout == "Dagboken är tom.\n"


def test_a_value_item_is_quoted_back_as_it_was_asked(cli: RunCli) -> None:
    """A value item's reason and counterfactual name the question as asked, its value's name
    in the inner quotation marks of the language."""
    argv = ["check", "--council", "aarhus", "--lang", "da", "-a", "lawful=yes", "-a"]
    result = cli(*argv, "values.respekt=no", "-a", "values.trovaerdighed=yes", "-a",
                 "values.engagement=yes", "-a", "ethical=yes", "-a", "reputation=yes")  # fmt: skip
    text = " ".join(result.stdout.split())
    assert "Ud fra dit svar: Er det foreneligt med værdien »Respekt«? Nej" in text
    assert "Hvis svaret på »Er det foreneligt med værdien ›Respekt‹?« i virkeligheden var" in text
    data = json.loads(cli(*argv, "values.respekt=no", "--json", "-a", "values.trovaerdighed=yes",
                          "-a", "values.engagement=yes", "-a", "ethical=yes", "-a",
                          "reputation=yes").stdout)  # fmt: skip
    (flip,) = [c for c in data["counterfactuals"] if c["would_be"] == "yes"]
    assert flip["question_text"] == "Er det foreneligt med værdien »Respekt«?"


@pytest.mark.parametrize(
    ("lang", "missing", "folder"),
    [
        ("sv", "kan inte läsa filen: den finns inte", "kan inte läsa filen: det är en mapp"),
        ("da", "kan ikke læse filen: den findes ikke", "kan ikke læse filen: det er en mappe"),
        (
            "en",
            "cannot read the file: No such file or directory",
            "cannot read the file: Is a directory",
        ),
    ],
)
def test_input_the_system_refuses_says_why_in_the_session_language(
    cli: RunCli, tmp_path: Path, lang: str, missing: str, folder: str
) -> None:
    absent = tmp_path / "absent.json"
    result = cli("--lang", lang, "check", "--council", "aarhus", "--input", str(absent))
    assert (result.code, result.stderr) == (2, f"etikcheck: --input {absent}: {missing}\n")
    result = cli("--lang", lang, "check", "--council", "aarhus", "--input", str(tmp_path))
    assert (result.code, result.stderr) == (2, f"etikcheck: --input {tmp_path}: {folder}\n")


def test_json_errors_keep_the_systems_english_reason(cli: RunCli, tmp_path: Path) -> None:
    result = cli("--lang", "sv", "check", "--json", "--input", str(tmp_path))
    message = json.loads(result.stdout)["error"]["message"]
    assert message == f"--input {tmp_path}: cannot read the file: Is a directory"


BROKEN_JSON = b'{"council": "aarhus", "answers": {"lawful": "yes", }}'
BROKEN_YAML = b"council: aarhus\nanswers: [a\n"


@pytest.mark.parametrize(
    ("lang", "json_error", "yaml_error"),
    [
        (
            "sv",
            "ogiltig JSON på rad 1, kolumn 52: "
            'ett fältnamn inom raka citattecken ("…") förväntades',
            "ogiltig YAML på rad 3",
        ),
        (
            "da",
            "ugyldig JSON i linje 1, kolonne 52: der forventedes et feltnavn i dobbelte "
            "anførselstegn",
            "ugyldig YAML i linje 3",
        ),
        (
            "en",
            "invalid JSON at line 1, column 52: Expecting property name enclosed in double quotes",
            "invalid YAML at line 3: while parsing a flow sequence: did not find expected ',' "
            "or ']'",
        ),
    ],
)
def test_parser_problems_are_said_in_the_session_language(
    cli: RunCli, lang: str, json_error: str, yaml_error: str
) -> None:
    result = cli("--lang", lang, "check", stdin=BROKEN_JSON)
    assert (result.code, result.stderr) == (2, f"etikcheck: stdin: {json_error}\n")
    result = cli("--lang", lang, "check", stdin=BROKEN_YAML)
    assert (result.code, result.stderr) == (2, f"etikcheck: stdin: {yaml_error}\n")


def test_json_errors_keep_the_parsers_english(cli: RunCli) -> None:
    result = cli("--lang", "da", "check", "--json", stdin=BROKEN_JSON)
    assert json.loads(result.stdout)["error"]["message"] == (
        "stdin: invalid JSON at line 1, column 52: Expecting property name enclosed in double "
        "quotes"
    )
