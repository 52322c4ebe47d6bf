"""Training: decks validated like packs, a facilitated session, answers, tally and reports."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from etikcheck.model import ANSWERS
from etikcheck.packs import registry as packs
from etikcheck.training import decks
from etikcheck.training.votes import majority, parse_counts, result_for, tally, vote_document
from tests.conftest import FIXTURES, RunCli

DECK = FIXTURES / "decks" / "aarhus-two.yaml"
ONE = ["--council", "aarhus", "--deck", str(DECK), "--lang", "en"]


def test_majority_ties_go_to_the_cautious_answer() -> None:
    assert majority({"yes": 3, "no": 3, "unsure": 1}) == "no"
    assert majority({"yes": 3, "no": 1, "unsure": 3}) == "unsure"
    assert majority({"yes": 4, "no": 1, "unsure": 3}) == "yes"
    assert majority({"yes": 0, "no": 0, "unsure": 0}) is None


@pytest.mark.parametrize("text", ["1 2", "a b c", "1 2 3 4", "-1 2 3", ""])
def test_vote_counts_must_be_three_whole_numbers(text: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the prompt re-asks on any ValueError
        parse_counts(text)


SESSION = (
    "\n".join(
        [
            "3",  # the first scenario: concert tickets (gifts)
            "6 0 2",
            "5 1 2",
            "4 3 1",
            "3 3 2",
            "2 5 1",
            "6 1 1",
            "1 6 1",  # lawful, values, ethical, reputation, the three gifts questions
            "They split on reputation.",
            "4",  # the second: a sharp tone (meetings)
            "8 0 0",
            "x",
            "8 0 0",
            "8 0 0",
            "8 0 0",
            "7 1 0",
            "",
            "1",  # end the session
            "3",  # save as HTML
            "{report}",
        ]
    )
    + "\n"
)


def test_a_facilitated_session_over_two_scenarios(cli: RunCli, tmp_path: Path) -> None:
    report = tmp_path / "session.html"
    stdin = SESSION.replace("{report}", str(report)).encode()
    result = cli("train", *ONE, "--plain", stdin=stdin, stdin_isatty=True)
    assert result.code == 0, result.stderr
    out = result.stdout
    assert "CONCERT TICKETS" in out
    reputation = "Will it reflect well on you and on Aarhus Municipality?"
    assert f"  {reputation} (8 in all)" in out
    assert "Recommendation for the majority's answers: Reconsider (reconsider)" in out
    assert f"  - {reputation} No → Yes: Go ahead" in out
    assert f"  - {reputation} No → Unsure: Seek advice first" in out
    assert "What if the developer has a case before your committee?" in out
    assert "For the facilitator: The code says we are open and honest." in out
    assert "Type three whole numbers, for example 7 2 3." in out  # the "x" was refused
    assert "Recommendation for the majority's answers: Seek advice first (seek_advice)" in out
    assert report.stat().st_mode & 0o777 == 0o600
    page = report.read_text(encoding="utf-8")
    assert "They split on reputation." in page
    counts = re.findall(r'data-answer="(\w+)" data-count="(\d+)"', page)
    assert counts[:3] == [("yes", "6"), ("no", "0"), ("unsure", "2")]


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
    assert [w.split(":")[0] for w in counted.warnings] == [str(broken), str(other)]
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
    unknown = cli("train", "answer", *ONE, "--scenario", "nope", stdin_isatty=True)
    assert unknown.code == 2
    assert "unknown scenario 'nope'; the deck has: concert-tickets, sharp-tone" in unknown.stderr


def test_training_needs_a_terminal(cli: RunCli) -> None:
    result = cli("train", *ONE)
    assert result.code == 2
    assert "training session needs a terminal" in result.stderr


def test_deck_handouts(cli: RunCli) -> None:
    md = cli("train", "deck", *ONE).stdout
    assert md.startswith("# Scenarios for discussion: Two dilemmas\n")
    assert "For the facilitator" not in md
    html_page = cli("train", "deck", *ONE, "--format", "html", "--notes").stdout
    assert "For the facilitator" in html_page
    assert "http" not in html_page.replace("http-equiv", "")


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
        assert scenario.action
    assert deck.follow_up, "the deck quotes the rhythm of the follow-up"


def test_a_missing_deck_file_is_named(cli: RunCli, tmp_path: Path) -> None:
    result = cli("train", "deck", "--council", "aarhus", "--deck", str(tmp_path / "none.yaml"))
    assert result.code == 2
    assert result.stderr == f"etikcheck: --deck {tmp_path / 'none.yaml'}: no such file\n"
