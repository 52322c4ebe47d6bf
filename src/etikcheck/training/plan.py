"""The group's year: the follow-up sessions from a date, and the scenarios proposed for each.

The rhythm is the Västerås code's: it asks that the code be discussed at some point each year
and calls a follow-up about twice a year, under the group leader, an important part of living
it (the deck's ``follow_up`` quotes those sentences). For the other councils it is proposed as
good practice, and the plan says so. The scenarios proposed are first those the group has not
yet discussed, read from the session reports in a folder (``--history``: the machine-readable
line every report starts with, see ``report.report_marker``), then those discussed longest ago;
no scenario comes twice in a plan until every one has come once.

The plan is written as an iCalendar file (RFC 5545, built with ``icalendar``, imported only
here and only when writing one) or printed as a Markdown list.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from etikcheck.errors import Message, UsageError, excerpt, os_reason
from etikcheck.i18n import plural, quoted, t
from etikcheck.model import Deck, Pack, Source
from etikcheck.output.escape import clean, inline_md
from etikcheck.output.text import quote_lines, where_text
from etikcheck.output.views import cite_json
from etikcheck.training.report import read_marker

REPORT_SUFFIXES = (".md", ".markdown", ".html", ".htm")
HEAD = 64 * 1024  # a report's marker is on its first lines
YEAR_WEEKS = 52
MAX_PER_YEAR = 12
DEFAULT_PER_YEAR = 2
DEFAULT_PER_SESSION = 3
PRODID = "-//etikcheck//training plan//EN"


# -- what the group has discussed -----------------------------------------------------------------


@dataclass(frozen=True)
class History:
    """What the reports in a folder show: scenario id -> the last date it was discussed."""

    discussed: dict[str, str] = field(default_factory=dict)
    reports: int = 0  # reports of this deck that were read
    warnings: tuple[Message, ...] = ()


def read_history(folder: Path, deck: Deck) -> History:
    """Read the session reports (.md, .html) directly in ``folder``; reports of other decks
    and files without a report's marker are passed over, unreadable ones named in a warning."""
    if not folder.is_dir():
        raise UsageError(Message("error.no_such_folder", path=f"--history {folder}"))
    discussed: dict[str, str] = {}
    reports = 0
    warnings: list[Message] = []
    try:
        paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in REPORT_SUFFIXES)
    except OSError as exc:
        where = f"--history {folder}"
        reason = os_reason(exc)
        raise UsageError(Message("error.cannot_read_folder", path=where, reason=reason)) from None
    for path in paths:
        if not path.is_file():
            continue
        try:
            with path.open("rb") as handle:
                head = handle.read(HEAD).decode("utf-8", errors="replace")
        except OSError as exc:
            reason = os_reason(exc)
            warnings.append(Message("warn.cannot_read_skipped", path=path, reason=reason))
            continue
        marker = read_marker(head)
        if marker is None or marker.get("deck") != deck.id or marker.get("council") != deck.council:
            continue
        day, ids = marker.get("date"), marker.get("scenarios")
        if not isinstance(day, str) or not _is_date(day) or not isinstance(ids, list):
            warnings.append(Message("warn.marker_damaged", path=path))
            continue
        reports += 1
        for sid in ids:
            if isinstance(sid, str) and sid in deck.scenarios:
                discussed[sid] = max(day, discussed.get(sid, day))
    return History(discussed, reports, tuple(warnings))


def _is_date(text: str) -> bool:
    try:
        parse_date(text, "date")
    except UsageError:
        return False
    return True


# -- the plan -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Planned:
    number: int
    day: date
    scenarios: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    pack: Pack
    deck: Deck
    lang: str
    start: date
    per_year: int
    weeks: int
    sessions: tuple[Planned, ...]
    history: History | None = None
    command: str = ""  # how to run a planned session


def parse_date(text: str, option: str = "--from") -> date:
    """YYYY-MM-DD, a real calendar date."""
    parts = text.split("-")
    if (
        len(parts) != 3
        or [len(p) for p in parts] != [4, 2, 2]
        or not all(p.isascii() and p.isdigit() for p in parts)
    ):
        raise UsageError(Message("error.not_a_date", option=option, value=excerpt(text)))
    try:
        day = date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise UsageError(
            Message("error.not_in_calendar", option=option, value=excerpt(text))
        ) from None
    if day.year > 9000:
        raise UsageError(Message("error.too_far_ahead", option=option, value=excerpt(text)))
    return day


def whole_number(text: str | None, option: str, low: int, high: int, default: int) -> int:
    """A whole number from the command line, within low..high."""
    if text is None:
        return default
    digits = text.lstrip("0") or "0"
    if (
        not (text.isascii() and text.isdigit())
        or len(digits) > len(str(high))  # never turn a 10**100 into an int
        or not low <= int(digits) <= high
    ):
        message = Message(
            "error.not_a_whole_number", option=option, value=excerpt(text), low=low, high=high
        )
        raise UsageError(message)
    return int(digits)


def propose(
    deck: Deck, discussed: dict[str, str], sessions: int, each: int
) -> list[tuple[str, ...]]:
    """``each`` scenarios for each of ``sessions``: not yet discussed first (in deck order),
    then those discussed longest ago; none twice until every one has come once."""
    order = list(deck.scenarios)
    fresh = [sid for sid in order if sid not in discussed]
    older = sorted(
        (sid for sid in order if sid in discussed), key=lambda s: (discussed[s], order.index(s))
    )
    queue = fresh + older
    each = min(each, len(queue))
    result, position = [], 0
    for _ in range(sessions):
        chosen: list[str] = []
        while len(chosen) < each:
            sid = queue[position % len(queue)]
            position += 1
            if sid not in chosen:
                chosen.append(sid)
        result.append(tuple(chosen))
    return result


def make_plan(
    pack: Pack,
    deck: Deck,
    lang: str,
    start: date,
    per_year: int = DEFAULT_PER_YEAR,
    weeks: int | None = None,
    each: int = DEFAULT_PER_SESSION,
    history: History | None = None,
    command: str | None = None,
) -> Plan:
    """The year's sessions: the first on ``start``, then every ``weeks`` weeks (by default the
    year divided evenly), all within 52 weeks of the first."""
    gap = weeks if weeks is not None else YEAR_WEEKS // per_year
    if (per_year - 1) * gap >= YEAR_WEEKS:
        message = Message(
            "error.year_too_long",
            per_year=per_year,
            gap=gap,
            weeks=(per_year - 1) * gap,
            year=YEAR_WEEKS,
        )
        raise UsageError(message)
    discussed = history.discussed if history is not None else {}
    chosen = propose(deck, discussed, per_year, each)
    sessions = tuple(
        Planned(n, start + timedelta(weeks=gap * (n - 1)), ids) for n, ids in enumerate(chosen, 1)
    )
    command = command or shlex.join(["etikcheck", "train", "--council", pack.id, "--lang", lang])
    return Plan(pack, deck, lang, start, per_year, gap, sessions, history, command)


# -- the plan's texts -----------------------------------------------------------------------------


def _code_name(source: Source, lang: str) -> str:
    """The code's own title in quotation marks, with its title in ``lang`` when that differs."""
    own, shown = source.title.get(source.lang), source.title.get(lang)
    return quoted(own, lang) if own == shown else f"{quoted(own, lang)} ({shown})"


def event_title(plan: Plan, planned: Planned) -> str:
    return t(plan.lang, "train.plan_event", n=planned.number, total=len(plan.sessions))


def scenario_lines(plan: Plan, planned: Planned) -> list[str]:
    """The scenarios proposed for one session, by number and title."""
    lang, deck = plan.lang, plan.deck
    discussed = plan.history.discussed if plan.history is not None else {}
    lines = []
    for sid in planned.scenarios:
        line = f"{deck.number(sid)}. {deck.scenarios[sid].title.get(lang)}"
        if sid in discussed:
            line += f" {t(lang, 'train.discussed_mark', date=discussed[sid])}"
        lines.append(clean(line))
    return lines


def rhythm_intro(plan: Plan) -> str | None:
    """Whose rhythm it is: the council's own code (Västerås), or the Västerås code's proposed
    to every group as good practice; when the group chose another number of sessions, that the
    code proposes about two a year."""
    method = plan.pack.method
    if method is None:
        return None
    code = _code_name(method, plan.lang)
    if plan.per_year != DEFAULT_PER_YEAR:
        return clean(plural(plan.lang, "train.plan_rhythm_chosen", plan.per_year, code=code))
    own = plan.pack.source.id == method.id
    key = "train.plan_rhythm_own" if own else "train.plan_rhythm_other"
    return clean(t(plan.lang, key, code=code))


def rhythm_quotes(plan: Plan) -> list[tuple[list[str], str]]:
    """The code's own words on the rhythm (the deck's ``follow_up``): each quote's lines (a
    translation marked as one, with its original) and where it stands."""
    quotes = []
    for cite in plan.deck.follow_up:
        source = cite_json(cite, plan.lang)
        assert source is not None
        quotes.append((quote_lines(source, plan.lang), where_text(source, plan.lang)))
    return quotes


def year_line(plan: Plan) -> str:
    if plan.per_year == 1:  # no interval to speak of
        return t(plan.lang, "train.plan_year_single")
    return plural(plan.lang, "train.plan_year", plan.weeks, sessions=plan.per_year)


def command_line(plan: Plan) -> str:
    return plan.command


def description(plan: Plan, planned: Planned) -> str:
    """One session's description in the calendar: its scenarios, how to run it, the rhythm."""
    lang = plan.lang
    lines = [t(lang, "train.plan_scenarios", deck=plan.deck.title.get(lang))]
    lines += [f"  {line}" for line in scenario_lines(plan, planned)]
    lines += ["", t(lang, "train.plan_run", command=command_line(plan)), year_line(plan)]
    if (intro := rhythm_intro(plan)) is not None:
        lines += ["", intro]
    for quote, where in rhythm_quotes(plan):
        lines += ["", *quote, f"— {where}"]
    return "\n".join(clean(line) for line in lines)


def history_line(plan: Plan) -> str | None:
    if plan.history is None:
        return None
    return t(
        plan.lang,
        "train.plan_history",
        reports=plan.history.reports,
        discussed=len(plan.history.discussed),
        total=len(plan.deck.scenarios),
    )


def plan_markdown(plan: Plan) -> str:
    lang, deck = plan.lang, plan.deck
    lines = [
        f"# {t(lang, 'train.plan_title')}: {inline_md(deck.title.get(lang))}",
        "",
        f"- {t(lang, 'label.council')}: {inline_md(plan.pack.council.get(lang))}",
        f"- {inline_md(year_line(plan))}",
        f"- {inline_md(t(lang, 'train.plan_run', command=command_line(plan)))}",
    ]
    if (line := history_line(plan)) is not None:
        lines.append(f"- {inline_md(line)}")
    lines.append("")
    for planned in plan.sessions:
        lines.append(f"- **{planned.day.isoformat()}**: {inline_md(event_title(plan, planned))}")
        lines += [f"  - {inline_md(line)}" for line in scenario_lines(plan, planned)]
    lines += ["", f"## {t(lang, 'train.plan_why')}", ""]
    if (intro := rhythm_intro(plan)) is not None:
        lines += [inline_md(intro), ""]
    for quote, where in rhythm_quotes(plan):
        for line in quote:
            lines += [f"> {inline_md(line)}", ">"]
        lines += [f"> — {inline_md(where)}", ""]
    return "\n".join(lines).rstrip() + "\n"


def plan_ics(plan: Plan, stamp: datetime | None = None) -> str:
    """The plan as an iCalendar file: one all-day event per session, with a title and a
    description in the plan's language, to import into any calendar and move to the meeting."""
    from icalendar import Calendar, Event

    lang = plan.lang
    stamp = stamp or datetime.now(timezone.utc)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{t(lang, 'train.plan_title')}: {plan.deck.title.get(lang)}")
    for planned in plan.sessions:
        event = Event()
        event.add(
            "uid",
            f"{plan.start.isoformat()}-{planned.number}-{plan.deck.id}-{plan.pack.id}@etikcheck",
        )
        event.add("dtstamp", stamp)
        event.add("dtstart", planned.day)
        event.add("dtend", planned.day + timedelta(days=1))
        event.add("summary", event_title(plan, planned), parameters={"LANGUAGE": lang})
        event.add("description", description(plan, planned), parameters={"LANGUAGE": lang})
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data.decode("utf-8")
