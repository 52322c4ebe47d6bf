"""The interactive side of training: the facilitated session and a participant's own answers.

The group leader picks scenarios (or one at random); for each, the situation is shown, the
group's votes are typed in as counts, and the tool shows the bars, the majority's
recommendation, what would flip it, the variations and the facilitator's note. Nothing is
written unless the leader saves the report at the end.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from etikcheck import resolve
from etikcheck.environment import Environment
from etikcheck.errors import ExitCode, UsageError
from etikcheck.i18n import t
from etikcheck.interview.flow import Interview, Step
from etikcheck.interview.prompts import BACK, Prompter, ask_step
from etikcheck.interview.run import NO_TERMINAL, make_prompter, wants_plain
from etikcheck.model import Deck, Pack, Scenario
from etikcheck.output.escape import json_text
from etikcheck.store.files import check_target, write_private
from etikcheck.training import decks
from etikcheck.training.report import result_text, scenario_text, session_html, session_markdown
from etikcheck.training.votes import (
    Counts,
    ScenarioResult,
    Session,
    parse_counts,
    result_for,
    vote_document,
    vote_questions,
)

FINISH = "__finish__"
RANDOM = "__random__"


@dataclass(frozen=True)
class TrainOptions:
    council: str | None = None
    deck: str | None = None
    lang: str | None = None
    plain: bool = False
    output: Path | None = None
    force: bool = False
    rules: Path | None = None


def open_deck(options: TrainOptions, env: Environment) -> tuple[Pack, Deck, str]:
    pack, lang = resolve.pack_and_lang(env, options.council, options.rules, options.lang)
    deck = decks.load_deck(decks.resolve(options.deck, pack), pack)
    return pack, deck, lang


def report_text(session: Session, path: Path) -> str:
    day = session.day.isoformat()
    if path.suffix.lower() in (".html", ".htm"):
        return session_html(session.pack, session.deck, session.lang, day, session.results)
    return session_markdown(session.pack, session.deck, session.lang, day, session.results)


def run_training(options: TrainOptions, env: Environment) -> int:
    if not env.stdin_isatty:
        raise UsageError(NO_TERMINAL.replace("guided interview", "training session"))
    if options.output is not None:
        check_target(options.output, overwrite=options.force)
    pack, deck, lang = open_deck(options, env)
    prompter = make_prompter(lang, wants_plain(options.plain, env), env)
    session = Session(pack, deck, lang)
    prompter.info(t(lang, "train.title", deck=deck.title.get(lang)), "bold")
    order = list(deck.scenarios)
    while True:
        done = {r.scenario.id for r in session.results}
        choices = [(t(lang, "train.finish"), FINISH), (t(lang, "train.random"), RANDOM)]
        choices += [
            (
                deck.scenarios[sid].title.get(lang)
                + (f" {t(lang, 'train.done_mark')}" if sid in done else ""),
                sid,
            )
            for sid in order
        ]
        remaining = [sid for sid in order if sid not in done]
        default = remaining[0] if remaining else FINISH
        choice = prompter.select(t(lang, "train.pick"), choices, default)
        if choice == FINISH:
            break
        if choice == RANDOM:
            choice = random.choice(remaining or order)
        position = order.index(choice) + 1
        session.results.append(
            run_scenario(pack, deck.scenarios[choice], prompter, position, len(order))
        )
    save_report(session, options, prompter)
    return ExitCode.OK


def run_scenario(
    pack: Pack, scenario: Scenario, prompter: Prompter, n: int, total: int
) -> ScenarioResult:
    lang = prompter.lang
    prompter.info("")
    prompter.info(scenario_text(pack, scenario, lang, n, total), "bold")
    votes: dict[str, Counts] = {}
    for question in vote_questions(pack, scenario):
        text = pack.questions[question].text.get(lang)
        while True:
            answer = prompter.text(
                t(lang, "train.votes_prompt", question=text), t(lang, "train.votes_hint")
            )
            try:
                votes[question] = parse_counts(answer)
                break
            except ValueError:
                prompter.info(t(lang, "train.votes_invalid"))
    result = result_for(pack, scenario, votes)
    prompter.info("")
    prompter.info(result_text(pack, result, lang))
    notes = prompter.text(t(lang, "train.notes_prompt"), t(lang, "train.notes_hint"))
    return result_for(pack, scenario, votes, notes)


def save_report(session: Session, options: TrainOptions, prompter: Prompter) -> None:
    lang = session.lang
    if not session.results:
        return
    if options.output is not None:
        path = options.output
    else:
        choices = [
            (t(lang, "train.save_none"), "none"),
            (t(lang, "train.save_md"), "md"),
            (t(lang, "train.save_html"), "html"),
        ]
        kind = prompter.select(t(lang, "train.save_prompt"), choices, "none")
        if kind == "none":
            prompter.info(t(lang, "msg.not_saved"))
            return
        default = f"etikcheck-training-{session.day.isoformat()}.{kind}"
        while True:
            path = Path(prompter.text(t(lang, "prompt.filename"), "", default) or default)
            if not path.exists():
                break
            prompter.info(t(lang, "msg.file_exists", path=path))
    write_private(path, report_text(session, path), overwrite=options.force)
    prompter.info(t(lang, "train.saved", path=path))


# -- a participant on their own device ----------------------------------------------------------


def run_answer(options: TrainOptions, scenario_id: str, env: Environment) -> int:
    """Ask one scenario's questions and write (or print) an anonymous answer file."""
    if not env.stdin_isatty:
        raise UsageError(NO_TERMINAL.replace("guided interview", "training answers"))
    pack, deck, lang = open_deck(options, env)
    if scenario_id not in deck.scenarios:
        known = ", ".join(deck.scenarios)
        raise UsageError(f"--scenario: unknown scenario {scenario_id!r}; the deck has: {known}")
    if options.output is not None:
        check_target(options.output, overwrite=options.force)
    scenario = deck.scenarios[scenario_id]
    prompter = make_prompter(lang, wants_plain(options.plain, env), env)
    prompter.info(scenario_text(pack, scenario, lang), "bold")
    interview = Interview(pack, lang)
    interview.topic = scenario.topic
    questions = vote_questions(pack, scenario)
    index = 0
    while index < len(questions):
        step = Step("question", questions[index])
        answer = ask_step(interview, step, prompter, back=index > 0)
        if answer == BACK:
            index -= 1
            continue
        interview.set(step, answer)
        index += 1
    document = vote_document(deck, scenario, {q: interview.answers[q] for q in questions})
    text = json_text(document) + "\n"
    if options.output is None:
        env.stdout.write(text)
    else:
        write_private(options.output, text, overwrite=options.force)
        prompter.info(t(lang, "train.answer_saved", path=options.output))
    return ExitCode.OK
