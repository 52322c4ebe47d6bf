"""Training: decks validated like packs, a facilitated session, answers, tally and reports."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from etikcheck.cli.main import run
from etikcheck.environment import Environment
from etikcheck.model import ANSWERS
from etikcheck.packs import registry as packs
from etikcheck.training import decks
from etikcheck.training.report import COLOURS, read_marker, report_marker
from etikcheck.training.votes import (
    VoteError,
    answer_risk,
    majority,
    parse_counts,
    result_for,
    tally,
    vote_document,
)
from tests.conftest import FIXTURES, Result, RunCli

DECK = FIXTURES / "decks" / "aarhus-two.yaml"
ONE = ["--council", "aarhus", "--deck", str(DECK), "--lang", "en"]


def test_majority_ties_go_to_the_cautious_answer() -> None:
    assert majority({"yes": 3, "no": 3, "unsure": 1}) == "no"
    assert majority({"yes": 3, "no": 1, "unsure": 3}) == "unsure"
    assert majority({"yes": 4, "no": 1, "unsure": 3}) == "yes"
    assert majority({"yes": 0, "no": 0, "unsure": 0}) is None


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("1 2", "train.votes_invalid"),
        ("a b c", "train.votes_invalid"),
        ("1 2 3 4", "train.votes_invalid"),
        ("-1 2 3", "train.votes_invalid"),
        ("", "train.votes_invalid"),
        ("1.5 2 3", "train.votes_invalid"),
        ("\u0663 0 0", "train.votes_invalid"),  # an Arabic-Indic three: int() would take it
        ("\u00b2 0 0", "train.votes_invalid"),  # a superscript two: isdigit() would take it
        ("0 0 0", "train.votes_none"),
        ("00 0 000", "train.votes_none"),
        ("999999999999999999999 0 0", "train.votes_too_many"),
        ("9" * 5000 + " 0 0", "train.votes_too_many"),
        ("501 0 0", "train.votes_too_many"),
        ("200 200 101", "train.votes_too_many"),
    ],
)
def test_vote_counts_are_checked(text: str, key: str) -> None:
    with pytest.raises(VoteError) as caught:
        parse_counts(text)
    assert caught.value.key == key


def test_vote_counts_within_bounds_are_taken() -> None:
    assert parse_counts("7 2 3") == {"yes": 7, "no": 2, "unsure": 3}
    assert parse_counts("500 0 0") == {"yes": 500, "no": 0, "unsure": 0}
    assert parse_counts("0, 0, 1") == {"yes": 0, "no": 0, "unsure": 1}
    assert parse_counts("0000200 0 0") == {"yes": 200, "no": 0, "unsure": 0}


# -- the facilitated session -----------------------------------------------------------------
# The chooser lists the scenarios by number (1, 2), then "at random" (3) and "end" (4). After a
# scenario's result: 1 shows the note, 2 corrects the votes, 3 goes on (once the note is shown:
# 1 corrects, 2 goes on).

GIFTS = ["6 0 2", "5 1 2", "4 3 1", "3 3 2", "2 5 1", "6 1 1", "1 6 1"]
NOTE = "For the facilitator: The code says we are open and honest."


def _session(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def test_a_facilitated_session_over_two_scenarios(cli: RunCli, tmp_path: Path) -> None:
    report = tmp_path / "session.html"
    stdin = _session(
        "1",  # scenario 1: concert tickets (gifts)
        *GIFTS,  # lawful, values, ethical, reputation, the three gifts questions
        "1",  # show the note
        "2",  # go on
        "They split on reputation.",
        "2",  # scenario 2: a sharp tone (meetings)
        "8 0 0",
        "x",
        "8 0 0",
        "8 0 0",
        "8 0 0",
        "7 1 0",
        "3",  # go on without the note
        "",
        "4",  # end the session
        "3",  # save as HTML
        str(report),
    )
    result = cli(
        "train", *ONE, "--plain", stdin=stdin, stdin_isatty=True, environ={"COLUMNS": "200"}
    )
    assert result.code == 0, result.stderr
    out = result.stdout
    assert "Scenario 1 of 2\nCONCERT TICKETS" in out
    assert "The choice the group tests: to accept the tickets" in out
    assert "1/7. To accept the tickets: is it legal? Votes (yes no unsure):" in out
    assert "5/7. Does the giver have a matter before you" in out  # topic questions as they are
    reputation = "Will it reflect well on you and on Aarhus Municipality?"
    assert f"  {reputation} (8 in all)" in out
    assert "Recommendation for the majority's answers: Reconsider (reconsider)" in out
    assert f"  - {reputation} No → Yes: Go ahead" in out
    assert f"  - {reputation} No → Unsure: Seek advice first" in out
    assert "What if the developer has a case before your committee?" in out
    assert out.count(NOTE) == 1
    assert "Type three whole numbers, for example 7 2 3 (or < to go back)." in out  # the "x"
    assert "Recommendation for the majority's answers: Seek advice first (seek_advice)" in out
    assert "For the facilitator: The meeting chair has the red button." not in out
    assert report.stat().st_mode & 0o777 == 0o600
    page = report.read_text(encoding="utf-8")
    assert "They split on reputation." in page
    counts = re.findall(r'data-answer="(\w+)" data-count="(\d+)"', page)
    assert counts[:3] == [("yes", "6"), ("no", "0"), ("unsure", "2")]
    assert "<h2>1. Concert tickets</h2>" in page
    assert "<h2>2. A sharp tone</h2>" in page


def test_the_note_stays_hidden_until_the_facilitator_asks_for_it(cli: RunCli) -> None:
    stdin = _session("1", *GIFTS, "1", "2", "", "4", "1")
    out = cli("train", *ONE, "--plain", stdin=stdin, stdin_isatty=True).stdout
    asked = out.index("  1. Show the note for the facilitator")
    assert NOTE in out
    assert out.index(NOTE) > asked  # the note comes only after the facilitator asked for it
    assert "Kodekset siger" not in out
    assert "The code says we are open" not in out[:asked]
    discussion = out.index("  - What would citizens think?")  # the discussion comes first
    assert discussion < asked
    assert "We are open and honest. We keep agreements" in out[asked:]  # and its quote
    never = cli(
        "train", *ONE, "--plain", stdin=_session("1", *GIFTS, "3", "", "4", "1"), stdin_isatty=True
    )
    assert never.code == 0, never.stderr
    assert "The code says we are open and honest." not in never.stdout
    assert "We are open and honest." not in never.stdout


def test_the_note_stays_hidden_in_every_language(cli: RunCli) -> None:
    for lang, word, note in (
        ("da", "Vis teksten til facilitatoren", "Til facilitatoren: Kodekset siger"),
        ("sv", "Visa texten för samtalsledaren", "För samtalsledaren: Koden säger"),
    ):
        args = ["--council", "aarhus", "--deck", str(DECK), "--lang", lang, "--plain"]
        out = cli(
            "train", *args, stdin=_session("1", *GIFTS, "1", "2", "", "4", "1"), stdin_isatty=True
        ).stdout
        assert out.index(note) > out.index(word), lang


def test_refused_counts_say_why_in_the_sessions_language(cli: RunCli) -> None:
    lines = ["1", "0 0 0", "999999999999999999999 0 0", "-1 2 3", *GIFTS, "3", "", "4", "1"]
    for lang, messages in (
        (
            "en",
            (
                "At least one vote is needed: the three numbers cannot all be 0.",
                "At most 500 votes in all per question: check the numbers.",
                "Type three whole numbers, for example 7 2 3 (or < to go back).",
            ),
        ),
        (
            "sv",
            (
                "Det behövs minst en röst: minst ett av de tre talen måste vara större än 0.",
                "Högst 500 röster sammanlagt per fråga: kontrollera talen.",
                "Skriv tre heltal, till exempel 7 2 3 (eller < för att gå tillbaka).",
            ),
        ),
        (
            "da",
            (
                "Der skal være mindst én stemme: de tre tal kan ikke alle være 0.",
                "Højst 500 stemmer i alt pr. spørgsmål: tjek tallene.",
                "Skriv tre hele tal, for eksempel 7 2 3 (eller < for at gå tilbage).",
            ),
        ),
    ):
        args = ["--council", "aarhus", "--deck", str(DECK), "--lang", lang, "--plain"]
        result = cli("train", *args, stdin=_session(*lines), stdin_isatty=True)
        assert result.code == 0, result.stderr
        for message in messages:
            assert message in result.stdout, (lang, message)
        # the refused counts were not taken: the first question has 6 0 2
        assert result.stdout.count("1/7.") == 4, lang


def test_going_back_re_enters_the_previous_questions_votes(cli: RunCli, tmp_path: Path) -> None:
    report = tmp_path / "votes.md"
    stdin = _session(
        "1",
        "<",  # nothing before the first question
        "6 0 2",
        "5 1 2",
        "<",  # back to question 2: its counts are offered again
        "",  # Enter keeps them: 5 1 2
        "<",
        "<",  # back to question 1
        "0 8 0",  # and typed again
        "",  # question 2 keeps 5 1 2
        "4 3 1",
        "3 3 2",
        "2 5 1",
        "6 1 1",
        "1 6 1",
        "2",  # after the result: correct the votes (back to the last question)
        "1 0 7",
        "3",  # go on
        "",
        "4",
        "2",
        str(report),
    )
    result = cli("train", *ONE, "--plain", stdin=stdin, stdin_isatty=True)
    assert result.code == 0, result.stderr
    out = result.stdout
    assert "This is the first question; there is none before it." in out
    assert "Enter = 5 1 2" in out
    assert "Enter = 6 0 2" in out
    assert "Enter = 1 6 1" in out  # correcting offers the last question's counts
    text = report.read_text(encoding="utf-8")
    assert "| Is it legal? | 0 | 8 | 0 |" in text
    assert (
        "| Is it consistent with the City Council's culture of collaboration and its values? "
        "| 5 | 1 | 2 |" in text
    )
    assert (
        "| Is it worth more than an ordinary courtesy, such as a cup of coffee or a simple "
        "working lunch? | 1 | 0 | 7 |" in text
    )
    assert out.count("Recommendation for the majority's answers") == 2


# -- Ctrl-C -----------------------------------------------------------------------------------


class _Interrupting(io.RawIOBase):
    """Stdin that raises KeyboardInterrupt (as Ctrl-C does) between its segments."""

    def __init__(self, *segments: str) -> None:
        self.segments = [s.encode() for s in segments]
        self.position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self.segments and self.position >= len(self.segments[0]):
            self.segments.pop(0)
            self.position = 0
            if self.segments:
                raise KeyboardInterrupt
        if not self.segments:
            return 0
        chunk = self.segments[0][self.position : self.position + len(buffer)]
        buffer[: len(chunk)] = chunk
        self.position += len(chunk)
        return len(chunk)


def _interrupted(dirs: dict[str, Path], argv: list[str], *segments: str) -> Result:
    out, err = io.StringIO(), io.StringIO()
    env = Environment(
        stdin=io.BufferedReader(_Interrupting(*segments)),
        stdout=out,
        stderr=err,
        stdin_isatty=True,
        stdout_isatty=False,
        environ={"LANG": "C.UTF-8"},
        config_dir=dirs["config"],
        data_dir=dirs["data"],
        cache_dir=dirs["cache"],
    )
    code = run(argv, env)
    assert "Traceback" not in err.getvalue()
    return Result(code, out.getvalue(), err.getvalue())


def _lines(*lines: str) -> str:
    return "".join(f"{line}\n" for line in lines)


def test_ctrl_c_after_votes_offers_to_save_what_was_done(
    dirs: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    done = _lines("2", "8 0 0", "8 0 0", "8 0 0", "8 0 0", "7 1 0", "3", "Calm.")
    partly = _lines("1", *GIFTS[:3])  # scenario 1: three of its seven questions
    result = _interrupted(dirs, ["train", *ONE, "--plain"], done + partly, _lines("2", "kept.md"))
    assert result.code == 130
    assert "The session was interrupted." in result.stdout
    assert "Save a report of the session so far?" in result.stdout
    assert "The report contains:" in result.stdout
    assert "  • 2. A sharp tone: all votes" in result.stdout
    assert "  • 1. Concert tickets: votes on 3 of 7 questions (no recommendation)" in result.stdout
    assert result.stderr == (
        "etikcheck: interrupted; the report of the session so far is in kept.md\n"
    )
    report = (tmp_path / "kept.md").read_text(encoding="utf-8")
    assert (tmp_path / "kept.md").stat().st_mode & 0o777 == 0o600
    assert "## 2. A sharp tone" in report
    assert "Calm." in report
    assert "## 1. Concert tickets" in report
    assert "| Is it ethical? | 4 | 3 | 1 |" in report
    assert "| Will it reflect well on you and on Aarhus Municipality? | 0 | 0 | 0 |" in report
    assert "Some questions have no votes yet, so there is no recommendation." in report
    marker = read_marker(report)
    assert marker is not None
    assert marker["scenarios"] == ["sharp-tone", "concert-tickets"]


def test_a_second_ctrl_c_leaves_without_saving(
    dirs: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = _interrupted(dirs, ["train", *ONE, "--plain"], _lines("1", "6 0 2"), "", "")
    assert result.code == 130
    assert "Save a report of the session so far?" in result.stdout
    assert result.stderr == "etikcheck: interrupted; nothing was saved\n"
    assert list(tmp_path.iterdir()) == []
    no = _interrupted(dirs, ["train", *ONE, "--plain"], _lines("1", "6 0 2"), _lines("1"))
    assert no.code == 130
    assert "Nothing was saved." not in no.stdout  # the message is the interruption's
    assert no.stderr == "etikcheck: interrupted; nothing was saved\n"
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_before_any_vote_asks_nothing(dirs: dict[str, Path]) -> None:
    result = _interrupted(dirs, ["train", *ONE, "--plain"], _lines("1"), _lines("1"))
    assert result.code == 130
    assert "Save" not in result.stdout
    assert result.stderr == "etikcheck: interrupted; nothing was saved\n"


def test_ctrl_c_with_output_asks_to_save_there(dirs: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "session.html"
    argv = ["train", *ONE, "--plain", "--output", str(target), "--lang", "sv"]
    argv.remove("en")
    argv.remove("--lang")
    result = _interrupted(dirs, argv, _lines("2", "8 0 0"), _lines("1"))
    assert result.code == 130
    assert "Passet avbröts." in result.stdout
    assert "Spara en rapport om det ni hann med?" in result.stdout
    assert f"Ja, i {target}" in result.stdout
    assert "  • 2. Skarp ton: röster i 1 av 5 frågor (ingen rekommendation)" in result.stdout
    assert result.stderr == (
        f"etikcheck: avbrutet; rapporten om det ni hann med sparades i {target}\n"
    )
    page = target.read_text(encoding="utf-8")
    assert '<section id="sharp-tone">' in page


@pytest.mark.parametrize(
    ("lang", "question"),
    [
        ("sv", "Spara en rapport om det ni hann med?"),
        ("da", "Vil du gemme en rapport om det, I nåede?"),
        ("en", "Save a report of the session so far?"),
    ],
)
def test_ctrl_c_asks_one_question_with_and_without_output(
    dirs: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    question: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = ["train", "--council", "aarhus", "--deck", str(DECK), "--lang", lang, "--plain"]
    asked = []
    for extra in ([], ["--output", str(tmp_path / "session.md")]):
        result = _interrupted(dirs, [*argv, *extra], _lines("2", "8 0 0"), "")
        assert result.code == 130
        asked.append([line for line in result.stdout.splitlines() if "?" in line][-1])
    assert asked == [question, question]
    assert "Save a report of the session?" not in result.stdout


# -- the chooser and the history --------------------------------------------------------------


def test_the_chooser_marks_what_the_group_has_discussed(cli: RunCli, tmp_path: Path) -> None:
    history = tmp_path / "reports"
    history.mkdir()
    pack = packs.load("aarhus")
    deck = decks.load_deck(DECK, pack)
    (history / "spring.md").write_text(
        report_marker(deck, "2026-04-20", [result_for(pack, deck.scenarios["concert-tickets"], {})])
        + "\n# report\n",
        encoding="utf-8",
    )
    stdin = _session("", "8 0 0", "8 0 0", "8 0 0", "8 0 0", "7 1 0", "3", "", "4", "1")
    result = cli(
        "train", *ONE, "--plain", "--history", str(history), stdin=stdin, stdin_isatty=True
    )
    assert result.code == 0, result.stderr
    assert "  1. Concert tickets (discussed 2026-04-20)" in result.stdout
    assert "(Enter = A sharp tone)" in result.stdout  # the default: not yet discussed
    assert "Scenario 2 of 2\nA SHARP TONE" in result.stdout
    missing = cli("train", *ONE, "--history", str(tmp_path / "none"), stdin_isatty=True)
    assert missing.code == 2
    assert "--history" in missing.stderr
    assert "no such folder" in missing.stderr


class _Checker(HTMLParser):
    VOID = frozenset({"meta", "br", "img", "hr", "input", "link", "rect"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.svgs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            assert name not in ("src", "href") or not value or value.startswith("#"), (name, value)
        if tag == "svg":
            self.svgs += 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self.svgs += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        assert self.stack, tag
        assert self.stack[-1] == tag, (self.stack[-3:], tag)
        self.stack.pop()


def test_the_html_report_is_well_formed_self_contained_with_the_counts(tmp_path: Path) -> None:
    from etikcheck.training.report import session_html

    pack = packs.load("aarhus")
    deck = decks.load_deck(DECK, pack)
    votes = {
        q: dict(zip(ANSWERS, (5, 2, 1), strict=True))
        for q in (
            "lawful",
            "values",
            "ethical",
            "reputation",
            "gifts.interest",
            "gifts.office",
            "gifts.beyond-courtesy",
        )
    }
    result = result_for(pack, deck.scenarios["concert-tickets"], votes, "<b>notes</b> [x]")
    page = session_html(pack, deck, "da", "2026-11-23", [result])
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.stack == []
    assert checker.svgs == 7
    assert not re.search(r"https?://|url\(|@import|<script|<link", page)
    assert re.findall(r'data-answer="no" data-count="(\d+)"', page) == ["2"] * 7
    assert "&lt;b&gt;notes&lt;/b&gt; [x]" in page
    assert '<html lang="da">' in page
    assert "<h2>1. Koncertbilletter</h2>" in page
    assert "Det, gruppen tager stilling til: at sige ja tak til billetterne" in page
    marker = read_marker(page)
    assert marker == {
        "schema": "etikcheck.training-report/1",
        "council": "aarhus",
        "deck": "aarhus-two",
        "date": "2026-11-23",
        "scenarios": ["concert-tickets"],
    }
    assert page.index("<!-- etikcheck-training") < page.index("<title>")


def _fills(page: str, question_text: str) -> dict[str, str]:
    """The fill of each answer's bar in the chart of one question."""
    chart = page.split(f"<p>{question_text}</p>", 1)[1].split("</svg>", 1)[0]
    return {a: f for f, a in re.findall(r'fill="(#\w+)" data-answer="(\w+)"', chart)}


def test_report_colours_follow_risk_not_the_word(tmp_path: Path) -> None:
    from etikcheck.training.report import session_html

    pack = packs.load("aarhus")
    deck = decks.load_deck(DECK, pack)
    scenario = deck.scenarios["concert-tickets"]
    risk = answer_risk(pack, scenario)
    # a topic question where yes is the risky answer: yes raises the verdict, no does not
    assert risk["gifts.interest"] == {"yes": "reconsider", "no": "proceed", "unsure": "seek_advice"}
    # an answer that raises the verdict only with another (yes to the office and beyond a
    # courtesy together mean reconsider) is coloured by what it can lead to
    assert risk["gifts.office"]["yes"] == "reconsider"
    # the four test questions: yes is safe, a no means reconsider, an unsure seek advice
    assert risk["lawful"] == {"yes": "proceed", "no": "reconsider", "unsure": "seek_advice"}
    votes = {q: {"yes": 4, "no": 3, "unsure": 1} for q in risk}
    page = session_html(pack, deck, "en", "2026-11-23", [result_for(pack, scenario, votes)])
    interest = _fills(
        page,
        "Does the giver have a matter before you, your committee or the City Council – or could "
        "they have one in the future?",
    )
    assert interest["yes"] != COLOURS["proceed"]  # the risky yes is not coloured as safe
    assert interest["no"] == COLOURS["proceed"]
    assert interest["yes"] != interest["no"]
    legal = _fills(page, "Is it legal?")
    assert legal == {
        "yes": COLOURS["proceed"],
        "no": COLOURS["reconsider"],
        "unsure": COLOURS["seek_advice"],
    }
    assert "colour follows the rules, not the answer" in page
    assert "red that it can make it “Reconsider”." in page
    assert 'data-answer="yes" data-count="4" data-risk="reconsider"' in page


@pytest.mark.parametrize("council", packs.bundled_ids())
def test_for_every_gifts_topic_a_yes_to_the_interest_is_never_coloured_safe(council: str) -> None:
    pack = packs.load(council)
    deck = decks.load_deck(decks.bundled_deck(council), pack)
    gifts = next(s for s in deck.scenarios.values() if s.topic == "gifts")
    risk = answer_risk(pack, gifts)
    assert risk["gifts.interest"]["yes"] != "proceed"
    assert risk["gifts.interest"]["no"] == "proceed"


def _vote_file(folder: Path, n: int, answers: dict[str, str]) -> Path:
    pack = packs.load("aarhus")
    deck = decks.load_deck(DECK, pack)
    path = folder / f"vote-{n:03}.json"
    path.write_text(
        json.dumps(vote_document(deck, deck.scenarios["sharp-tone"], answers)), encoding="utf-8"
    )
    return path


def test_tally_of_200_answer_files_counts_exactly(cli: RunCli, tmp_path: Path) -> None:
    questions = ("lawful", "values", "ethical", "reputation", "meetings.line-crossed")
    expected = {q: dict.fromkeys(ANSWERS, 0) for q in questions}
    files = []
    for n in range(200):
        answers = {q: ANSWERS[(n * (i + 1)) % 3] for i, q in enumerate(questions)}
        for q, a in answers.items():
            expected[q][a] += 1
        files.append(_vote_file(tmp_path, n, answers))
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_text(
        json.dumps(
            {
                "schema": "etikcheck.vote/1",
                "council": "aarhus",
                "deck": "aarhus-two",
                "scenario": "sharp-tone",
                "answers": {"lawful": "maybe"},
            }
        ),
        encoding="utf-8",
    )
    pack = packs.load("aarhus")
    counted = tally([*files, broken, other], pack, decks.load_deck(DECK, pack))
    assert counted.files == 200
    assert counted.votes["sharp-tone"] == expected
    assert [str(w).split(":")[0] for w in counted.warnings] == [str(broken), str(other)]
    result = cli(
        "train", "tally", *ONE, *map(str, [*files, broken]), "--output", str(tmp_path / "tally.md")
    )
    assert result.code == 0, result.stderr
    assert (
        f"etikcheck: warning: {broken}: invalid JSON at line 1, column 2: Expecting property name"
        in result.stderr
    )
    assert "Answer files counted: 200." in result.stdout
    report = (tmp_path / "tally.md").read_text(encoding="utf-8")
    row = "| Is it legal? | " + " | ".join(str(expected["lawful"][a]) for a in ANSWERS) + " |"
    assert row in report


def test_train_answer_writes_an_anonymous_file(cli: RunCli, tmp_path: Path) -> None:
    output = tmp_path / "mine.json"
    lines = "1\n1\n2\n1\n3\n"  # lawful, values, ethical, reputation, meetings.line-crossed
    result = cli(
        "train",
        "answer",
        *ONE,
        "--scenario",
        "sharp-tone",
        "--plain",
        "--output",
        str(output),
        stdin=lines.encode(),
        stdin_isatty=True,
    )
    assert result.code == 0, result.stderr
    assert "Scenario 2 of 2\nA SHARP TONE" in result.stdout
    assert "The choice the group tests: to say nothing" in result.stdout
    assert "To say nothing: is it legal?" in result.stdout  # asked about the action
    by_number = tmp_path / "by-number.json"
    again = cli(
        "train",
        "answer",
        *ONE,
        "--scenario",
        "2",
        "--plain",
        "--output",
        str(by_number),
        stdin=lines.encode(),
        stdin_isatty=True,
    )
    assert again.code == 0, again.stderr
    assert by_number.read_bytes() == output.read_bytes()  # the same file as with the id
    data = json.loads(output.read_text(encoding="utf-8"))
    assert data == {
        "schema": "etikcheck.vote/1",
        "council": "aarhus",
        "deck": "aarhus-two",
        "scenario": "sharp-tone",
        "answers": {
            "lawful": "yes",
            "values": "yes",
            "ethical": "no",
            "reputation": "yes",
            "meetings.line-crossed": "unsure",
        },
    }
    assert output.stat().st_mode & 0o777 == 0o600
    for key in ("nope", "0", "3", "-1", "٢"):
        unknown = cli("train", "answer", *ONE, "--scenario", key, stdin_isatty=True)
        assert unknown.code == 2, key
        assert (
            f"unknown scenario {key!r}; give its number or id: 1 concert-tickets, 2 sharp-tone"
            in unknown.stderr
        )


def test_training_needs_a_terminal(cli: RunCli) -> None:
    result = cli("train", *ONE)
    assert result.code == 2
    assert "training session needs a terminal" in result.stderr


def test_deck_handouts(cli: RunCli) -> None:
    md = cli("train", "deck", *ONE).stdout
    assert md.startswith("# Scenarios for discussion: Two dilemmas\n")
    assert "## 1. Concert tickets\n" in md
    assert "## 2. A sharp tone\n" in md
    assert "*The choice the group tests: to accept the tickets*" in md
    assert "For the facilitator" not in md
    html_page = cli("train", "deck", *ONE, "--format", "html", "--notes").stdout
    assert "For the facilitator" in html_page
    assert "<h2>2. A sharp tone</h2>" in html_page
    assert '<p class="action">The choice the group tests: to say nothing</p>' in html_page
    assert "http" not in html_page.replace("http-equiv", "")


@pytest.mark.parametrize("council", packs.bundled_ids())
def test_bundled_handouts_number_every_scenario(cli: RunCli, council: str) -> None:
    pack = packs.load(council)
    deck = decks.load_deck(decks.bundled_deck(council), pack)
    md = cli("train", "deck", "--council", council).stdout
    for n, scenario in enumerate(deck.scenarios.values(), 1):
        assert f"\n## {n}. {scenario.title.get(pack.lang)}\n" in md


@pytest.mark.parametrize(
    ("change", "line", "problem"),
    [
        (
            ("topic: gifts", "topic: bribes"),
            14,
            "unknown topic 'bribes' in scenario 'concert-tickets'",
        ),
        (
            ("values: [trovaerdighed]", "values: [honesty]"),
            15,
            "unknown value 'honesty' in scenario 'concert-tickets'",
        ),
        (
            ("      da: En bygherre tilbyder dig to koncertbilletter.\n", ""),
            9,
            "'situation' in scenario 'concert-tickets' has no translation for: da",
        ),
        (
            ("        section: trovaerdighed", "        section: nowhere"),
            33,
            "unknown section 'nowhere' of source 'aarhus-samarbejdskultur'",
        ),
        (
            (
                "    action: {sv: att inte säga något, da: ikke at sige noget, en: to say nothing}"
                "\n",
                "",
            ),
            38,
            "scenario 'sharp-tone' needs 'action'",
        ),
        (
            ("da: at sige ja tak til billetterne, ", ""),
            13,
            "'action' in scenario 'concert-tickets' has no translation for: da",
        ),
    ],
)
def test_broken_decks_exit_3_with_file_and_line(
    cli: RunCli, tmp_path: Path, change: tuple[str, str], line: int, problem: str
) -> None:
    broken = tmp_path / "deck.yaml"
    text = DECK.read_text(encoding="utf-8")
    assert change[0] in text
    broken.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    result = cli("train", "deck", "--council", "aarhus", "--deck", str(broken))
    assert result.code == 3
    assert result.stderr.startswith(f"etikcheck: {broken}:{line}: ")
    assert problem in result.stderr


@pytest.mark.parametrize("council", packs.bundled_ids())
def test_bundled_decks_load_with_at_least_8_scenarios(council: str) -> None:
    pack = packs.load(council)
    deck = decks.load_deck(decks.bundled_deck(council), pack)
    assert len(deck.scenarios) >= 8
    topics = {s.topic for s in deck.scenarios.values()}
    assert len(topics - {None}) >= 7
    for scenario in deck.scenarios.values():
        assert 2 <= len(scenario.variations) <= 4
        assert scenario.cites
    assert deck.follow_up, "the deck quotes the rhythm train plan follows"


def test_a_missing_deck_file_is_named(cli: RunCli, tmp_path: Path) -> None:
    result = cli("train", "deck", "--council", "aarhus", "--deck", str(tmp_path / "none.yaml"))
    assert result.code == 2
    assert result.stderr == f"etikcheck: --deck {tmp_path / 'none.yaml'}: filen findes ikke\n"


# -- a pack's own test question -----------------------------------------------------------------

OWN_QUESTION = """questions:
  - id: extra
    text:
      sv: Har du frågat sekreteraren?
      da: Har du spurgt sekretæren?
      en: Have you asked the clerk?
"""
OWN_DECK = """format: 1
id: own
council: minimal
title: {sv: Egna, da: Egne, en: Our own}
scenarios:
  - id: the-gift
    title: {sv: Gåvan, da: Gaven, en: The gift}
    situation:
      {sv: Någon ger dig en gåva., da: Nogen giver dig en gave., en: Someone gives you a gift.}
    action: {sv: att ta emot gåvan, da: at tage imod gaven, en: to take the gift}
    variations:
      - {sv: Tänk om den är dyr?, da: Hvad nu hvis den er dyr?, en: What if it is expensive?}
      - {sv: Tänk om den är billig?, da: Hvad nu hvis den er billig?, en: What if it is cheap?}
    discussion:
      - {sv: Vad säger koden?, da: Hvad siger kodekset?, en: What does the code say?}
    note: {sv: Koden bryr sig., da: Kodekset drager omsorg., en: The code cares.}
    cites:
      - {source: test-code, section: one}
"""


def _own_pack(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "own-pack"
    folder.mkdir()
    text = (FIXTURES / "packs" / "minimal" / "pack.yaml").read_text(encoding="utf-8")
    (folder / "pack.yaml").write_text(text.replace("values:\n", OWN_QUESTION + "values:\n", 1))
    deck = tmp_path / "own.yaml"
    deck.write_text(OWN_DECK, encoding="utf-8")
    return folder, deck


def test_a_packs_own_question_is_asked_answered_and_tallied(cli: RunCli, tmp_path: Path) -> None:
    folder, deck = _own_pack(tmp_path)
    own = ["--rules", str(folder), "--deck", str(deck), "--lang", "en", "--plain"]
    answer = tmp_path / "answer.json"
    lines = "1\n1\n1\n1\n2\n"  # lawful, values, ethical, reputation: yes; extra: no
    result = cli(
        "train",
        "answer",
        *own,
        "--scenario",
        "1",
        "--output",
        str(answer),
        stdin=lines.encode(),
        stdin_isatty=True,
    )
    assert result.code == 0, result.stderr
    assert "Have you asked the clerk?" in result.stdout
    data = json.loads(answer.read_text(encoding="utf-8"))
    assert data["answers"] == {
        "lawful": "yes",
        "values": "yes",
        "ethical": "yes",
        "reputation": "yes",
        "extra": "no",
    }
    tallied = cli("train", "tally", *own[:-1], str(answer))
    assert tallied.code == 0, tallied.stderr
    assert "missing answers" not in tallied.stderr
    assert "Have you asked the clerk? (1 in all)" in tallied.stdout
    assert "Recommendation for the majority's answers: Reconsider (reconsider)" in tallied.stdout
    assert "Answer files counted: 1." in tallied.stdout
    session = cli(
        "train",
        *own,
        stdin=_session("1", "3 0 0", "3 0 0", "3 0 0", "3 0 0", "0 3 0", "3", "", "3", "1"),
        stdin_isatty=True,
    )
    assert session.code == 0, session.stderr
    assert "5/5. Have you asked the clerk? Votes (yes no unsure):" in session.stdout
    assert "Recommendation for the majority's answers: Reconsider (reconsider)" in session.stdout


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", "Att tacka ja till inbjudan: är det lagligt?"),
        ("da", "At sige ja tak til invitationen: Er det lovligt?"),  # a capital after the colon
        ("en", "To accept the invitation: is it legal?"),
    ],
)
def test_the_question_after_the_action_follows_the_languages_colon_rule(
    lang: str, expected: str
) -> None:
    from etikcheck.training.report import after_colon, asked_text

    pack = packs.load("aalborg")
    deck = decks.load_deck(decks.bundled_deck("aalborg"), pack)
    scenario = deck.scenarios["tickets-from-a-developer"]
    assert asked_text(pack, scenario, "lawful", lang) == expected
    assert after_colon("EU-rätten: gäller den?", lang) == "EU-rätten: gäller den?"  # an acronym


def test_the_danish_session_asks_with_a_capital_after_the_colon(
    cli: RunCli, tmp_path: Path
) -> None:
    lines = "1\n"  # the first question answered; the end of input then interrupts
    result = cli(
        "train", "answer", "--council", "aalborg", "--lang", "da", "--plain", "--scenario", "1",
        "--output", str(tmp_path / "vote.json"), stdin=lines.encode(), stdin_isatty=True,
    )  # fmt: skip
    assert "At sige ja tak til invitationen: Er det lovligt?" in result.stdout
