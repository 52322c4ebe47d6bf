"""``train plan``: the group's year as an iCalendar file or a Markdown list, the scenarios
proposed from the reports already held (``--history``), and its usage errors."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from etikcheck.packs import registry as packs
from etikcheck.training import decks
from etikcheck.training.plan import History, make_plan, propose, read_history
from etikcheck.training.report import report_marker, session_html, session_markdown
from etikcheck.training.votes import result_for
from tests.conftest import RunCli


def _events(path: Path) -> list[dict[str, object]]:
    calendar = Calendar.from_ical(path.read_bytes())
    return [
        {
            "start": event.get("dtstart").dt,
            "end": event.get("dtend").dt,
            "summary": str(event.get("summary")),
            "language": event.get("summary").params.get("LANGUAGE"),
            "description": str(event.get("description")),
            "uid": str(event.get("uid")),
        }
        for event in calendar.walk("VEVENT")
    ]


def _report(folder: Path, name: str, council: str, day: str, ids: list[str], html: bool) -> None:
    pack = packs.load(council)
    deck = decks.load_deck(decks.bundled_deck(council), pack)
    results = [result_for(pack, deck.scenarios[sid], {}) for sid in ids]
    render = session_html if html else session_markdown
    (folder / name).write_text(render(pack, deck, "en", day, results), encoding="utf-8")


def test_the_vasteras_plan_is_an_icalendar_file_of_the_years_sessions(
    cli: RunCli, tmp_path: Path
) -> None:
    target = tmp_path / "plan.ics"
    result = cli(
        "train", "plan", "--council", "vasteras", "--from", "2027-01-15", "-o", str(target)
    )
    assert result.code == 0, result.stderr
    assert result.stdout == f"Planerade pass: 2. Planen sparades i {target}.\n"
    assert target.stat().st_mode & 0o777 == 0o600
    raw = target.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"VERSION:2.0\r\n" in raw
    events = _events(target)
    first_year = [e for e in events if e["start"] < date(2028, 1, 15)]  # type: ignore[operator]
    assert len(first_year) >= 2
    assert [e["start"] for e in events] == [date(2027, 1, 15), date(2027, 7, 16)]
    assert all(e["end"] == e["start"] + timedelta(days=1) for e in events)  # type: ignore[operator]
    assert [e["summary"] for e in events] == [
        "Gruppens uppföljning: övningspass 1 av 2",
        "Gruppens uppföljning: övningspass 2 av 2",
    ]
    assert {e["language"] for e in events} == {"sv"}
    assert len({e["uid"] for e in events}) == 2
    deck = decks.load_deck(decks.bundled_deck("vasteras"), packs.load("vasteras"))
    titles = [f"{n}. {s.title.sv}" for n, s in enumerate(deck.scenarios.values(), 1)]
    first, second = (str(e["description"]) for e in events)
    assert first.startswith("Föreslagna scenarier ur Övningsdilemman för förtroendevalda")
    for line in titles[:3]:
        assert f"  {line}" in first
    for line in titles[3:6]:
        assert f"  {line}" in second
    for description in (first, second):
        assert "Starta passet med: etikcheck train --council vasteras --lang sv" in description
        assert "Pass under året: 2 (med 26 veckors mellanrum)." in description
        assert (
            "Rytmen är den som anges i vår egen kod, ”Bemötandekod för förtroendevalda i Västerås "
            "stad”:" in description
        )
        assert "”Det är viktigt att ständigt föra en levande dialog" in description
        assert "Uppföljning omkring 2 gånger per år är ett viktigt inslag" in description
        assert "”Att leva värdegrunden och bemötandekoden”" in description


def test_other_councils_get_the_rhythm_as_the_vasteras_codes_good_practice(
    cli: RunCli, tmp_path: Path
) -> None:
    target = tmp_path / "aarhus.ics"
    result = cli("train", "plan", "--council", "aarhus", "--from", "2027-02-01", "-o", str(target))
    assert result.code == 0, result.stderr
    events = _events(target)
    assert [e["summary"] for e in events] == [
        "Gruppens opfølgning: træningsmøde 1 af 2",
        "Gruppens opfølgning: træningsmøde 2 af 2",
    ]
    description = str(events[0]["description"])
    assert (
        "Rytmen er den, der står i »Bemötandekod för förtroendevalda i Västerås stad« (Västerås "
        "stads adfærdskodeks for folkevalgte) for Västerås' egne folkevalgte; »adfærdskodekset« "
        "i citaterne er altså Västerås stads. Det er ikke en regel i jeres kommune, men "
        "etikcheck foreslår rytmen til grupperne i alle kommuner:" in description
    )
    assert "(oversat fra svensk)" in description  # the quote is marked as a translation
    assert "Originalen: ”Det är viktigt att ständigt föra en levande dialog" in description
    english = cli(
        "train", "plan", "--council", "aalborg", "--lang", "en", "--from", "2027-02-01",
        "--format", "md",
    )  # fmt: skip
    assert english.code == 0, english.stderr
    assert "It is not a rule of your council; etikcheck suggests this rhythm" in english.stdout
    assert "Follow-up about twice a year is an important part of this" in english.stdout
    assert (
        "> — City of Västerås: Bemötandekod för förtroendevalda i Västerås stad" in english.stdout
    )


def test_the_markdown_plan_is_the_same_plan_as_a_list(cli: RunCli, tmp_path: Path) -> None:
    args = ["train", "plan", "--council", "aalborg", "--lang", "en", "--from", "2027-03-01"]
    md = cli(*args, "--format", "md", "--per-year", "3")
    assert md.code == 0, md.stderr
    text = md.stdout
    assert text.startswith("# Follow-up plan: ")
    assert "- **2027-03-01**: Group follow-up: training session 1 of 3" in text
    assert "- **2027-06-28**: Group follow-up: training session 2 of 3" in text  # 17 weeks on
    assert "- **2027-10-25**: Group follow-up: training session 3 of 3" in text
    assert "  - 1. Tickets from a developer" in text
    assert "  - 9. Credit for another party's idea" in text
    assert "Sessions over the year: 3 (every 17 weeks)." in text
    ics = tmp_path / "same.ics"
    assert cli(*args, "--per-year", "3", "-o", str(ics)).code == 0
    assert [e["start"].isoformat() for e in _events(ics)] == [  # type: ignore[attr-defined]
        "2027-03-01",
        "2027-06-28",
        "2027-10-25",
    ]
    by_suffix = tmp_path / "plan.md"
    assert cli(*args, "-o", str(by_suffix)).code == 0
    assert by_suffix.read_text(encoding="utf-8").startswith("# Follow-up plan: ")


def test_with_history_the_plan_proposes_what_the_group_has_not_discussed(
    cli: RunCli, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    done = [
        "concert-tickets-from-a-developer",
        "neighbours-building-permit",
        "sexist-joke-at-lunch",
    ]
    _report(folder, "spring.html", "vasteras", "2026-03-10", done[:2], html=True)
    _report(folder, "autumn.md", "vasteras", "2026-09-22", done[2:], html=False)
    _report(folder, "aarhus.md", "aarhus", "2026-09-22", ["whose-idea-was-it"], html=False)
    (folder / "notes.md").write_text("# our own notes, no marker\n", encoding="utf-8")
    target = tmp_path / "plan.ics"
    result = cli(
        "train", "plan", "--council", "vasteras", "--from", "2027-01-15",
        "--history", str(folder), "-o", str(target),
    )  # fmt: skip
    assert result.code == 0, result.stderr
    pack = packs.load("vasteras")
    deck = decks.load_deck(decks.bundled_deck("vasteras"), pack)
    proposed = []
    for event in _events(target):
        lines = str(event["description"]).split("\n")
        proposed += [line.strip() for line in lines if line.startswith("  ")]
    titles = {f"{deck.number(sid)}. {deck.scenarios[sid].title.sv}" for sid in done}
    assert len(proposed) == 6
    assert not titles & set(proposed)
    assert proposed[0] == f"3. {deck.scenarios['sharp-words-in-committee'].title.sv}"
    assert "Lästa rapporter: 2; scenarier som redan har diskuterats: 3 av 11." in cli(
        "train", "plan", "--council", "vasteras", "--from", "2027-01-15",
        "--history", str(folder), "--format", "md",
    ).stdout  # fmt: skip
    history = read_history(folder, deck)
    assert history.discussed == {
        "concert-tickets-from-a-developer": "2026-03-10",
        "neighbours-building-permit": "2026-03-10",
        "sexist-joke-at-lunch": "2026-09-22",
    }
    assert history.reports == 2


def test_once_every_scenario_is_discussed_the_oldest_come_first() -> None:
    pack = packs.load("aarhus")
    deck = decks.load_deck(decks.bundled_deck("aarhus"), pack)
    ids = list(deck.scenarios)
    discussed = {sid: f"2026-0{1 + n % 9}-01" for n, sid in enumerate(ids)}
    chosen = propose(deck, discussed, 4, 3)
    assert chosen[0] == (ids[0], ids[9], ids[1])  # January (two of them), then February
    flat = [sid for session in chosen for sid in session]
    assert len(set(flat[:10])) == 10  # no scenario twice before every one has come once
    assert all(len(set(session)) == len(session) for session in chosen)
    small = make_plan(pack, deck, "da", date(2027, 1, 4), 12, None, 10, History())
    assert [p.day for p in small.sessions][:2] == [date(2027, 1, 4), date(2027, 2, 1)]
    assert all(len(p.scenarios) == 10 for p in small.sessions)


def test_the_session_report_names_scenarios_by_id_never_by_name(tmp_path: Path) -> None:
    pack = packs.load("aalborg")
    deck = decks.load_deck(decks.bundled_deck("aalborg"), pack)
    scenario = deck.scenarios["sexist-joke-at-dinner"]
    marker = report_marker(deck, "2026-12-01", [result_for(pack, scenario, {}, "Anna said")])
    assert marker == (
        '<!-- etikcheck-training {"schema": "etikcheck.training-report/1", "council": "aalborg", '
        '"deck": "aalborg", "date": "2026-12-01", "scenarios": ["sexist-joke-at-dinner"]} -->'
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "train plan: missing --from DATE"),
        (["--from", "2027-13-01"], "--from: there is no such date as '2027-13-01'"),
        (["--from", "2027-02-30"], "--from: there is no such date as '2027-02-30'"),
        (["--from", "15.01.2027"], "--from: '15.01.2027' is not a date; write it as YYYY-MM-DD"),
        (["--from", "20270115"], "--from: '20270115' is not a date; write it as YYYY-MM-DD"),
        (["--from", "２０２７-01-15"], "is not a date; write it as YYYY-MM-DD"),
        (["--from", "9999-12-31"], "--from: '9999-12-31' is too far ahead to plan"),
        (["--from", "2027-01-15", "--per-year", "0"], "--per-year: '0' is not a whole number"),
        (["--from", "2027-01-15", "--per-year", "13"], "from 1 to 12"),
        (["--from", "2027-01-15", "--per-year", "two"], "--per-year: 'two' is not a whole number"),
        (["--from", "2027-01-15", "--per-year", "9" * 40], "is not a whole number from 1 to 12"),
        (["--from", "2027-01-15", "--weeks", "-3"], "--weeks: '-3' is not a whole number"),
        (["--from", "2027-01-15", "--weeks", "53"], "from 1 to 52"),
        (
            ["--from", "2027-01-15", "--per-year", "3", "--weeks", "26"],
            "the last session would be 52 weeks after the first",
        ),
        (["--from", "2027-01-15", "--scenarios", "11"], "--scenarios: '11' is not a whole number"),
        (["--from", "2027-01-15", "--history", "/nonexistent"], "--history /nonexistent: no such"),
        (["--from", "2027-01-15", "--format", "pdf"], "--format: 'pdf' is not one of: ics, md"),
    ],
)
def test_bad_dates_numbers_and_folders_are_usage_errors(
    cli: RunCli, extra: list[str], message: str
) -> None:
    result = cli("train", "plan", "--council", "aarhus", "--lang", "en", *extra)
    assert result.code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_an_existing_file_is_refused_before_any_work(cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    target.write_text("mine", encoding="utf-8")
    result = cli("train", "plan", "--council", "aarhus", "--from", "2027-01-15", "-o", str(target))
    assert result.code == 2
    assert f"{target}: filen findes allerede" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine"


def test_the_plan_never_loads_on_the_check_path() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from etikcheck.cli.main import run; run(['check', '--council', 'aarhus', "
        "'-a', 'lawful=yes', '-a', 'values=yes', '-a', 'ethical=yes', '-a', 'reputation=yes', "
        "'--json']); print(sorted(m for m in sys.modules if m.startswith(('icalendar', "
        "'etikcheck.training'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().endswith("[]")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["train", "plan", "--council", "vasteras", "--from", "2027-02-30"],
            "etikcheck: --from: ”2027-02-30” är inget datum som finns i kalendern\n",
        ),
        (
            ["train", "plan", "--council", "aalborg"],
            "etikcheck: train plan: --from DATO mangler – datoen for det første træningsmøde "
            "(se: etikcheck train plan --help)\n",
        ),
        (
            ["train", "--council", "aalborg"],
            "etikcheck: træningsmødet kræver en terminal, og stdin er ikke en terminal; kør "
            "etikcheck train i en terminal (etikcheck train deck skriver scenarierne ud som "
            "uddelingsmateriale)\n",
        ),
    ],
)
def test_training_errors_speak_the_councils_language(
    cli: RunCli, argv: list[str], message: str
) -> None:
    result = cli(*argv)
    assert result.code == 2
    assert result.stderr == message


@pytest.mark.parametrize(
    ("per_year", "intro"),
    [
        ("4", "Ni har valt 4 pass om året; ”Bemötandekod för förtroendevalda"),
        ("1", "Ni har valt ett pass om året; ”Bemötandekod för förtroendevalda"),
    ],
)
def test_another_rhythm_than_the_codes_is_not_called_the_codes(
    cli: RunCli, per_year: str, intro: str
) -> None:
    result = cli(
        "train", "plan", "--council", "vasteras", "--from", "2027-01-15", "--format", "md",
        "--per-year", per_year,
    )  # fmt: skip
    assert result.code == 0, result.stderr
    assert intro in result.stdout
    assert "talar om uppföljning omkring 2 gånger per år:" in result.stdout
    assert "Rytmen är den som anges i vår egen kod" not in result.stdout


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("sv", "- Pass under året: 4 (med en veckas mellanrum)."),
        ("da", "- Træningsmøder i løbet af året: 4 (med en uges mellemrum)."),
        ("en", "- Sessions over the year: 4 (every week)."),
    ],
)
def test_a_weekly_plan_says_every_week(cli: RunCli, lang: str, line: str) -> None:
    result = cli(
        "train", "plan", "--council", "aarhus", "--from", "2027-01-15", "--format", "md",
        "--per-year", "4", "--weeks", "1", "--lang", lang,
    )  # fmt: skip
    assert result.code == 0, result.stderr
    assert line in result.stdout.splitlines()


def test_a_plan_of_one_session_gives_no_interval(cli: RunCli) -> None:
    result = cli(
        "train", "plan", "--council", "vasteras", "--from", "2027-01-15", "--format", "md",
        "--per-year", "1",
    )  # fmt: skip
    assert result.code == 0, result.stderr
    assert "- Pass under året: ett." in result.stdout.splitlines()
