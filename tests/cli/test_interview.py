"""The guided interview, driven through the real questionary prompts (headless) and as state."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from rich.console import Console

from etikcheck.i18n import t
from etikcheck.interview.flow import SITUATION, TOPIC, Interview, Step
from etikcheck.model import ANSWERS
from etikcheck.output.screen import rich_decision
from etikcheck.output.views import decision_json
from etikcheck.packs import registry as packs
from tests.conftest import RunCli

ENTER = "\r"
NO_TOPIC = "a"  # the eleventh choice, after the ten topics (keys 1–9, 0)
START = ENTER + NO_TOPIC + ENTER  # no situation, no topic (chosen: nothing is pre-selected)
CTRL_C = "\x03"
YES, NO, UNSURE, HELP, BACK = "1", "2", "3", "4", "5"


def pick(key: str) -> str:
    return key + ENTER


def aarhus_keys(
    lawful: str = YES,
    values: tuple[str, str, str] = (YES, YES, YES),
    ethical: str = YES,
    reputation: str = YES,
    situation: str = "",
    save: str = "1",
) -> str:
    """Aarhus: situation, lawful, three values, ethical, reputation, review, save."""
    answers = [lawful, *values, ethical, reputation]
    return situation + START + "".join(pick(a) for a in answers) + pick("1") + pick(save)


def check_json(cli: RunCli, council: str, lang: str, answers: dict[str, str]) -> dict[str, object]:
    flags = [arg for q, a in answers.items() for arg in ("-a", f"{q}={a}")]
    result = cli("check", "--json", "--council", council, "--lang", lang, *flags)
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("keys", "verdict", "label"),
    [
        (aarhus_keys(), "proceed", "Go ahead"),
        (aarhus_keys(lawful=UNSURE), "seek_advice", "Seek advice first"),
        (aarhus_keys(values=(YES, NO, YES)), "reconsider", "Reconsider"),
    ],
)
def test_full_run_to_each_verdict(cli: RunCli, keys: str, verdict: str, label: str) -> None:
    result = cli("--council", "aarhus", "--lang", "en", keys=keys)
    assert result.code == 0, result.stderr
    assert label in result.stdout
    assert "Who to talk to" in result.stdout
    assert "Your group leader" in result.stdout
    assert "Nothing was saved." in result.stdout


def test_result_is_the_same_decision_as_check_json(cli: RunCli, dirs: dict[str, Path]) -> None:
    keys = aarhus_keys(lawful=UNSURE, values=(YES, UNSURE, YES), save="3")  # save: journal
    result = cli("--council", "aarhus", "--lang", "en", keys=keys)
    assert result.code == 0, result.stderr
    (line,) = (dirs["data"] / "journal.jsonl").read_text(encoding="utf-8").splitlines()
    saved = json.loads(line)["decision"]
    answers = {
        "lawful": "unsure",
        "values.trovaerdighed": "yes",
        "values.respekt": "unsure",
        "values.engagement": "yes",
        "ethical": "yes",
        "reputation": "yes",
    }
    assert saved == check_json(cli, "aarhus", "en", answers)
    assert saved["verdict"] == "seek_advice"


def test_back_returns_to_the_previous_question_with_its_answer_kept(cli: RunCli) -> None:
    # lawful: unsure; at the first value: back; lawful is pre-selected as unsure: Enter keeps it
    keys = (
        START
        + pick(UNSURE)
        + pick(BACK)
        + ENTER
        + "".join(pick(YES) for _ in range(5))
        + pick("1")
        + pick("1")
    )
    result = cli("--council", "aarhus", "--lang", "en", keys=keys)
    assert result.code == 0, result.stderr
    assert result.stdout.count("Question 1 of 4") == 2
    assert "Seek advice first" in result.stdout


def test_review_changes_one_answer_and_keeps_the_others(cli: RunCli, dirs: dict[str, Path]) -> None:
    # all yes; on the review choose line 4 (lawful), answer no, then show the result, save journal
    keys = (
        START + "".join(pick(YES) for _ in range(6)) + pick("4") + pick(NO) + pick("1") + pick("3")
    )
    result = cli("--council", "aarhus", "--lang", "en", keys=keys)
    assert result.code == 0, result.stderr
    assert "Reconsider" in result.stdout
    record = json.loads((dirs["data"] / "journal.jsonl").read_text(encoding="utf-8"))
    answers = record["decision"]["answers"]
    assert answers["lawful"] == "no"
    assert answers["values.respekt"] == "yes"
    assert answers["reputation"] == "yes"


def test_help_is_shown_on_demand(cli: RunCli) -> None:
    keys = START + pick(HELP) + pick(YES) + "".join(pick(YES) for _ in range(6)) + pick("1") * 2
    result = cli("--council", "vasteras", "--lang", "sv", keys=keys)
    assert result.code == 0, result.stderr
    assert "Självklart behöver du också följa alla de lagar" in result.stdout


def test_values_are_asked_one_by_one_with_the_codes_statements(cli: RunCli) -> None:
    result = cli("--council", "aalborg", keys=aarhus_keys())
    assert result.code == 0, result.stderr
    assert "Værdi 1 af 3: Respekt og ligebehandling" in result.stdout
    assert "Vi har nultolerance overfor sexistisk adfærd" in result.stdout
    assert "Værdi 3 af 3: Troværdighed" in result.stdout
    assert "Tommy Christiansen" in result.stdout


@pytest.mark.parametrize("at", [0, 1, 4, 8])
def test_ctrl_c_at_a_prompt_exits_130_and_writes_nothing(
    cli: RunCli, dirs: dict[str, Path], at: int
) -> None:
    steps = [ENTER, ENTER, *(pick(YES) for _ in range(6)), pick("1")]
    keys = "".join(steps[:at]) + CTRL_C
    result = cli("--council", "aarhus", "--lang", "en", keys=keys)
    assert result.code == 130
    assert result.stderr == "etikcheck: interrupted; nothing was saved\n"
    assert not dirs["data"].exists()
    assert not dirs["config"].exists()


def test_end_of_input_at_a_prompt_exits_130(cli: RunCli) -> None:
    result = cli("--council", "aarhus", "--lang", "en", keys=START + pick(YES))
    assert result.code == 130
    assert "interrupted" in result.stderr


def test_without_a_terminal_the_interview_points_to_check(cli: RunCli) -> None:
    result = cli(stdin=b"\n", stdin_isatty=False)
    assert result.code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("etikcheck: the guided interview needs a terminal")
    assert "etikcheck check --council aarhus -a lawful=yes" in result.stderr


def test_first_run_asks_the_council_and_remembers_it(cli: RunCli, dirs: dict[str, Path]) -> None:
    result = cli(
        "--lang",
        "en",
        keys=pick("3") + START + pick(YES) * 7 + pick("1") + pick("1"),
    )
    assert result.code == 0, result.stderr
    settings = json.loads((dirs["config"] / "settings.json").read_text(encoding="utf-8"))
    assert settings == {"council": "vasteras"}
    assert os.stat(dirs["config"] / "settings.json").st_mode & 0o777 == 0o600
    again = cli("--lang", "en", keys=START + "".join(pick(YES) for _ in range(7)) + pick("1") * 2)
    assert again.code == 0, again.stderr
    assert "Which council" not in again.stdout
    assert "City of Västerås" in again.stdout


MARKUP = "[bold red]x[/] \x1b[31m"
SHOWN = "[bold red]x[/] \\x1b[31m"


def test_situation_markup_is_shown_and_saved_literally(cli: RunCli, tmp_path: Path) -> None:
    output = tmp_path / "record.md"
    keys = aarhus_keys(situation="[bold red]x[/] :smile:")[:-2]  # --output: no save question
    result = cli("--council", "aarhus", "--lang", "en", "--output", str(output), keys=keys)
    assert result.code == 0, result.stderr
    assert "[bold red]x[/] :smile:" in result.stdout
    saved = output.read_text(encoding="utf-8")
    assert "[bold red]x[/] :smile:" in saved
    assert os.stat(output).st_mode & 0o777 == 0o600


def test_control_sequences_in_the_situation_are_never_interpreted(
    cli: RunCli, tmp_path: Path, dirs: dict[str, Path]
) -> None:
    # A terminal cannot type a raw ESC into a prompt, but a pasted line in plain mode can.
    lines = MARKUP + "\n11\n" + "1\n" * 6 + "1\n" + "4\n" + str(tmp_path / "r.md") + "\n"
    result = cli(
        "--council", "aarhus", "--lang", "en", "--plain", stdin=lines.encode(), stdin_isatty=True
    )
    assert result.code == 0, result.stderr
    assert SHOWN in result.stdout
    assert "\x1b" not in result.stdout
    saved = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert SHOWN in saved
    assert "\x1b" not in saved
    record = json.loads((dirs["data"] / "journal.jsonl").read_text(encoding="utf-8"))
    assert record["situation"] == MARKUP  # the journal keeps the text exactly (JSON-escaped)
    listing = cli("journal")
    assert SHOWN in listing.stdout
    assert "\x1b" not in listing.stdout


def test_output_refuses_to_overwrite_without_force(cli: RunCli, tmp_path: Path) -> None:
    output = tmp_path / "exists.md"
    output.write_text("keep me", encoding="utf-8")
    result = cli("--council", "aarhus", "--output", str(output), keys="")
    assert result.code == 2
    assert f"{output}: filen findes allerede; vælg et andet navn, eller brug --force" in (
        result.stderr
    )
    assert output.read_text(encoding="utf-8") == "keep me"


def test_output_into_a_missing_folder_is_refused_before_any_question(
    cli: RunCli, tmp_path: Path
) -> None:
    output = tmp_path / "no-such-folder" / "record.md"
    result = cli("--council", "aarhus", "--output", str(output), keys="")
    assert result.code == 2
    assert f"{output}: mappen {output.parent} findes ikke" in result.stderr
    assert "Spørgsmål 1" not in result.stdout


def test_plain_mode_is_linear_and_numbered(cli: RunCli) -> None:
    lines = "\n11\n" + "1\n" * 6 + "1\n" + "1\n"
    result = cli(
        "--council", "aarhus", "--lang", "da", "--plain", stdin=lines.encode(), stdin_isatty=True
    )
    assert result.code == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "╭" not in result.stdout
    assert "  1. Ja\n  2. Nej\n  3. Usikker\n" in result.stdout
    assert "Anbefaling: Gå videre\n" in result.stdout


def test_a_dumb_terminal_gets_plain_prompts(cli: RunCli) -> None:
    lines = "\n11\n" + "1\n" * 6 + "1\n" + "1\n"
    environ = {"TERM": "dumb"}
    result = cli("--council", "aarhus", stdin=lines.encode(), stdin_isatty=True, environ=environ)
    assert result.code == 0, result.stderr
    assert "Svar med et tal 1–" in result.stdout
    assert "\x1b" not in result.stdout


def test_no_color_keeps_the_arrow_keys(cli: RunCli) -> None:
    result = cli(
        "--council", "aarhus", "--lang", "en", keys=aarhus_keys(), environ={"NO_COLOR": "1"}
    )
    assert result.code == 0, result.stderr
    assert "Answer with a number" not in result.stdout  # the questionary prompts, not plain


def test_plain_mode_repeats_the_question_on_a_bad_answer(cli: RunCli) -> None:
    lines = "\n11\n" + "7\nja\n1\n" + "1\n" * 5 + "1\n1\n"
    result = cli(
        "--council", "aarhus", "--lang", "da", "--plain", stdin=lines.encode(), stdin_isatty=True
    )
    assert result.code == 0, result.stderr
    assert result.stdout.count("Det forstod jeg ikke. Svar med et tal 1–5.") == 2


def test_result_screen_fits_60_columns() -> None:
    pack = packs.load("aalborg")
    interview = Interview(pack, "da")
    interview.answers.update(
        {"lawful": "unsure", "ethical": "yes", "reputation": "yes"}
        | {q.id: "yes" for q in pack.value_questions()}
    )
    console = Console(file=__import__("io").StringIO(), width=60, color_system=None)
    console.print(rich_decision(decision_json(interview.decision(), "da"), MARKUP))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert max(len(line) for line in text.splitlines()) <= 60
    assert "Søg råd først" in text
    assert re.search(r"Telefon 99 31 15 05 *\n", text)  # on one line, never wrapped
    assert SHOWN in text


def test_interview_state_order_back_and_topic_change() -> None:
    pack = packs.load("vasteras")
    interview = Interview(pack, "sv")
    ids = [step.id for step in interview.steps()]
    assert ids[:3] == ["situation", "topic", "lawful"]
    assert ids[3:7] == [q.id for q in pack.value_questions()]
    assert ids[-2:] == ["ethical", "reputation"]
    interview.answer(SITUATION, "x")
    interview.answer(TOPIC, None)
    interview.answer(Step("question", "lawful"), "no")
    interview.back()
    assert interview.current() == Step("question", "lawful")
    assert interview.value_of(Step("question", "lawful")) == "no"
    assert interview.first_open() == 3
    # choosing a topic adds its questions; changing it drops the old topic's answers
    interview.set(TOPIC, "gifts")
    assert [s.id for s in interview.steps()[-3:]] == [
        "gifts.interest",
        "gifts.office",
        "gifts.beyond-courtesy",
    ]
    interview.set(Step("question", "gifts.interest"), "yes")
    interview.set(TOPIC, "meetings")
    assert "gifts.interest" not in interview.current_answers()
    assert interview.steps()[-1] == Step("question", "meetings.line-crossed")


def test_the_interrupted_message_speaks_the_members_language(cli: RunCli) -> None:
    result = cli("--council", "aarhus", "--lang", "da", keys=CTRL_C)
    assert result.code == 130
    assert result.stderr == "etikcheck: afbrudt; intet blev gemt\n"
    swedish = cli("--council", "aarhus", keys=CTRL_C, environ={"LANG": "sv_SE.UTF-8"})
    assert swedish.stderr == "etikcheck: avbrutet; inget sparades\n"
    # LANG=C names no language: the council's own (the flag's, else the settings') is used
    plain_c = cli("--council", "vasteras", keys=CTRL_C, environ={"LANG": "C"})
    assert plain_c.stderr == "etikcheck: avbrutet; inget sparades\n"
    cli("config", "set", "council", "aalborg")
    saved = cli(keys=CTRL_C, environ={"LANG": "C"})
    assert saved.stderr == "etikcheck: afbrudt; intet blev gemt\n"


class _Recorder:
    """A prompter that records what it is asked and answers with the first choice."""

    lang = "en"
    width = 80

    def __init__(self) -> None:
        self.asked: list[tuple[str, bool]] = []

    def info(self, text: str, style: str = "") -> None: ...

    def bullet(self, text: str, style: str = "") -> None: ...

    def select(
        self, message: str, choices: object, default: object = None, deliberate: bool = False
    ) -> str:
        self.asked.append((message, deliberate))
        return str(next(iter(choices))[1])  # type: ignore[call-overload]

    def text(self, message: str, hint: str, default: str = "") -> str:
        return default


def test_the_first_question_asks_in_all_three_languages_when_none_is_known() -> None:
    from etikcheck.interview.prompts import choose_council

    bundled = {c: packs.load(c) for c in packs.bundled_ids()}
    recorder = _Recorder()
    assert choose_council(recorder, bundled, multilingual=True) == "aalborg"
    message, deliberate = recorder.asked[0]
    assert message == " / ".join(t(lang, "prompt.council") for lang in ("sv", "da", "en"))
    assert deliberate  # nothing pre-selected: a careless Enter chooses no council
    recorder = _Recorder()
    choose_council(recorder, bundled, multilingual=False)
    assert recorder.asked[0][0] == t("en", "prompt.council")


def test_the_council_saved_message_speaks_the_councils_language(cli: RunCli) -> None:
    keys = "3\r" + CTRL_C  # the third council (vasteras), then leave
    result = cli(keys=keys, environ={"LANG": "C"})
    assert result.code == 130
    assert t("sv", "label.saved_council", council="Västerås stad") in result.stdout


@pytest.mark.parametrize("width", [40, 60, 80])
@pytest.mark.parametrize(
    ("council", "lang"), [("vasteras", "sv"), ("aalborg", "da"), ("aarhus", "en")]
)
def test_review_rows_show_every_answer_whole_and_tell_rows_apart(
    council: str, lang: str, width: int
) -> None:
    from etikcheck.interview.prompts import REVIEW_MARGIN, review_line

    pack = packs.load(council)
    interview = Interview(pack, lang)
    interview.set(
        SITUATION, "En leverantör har bjudit mig och min partner på en konsert med middag"
    )
    interview.set(TOPIC, "gifts")
    for n, step in enumerate(s for s in interview.steps() if s.kind == "question"):
        interview.set(step, ANSWERS[n % 3])
    rows = [review_line(interview, step, width) for step in interview.steps()]
    for step, row in zip(interview.steps(), rows, strict=True):
        assert len(row) + REVIEW_MARGIN <= width, row
        if step.kind == "question":
            answer = t(lang, f"answer.{interview.answers[step.id]}")
            assert row.endswith(f" — {answer}"), row
    assert len(set(rows)) == len(rows)  # every row can be told from the others
    value_rows = [
        r
        for s, r in zip(interview.steps(), rows, strict=True)
        if pack.questions.get(s.id) and pack.questions[s.id].kind == "value"
    ]
    names = [v.name.get(lang) for v in pack.values]
    assert all(any(name.split()[0] in row for name in names) for row in value_rows)


@pytest.mark.parametrize(
    ("count", "keys"),
    [(1, "1"), (5, "1–5"), (10, "1–9, 0"), (11, "1–9, 0, a"), (12, "1–9, 0, a–b")],
)
def test_the_key_hint_states_the_real_keys(count: int, keys: str) -> None:
    from etikcheck.interview.prompts import key_hint

    assert key_hint("en", count) == f"({keys} or the arrow keys; Enter to choose)"


def test_changing_the_situation_on_the_review_opens_it_with_its_text(cli: RunCli) -> None:
    keys = "Middag\r" + NO_TOPIC + ENTER + "".join(pick(YES) for _ in range(6))
    keys += pick("2")  # review: the situation row
    keys += "\x7f" * 3 + "ag med vänner\r"  # edit it: the field holds "Middag" already
    keys += pick("1") + pick("1")  # show the result, save nothing
    result = cli("--council", "aarhus", "--lang", "en", keys=keys)
    assert result.code == 0, result.stderr
    assert "Midag med vänner" in result.stdout


ALL_VALUES = BY_VALUE = "6"  # the last choice: after Help and Back


def test_question_2_can_be_answered_once_for_all_values(cli: RunCli, dirs: dict[str, Path]) -> None:
    # lawful yes; at the first value: one answer for all; values: no; ethical, reputation: yes
    keys = (
        START
        + pick(YES)
        + pick(ALL_VALUES)
        + pick(NO)
        + pick(YES)
        + pick(YES)
        + pick("1")
        + pick("3")
    )
    result = cli("--council", "aarhus", "--lang", "en", keys=keys)
    assert result.code == 0, result.stderr
    assert "Value 2 of 3" not in result.stdout
    assert "Reconsider" in result.stdout
    record = json.loads((dirs["data"] / "journal.jsonl").read_text(encoding="utf-8"))
    answers = record["decision"]["answers"]
    assert answers["values"] == "no"
    assert not [key for key in answers if key.startswith("values.")]


def test_question_2_can_go_back_to_one_answer_per_value(cli: RunCli, dirs: dict[str, Path]) -> None:
    # switch to one answer, then back to value by value: the three values are asked
    keys = (
        START
        + pick(YES)
        + pick(ALL_VALUES)
        + pick(BY_VALUE)
        + "".join(pick(YES) for _ in range(5))
        + pick("1")
        + pick("3")
    )
    result = cli("--council", "aarhus", "--lang", "en", keys=keys)
    assert result.code == 0, result.stderr
    assert "Value 3 of 3" in result.stdout
    record = json.loads((dirs["data"] / "journal.jsonl").read_text(encoding="utf-8"))
    answers = record["decision"]["answers"]
    assert answers["values.engagement"] == "yes"
    assert record["decision"]["verdict"] == "proceed"
