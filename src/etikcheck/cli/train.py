"""``etikcheck train``: a facilitated session, participants' answers, tallies and handouts."""

from __future__ import annotations

from etikcheck import resolve
from etikcheck.errors import UsageError
from etikcheck.i18n import t
from etikcheck.output.escape import clean

TYPE_CHECKING = False
if TYPE_CHECKING:
    from etikcheck.cli.parse import Values
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
    )


def session(values: Values, env: Environment) -> int:
    from etikcheck.training.run import run_training

    return run_training(_options(values, values.flag("plain")), env)


def answer(values: Values, env: Environment) -> int:
    from etikcheck.training.run import run_answer

    scenario = values.text("scenario")
    if scenario is None:
        raise UsageError(
            "etikcheck train answer: missing --scenario NUMBER or ID (see: etikcheck train "
            "answer --help)"
        )
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
        env.stderr.write(f"etikcheck: warning: {clean(warning)}\n")
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
