"""``etikcheck train``: a facilitated session, participants' answers, tallies, handouts and the
year's follow-up plan."""

from __future__ import annotations

from etikcheck import resolve
from etikcheck.cli.check import warn
from etikcheck.cli.parse import Metavar, Values, usage_error
from etikcheck.errors import Message
from etikcheck.i18n import t
from etikcheck.output.escape import clean

TYPE_CHECKING = False
if TYPE_CHECKING:
    from etikcheck.environment import Environment
    from etikcheck.training.run import TrainOptions


def _options(values: Values, plain: bool = False) -> TrainOptions:
    from etikcheck.training.run import TrainOptions

    return TrainOptions(
        council=values.text("council"),
        deck=values.text("deck"),
        lang=resolve.check_lang(values.text("lang")),
        plain=plain,
        output=values.path("output"),
        force=values.flag("force"),
        rules=values.path("rules"),
        history=values.path("history"),
    )


def session(values: Values, env: Environment) -> int:
    from etikcheck.training.run import run_training

    return run_training(_options(values, values.flag("plain")), env)


def answer(values: Values, env: Environment) -> int:
    from etikcheck.training.run import run_answer

    scenario = values.text("scenario")
    if scenario is None:
        raise usage_error(values.command, Message("error.missing_scenario"))
    return run_answer(_options(values, values.flag("plain")), scenario, env)


def tally(values: Values, env: Environment) -> int:
    from pathlib import Path

    from etikcheck.store.files import write_private
    from etikcheck.training.report import heading, result_text
    from etikcheck.training.run import open_deck, report_text
    from etikcheck.training.votes import Session, tally, tally_results

    options = _options(values)
    pack, deck, lang = open_deck(options, env)
    counted = tally([Path(f) for f in values.many("files")], pack, deck)
    for warning in counted.warnings:
        warn(env, lang, warning)
    session = Session(pack, deck, lang, results=tally_results(pack, deck, counted))
    for result in session.results:
        env.stdout.write(f"\n{clean(heading(deck, result.scenario, lang))}\n")
        env.stdout.write(result_text(pack, result, lang))
    env.stdout.write(f"\n{t(lang, 'train.tallied', files=counted.files)}\n")
    if options.output is not None:
        write_private(options.output, report_text(session, options.output), overwrite=options.force)
        env.stdout.write(t(lang, "train.saved", path=options.output) + "\n")
    return 0


def deck(values: Values, env: Environment) -> int:
    from etikcheck.store.files import write_private
    from etikcheck.training.report import deck_html, deck_markdown
    from etikcheck.training.run import open_deck

    options = _options(values)
    pack, loaded, lang = open_deck(options, env)
    render = deck_html if values.text("format") == "html" else deck_markdown
    text = render(pack, loaded, lang, values.flag("notes"))
    if options.output is None:
        env.stdout.write(text)
    else:
        write_private(options.output, text, overwrite=options.force)
    return 0


def plan(values: Values, env: Environment) -> int:
    """``train plan``: the year's follow-up sessions as an iCalendar file or a Markdown list."""
    import shlex

    from etikcheck.store.files import check_target, write_private
    from etikcheck.training import plan as year
    from etikcheck.training.run import open_deck

    start = values.text("start")
    if start is None:
        raise usage_error(values.command, Message("error.missing_from", metavar=Metavar("DATE")))
    day = year.parse_date(start)
    per_year = year.whole_number(
        values.text("per_year"), "--per-year", 1, year.MAX_PER_YEAR, year.DEFAULT_PER_YEAR
    )
    weeks = (
        None
        if values.text("weeks") is None
        else year.whole_number(values.text("weeks"), "--weeks", 1, year.YEAR_WEEKS, 0)
    )
    options = _options(values)
    output = options.output
    kind = values.text("format")
    if kind is None:
        kind = (
            "md" if output is not None and output.suffix.lower() in (".md", ".markdown") else "ics"
        )
    if output is not None:
        check_target(output, overwrite=options.force)
    pack, deck, lang = open_deck(options, env)
    each = year.whole_number(
        values.text("scenarios"),
        "--scenarios",
        1,
        len(deck.scenarios),
        min(year.DEFAULT_PER_SESSION, len(deck.scenarios)),
    )
    history = year.read_history(options.history, deck) if options.history is not None else None
    for warning in history.warnings if history is not None else ():
        warn(env, lang, warning)
    command = ["etikcheck", "train"]
    command += ["--rules", str(options.rules)] if options.rules else ["--council", pack.id]
    command += ["--deck", options.deck] if options.deck else []
    command += ["--lang", lang]
    command += ["--history", str(options.history)] if options.history else []
    made = year.make_plan(
        pack, deck, lang, day, per_year, weeks, each, history, shlex.join(command)
    )
    text = year.plan_ics(made) if kind == "ics" else year.plan_markdown(made)
    if output is None:
        env.stdout.write(text)
    else:
        write_private(output, text, overwrite=options.force)
        env.stdout.write(t(lang, "train.plan_saved", path=output, n=len(made.sessions)) + "\n")
    return 0
