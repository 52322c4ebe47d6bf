"""The interactive side of training: the facilitated session and a participant's own answers.

The group leader picks scenarios by number (or one at random; scenarios the group has not yet
discussed come first); for each, the situation and the action the group tests are shown, the
group's votes are typed in as counts (checked, and the previous question can be typed again),
and the tool shows the bars, the majority's recommendation, what would flip it, the variations
and the discussion questions. The facilitator's note is a step of its own, shown only when the
facilitator asks for it. Nothing is written unless the leader saves the report at the end; if
the session is interrupted (Ctrl-C) after votes were entered, the leader is asked whether to
save the report of what was done (a second Ctrl-C leaves without saving).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from etikcheck import resolve
from etikcheck.environment import Environment
from etikcheck.errors import ExitCode, Interrupted, Message, UsageError, excerpt
from etikcheck.frozen import replace
from etikcheck.i18n import t
from etikcheck.interview.flow import Interview, Step
from etikcheck.interview.prompts import BACK, Prompter, ask_step
from etikcheck.interview.run import make_prompter, wants_plain
from etikcheck.model import CORE_QUESTIONS, LANGS, Deck, Pack, Scenario, Text
from etikcheck.output.escape import json_text
from etikcheck.store.files import check_target, write_private
from etikcheck.training import decks
from etikcheck.training.report import (
    asked_text,
    heading,
    note_text,
    result_text,
    scenario_text,
    session_html,
    session_markdown,
)
from etikcheck.training.votes import (
    MAX_VOTES,
    ScenarioResult,
    Session,
    VoteError,
    counts_text,
    parse_counts,
    result_for,
    vote_document,
    vote_questions,
)

FINISH = "__finish__"
RANDOM = "__random__"
NOTE = "__note__"
CORRECT = "__correct__"
GO_ON = "__go_on__"
BACK_MARK = "<"  # typed at a vote prompt: back to the previous question


@dataclass(frozen=True)
class TrainOptions:
    council: str | None = None
    deck: str | None = None
    lang: str | None = None
    plain: bool = False
    output: Path | None = None
    force: bool = False
    rules: Path | None = None
    history: Path | None = None


def open_deck(options: TrainOptions, env: Environment) -> tuple[Pack, Deck, str]:
    pack, lang = resolve.pack_and_lang(env, options.council, options.rules, options.lang)
    deck = decks.load_deck(decks.resolve(options.deck, pack), pack)
    return pack, deck, lang


def report_text(session: Session, path: Path, results: list[ScenarioResult] | None = None) -> str:
    day = session.day.isoformat()
    shown = session.results if results is None else results
    if path.suffix.lower() in (".html", ".htm"):
        return session_html(session.pack, session.deck, session.lang, day, shown)
    return session_markdown(session.pack, session.deck, session.lang, day, shown)


def run_training(options: TrainOptions, env: Environment) -> int:
    if not env.stdin_isatty:
        raise UsageError(Message("error.training_no_terminal"))
    if options.output is not None:
        check_target(options.output, overwrite=options.force)
    pack, deck, lang = open_deck(options, env)
    discussed: dict[str, str] = {}
    if options.history is not None:
        from etikcheck.training.plan import read_history

        discussed = read_history(options.history, deck).discussed
    prompter = make_prompter(lang, wants_plain(options.plain, env), env)
    session = Session(pack, deck, lang)
    prompter.info(t(lang, "train.title", deck=deck.title.get(lang)), "bold")
    try:
        choose_and_run(session, prompter, discussed)
    except KeyboardInterrupt:
        save_after_interrupt(session, options, prompter)
        raise
    save_report(session, options, prompter)
    return ExitCode.OK


def chooser(
    deck: Deck, lang: str, done: set[str], discussed: dict[str, str]
) -> list[tuple[str, str]]:
    """The scenarios by number (so the plain prompter's numbers are the deck's), each marked
    when done in this session or discussed in an earlier report, then random and finish."""
    choices = []
    for sid, scenario in deck.scenarios.items():
        title = scenario.title.get(lang)
        if sid in done:
            title += f" {t(lang, 'train.done_mark')}"
        elif sid in discussed:
            title += f" {t(lang, 'train.discussed_mark', date=discussed[sid])}"
        choices.append((title, sid))
    choices += [(t(lang, "train.random"), RANDOM), (t(lang, "train.finish"), FINISH)]
    return choices


def choose_and_run(session: Session, prompter: Prompter, discussed: dict[str, str]) -> None:
    deck, lang = session.deck, session.lang
    order = list(deck.scenarios)
    while True:
        done = {r.scenario.id for r in session.results}
        remaining = [sid for sid in order if sid not in done]
        fresh = [sid for sid in remaining if sid not in discussed]  # not discussed before either
        default = (fresh or remaining or [FINISH])[0]
        choice = prompter.select(
            t(lang, "train.pick"), chooser(deck, lang, done, discussed), default
        )
        if choice == FINISH:
            return
        if choice == RANDOM:
            choice = random.choice(fresh or remaining or order)
        session.results.append(run_scenario(session, deck.scenarios[choice], prompter))


def run_scenario(session: Session, scenario: Scenario, prompter: Prompter) -> ScenarioResult:
    pack, lang = session.pack, session.lang
    session.current, session.current_votes = scenario, {}
    prompter.info("")
    prompter.info(scenario_text(pack, session.deck, scenario, lang), "bold")
    questions = vote_questions(pack, scenario)
    index = 0
    while True:
        index = enter_votes(session, scenario, prompter, index)
        result = result_for(pack, scenario, dict(session.current_votes))
        prompter.info("")
        prompter.info(result_text(pack, result, lang))
        if next_step(scenario, prompter) == GO_ON:
            break
        index = len(questions) - 1  # correct the votes: from the last question, "<" goes back
    notes = prompter.text(t(lang, "train.notes_prompt"), t(lang, "train.notes_hint"))
    result = result_for(pack, scenario, dict(session.current_votes), notes)
    session.current, session.current_votes = None, {}
    return result


def enter_votes(session: Session, scenario: Scenario, prompter: Prompter, index: int) -> int:
    """Ask for each question's counts from ``index`` on; "<" goes back to the previous one,
    whose counts are offered again. Returns once every question has counts."""
    pack, lang, votes = session.pack, session.lang, session.current_votes
    questions = vote_questions(pack, scenario)
    while index < len(questions):
        question = questions[index]
        answer = prompter.text(
            t(
                lang,
                "train.votes_prompt",
                n=index + 1,
                total=len(questions),
                question=asked_text(pack, scenario, question, lang),
            ),
            t(lang, "train.votes_hint", back=BACK_MARK),
            counts_text(votes.get(question)),
        )
        if BACK_MARK in answer:  # also after counts offered again: "6 0 2<"
            if index == 0:
                prompter.info(t(lang, "train.votes_first"))
            index = max(0, index - 1)
            continue
        try:
            votes[question] = parse_counts(answer)
        except VoteError as error:
            prompter.info(t(lang, error.key, most=MAX_VOTES, back=BACK_MARK))
            continue
        index += 1
    return index


def next_step(scenario: Scenario, prompter: Prompter) -> str:
    """After the result and the discussion: show the facilitator's note (a step of its own),
    correct the votes, or go on. Returns CORRECT or GO_ON."""
    lang = prompter.lang
    shown = False
    while True:
        choices = [] if shown else [(t(lang, "train.show_note"), NOTE)]
        choices += [(t(lang, "train.correct_votes"), CORRECT), (t(lang, "train.go_on"), GO_ON)]
        choice = prompter.select(t(lang, "train.next"), choices, GO_ON if shown else NOTE)
        if choice != NOTE:
            return choice
        prompter.info("")
        prompter.info(note_text(scenario, lang))
        shown = True


def _report_path(
    session: Session, options: TrainOptions, prompter: Prompter, question: str
) -> Path | None:
    """Where to save the report: --output, or what the leader chooses when asked ``question``
    (None: not saved)."""
    lang = session.lang
    if options.output is not None:
        return options.output
    choices = [
        (t(lang, "train.save_none"), "none"),
        (t(lang, "train.save_md"), "md"),
        (t(lang, "train.save_html"), "html"),
    ]
    kind = prompter.select(question, choices, "none")
    if kind == "none":
        return None
    default = f"etikcheck-training-{session.day.isoformat()}.{kind}"
    while True:
        path = Path(prompter.text(t(lang, "prompt.filename"), "", default) or default)
        if not path.exists():
            return path
        prompter.info(t(lang, "msg.file_exists", path=path))


def save_report(session: Session, options: TrainOptions, prompter: Prompter) -> None:
    lang = session.lang
    if not session.results:
        return
    path = _report_path(session, options, prompter, t(lang, "train.save_prompt"))
    if path is None:
        prompter.info(t(lang, "msg.not_saved"))
        return
    write_private(path, report_text(session, path), overwrite=options.force)
    prompter.info(t(lang, "train.saved", path=path))


def save_after_interrupt(session: Session, options: TrainOptions, prompter: Prompter) -> None:
    """Ctrl-C during the session: with votes entered, offer to save the report of what was done
    and say what it keeps. Returns (the caller re-raises) when nothing was saved; raises
    Interrupted naming the file when it was. A second Ctrl-C here leaves without saving. The
    question is the same with and without --output: a report of the session so far."""
    if not session.has_votes():
        return
    lang = session.lang
    kept = session.kept()
    prompter.info("")
    prompter.info(t(lang, "train.interrupted"), "bold")
    question = t(lang, "train.save_prompt_done")
    if options.output is not None:
        choices = [
            (t(lang, "train.save_yes", path=options.output), "yes"),
            (t(lang, "train.save_none"), "none"),
        ]
        if prompter.select(question, choices, "yes") == "none":
            return
        path: Path | None = options.output
    else:
        path = _report_path(session, options, prompter, question)
    if path is None:
        return
    write_private(path, report_text(session, path, kept), overwrite=options.force)
    prompter.info(t(lang, "train.saved", path=path))
    prompter.info(t(lang, "train.kept"))
    for result in kept:
        asked = len(vote_questions(session.pack, result.scenario))
        voted = len(result.votes)
        line = heading(session.deck, result.scenario, lang) + ": "
        line += (
            t(lang, "train.kept_all")
            if voted == asked
            else t(lang, "train.kept_partly", n=voted, total=asked)
        )
        prompter.bullet(line)
    raise Interrupted(t(lang, "train.interrupted_saved", path=path))


# -- a participant on their own device ----------------------------------------------------------


def about_the_action(pack: Pack, scenario: Scenario) -> Pack:
    """The pack with the four test questions asked about the scenario's action ("To accept
    the tickets: is it legal?"), for the interview's prompts; everything else unchanged."""
    questions = dict(pack.questions)
    for qid in CORE_QUESTIONS:
        texts = {lang: asked_text(pack, scenario, qid, lang) for lang in LANGS}
        questions[qid] = replace(questions[qid], text=Text(**texts))
    return replace(pack, questions=questions)


def run_answer(options: TrainOptions, scenario_key: str, env: Environment) -> int:
    """Ask one scenario's questions and write (or print) an anonymous answer file.
    ``scenario_key`` is the scenario's number in the deck or its id."""
    if not env.stdin_isatty:
        raise UsageError(Message("error.answer_no_terminal"))
    pack, deck, lang = open_deck(options, env)
    scenario = decks.find_scenario(deck, scenario_key)
    if scenario is None:
        known = ", ".join(f"{n} {sid}" for n, sid in enumerate(deck.scenarios, 1))
        message = Message("error.unknown_scenario_key", value=excerpt(scenario_key), known=known)
        raise UsageError(message)
    if options.output is not None:
        check_target(options.output, overwrite=options.force)
    prompter = make_prompter(lang, wants_plain(options.plain, env), env)
    prompter.info(scenario_text(pack, deck, scenario, lang), "bold")
    interview = Interview(about_the_action(pack, scenario), lang)
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
