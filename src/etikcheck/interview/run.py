"""One interactive run of ``etikcheck``: settings, council, the interview, the result, saving.

The pieces it joins are tested on their own (interview state, prompters, renderers, journal);
this module only decides which to use for this terminal and this member.
"""

from __future__ import annotations

import os

from etikcheck import resolve
from etikcheck.errors import ExitCode, Message, UsageError
from etikcheck.frozen import Frozen
from etikcheck.i18n import locale_lang, t
from etikcheck.interview.flow import Interview
from etikcheck.interview.prompts import (
    PlainPrompter,
    Prompter,
    QuestionaryPrompter,
    choose_council,
    run_session,
)
from etikcheck.packs import registry as packs
from etikcheck.store import settings
from etikcheck.store.files import check_target

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from etikcheck.environment import Environment
    from etikcheck.model import Decision


class InterviewOptions(Frozen):
    council: str | None = None
    lang: str | None = None
    plain: bool = False
    output: Path | None = None
    force: bool = False
    rules: Path | None = None


def wants_plain(plain: bool, env: Environment) -> bool:
    """--plain or TERM=dumb: linear prompts and output, no colour or cursor moves. (NO_COLOR
    means no colour and nothing more: the arrow keys stay.)"""
    return plain or env.environ.get("TERM", "") == "dumb"


def make_prompter(lang: str, plain: bool, env: Environment) -> Prompter:
    if plain:
        import io

        stdin = io.TextIOWrapper(env.stdin, encoding="utf-8", errors="replace")
        return PlainPrompter(lang, stdin, env.stdout, env.columns())
    # prompt_toolkit asks the terminal where the cursor is and, when the answer is slow,
    # prints a warning members need not see; our prompts do not need the answer
    os.environ.setdefault("PROMPT_TOOLKIT_NO_CPR", "1")
    colour = not env.environ.get("NO_COLOR")
    styled = bool(env.stdout_isatty)
    return QuestionaryPrompter(lang, env.stdout, env.columns(), styled, colour, **env.prompt_io)


def run_interview(options: InterviewOptions, env: Environment) -> int:
    """The whole guided run, from the council question to saving (if asked)."""
    if not env.stdin_isatty:
        raise UsageError(Message("msg.no_terminal"))
    if options.output is not None:
        check_target(options.output, overwrite=options.force)
    config_dir = env.config_path()
    saved = settings.load(config_dir)
    plain = wants_plain(options.plain, env)
    known_lang = options.lang or saved.lang or locale_lang(env.environ)
    prompter = make_prompter(known_lang or "en", plain, env)
    council = options.council or saved.council
    newly_saved = False
    if council is None and options.rules is None:
        bundled = {
            pid: packs.load(pid, env.cache_path(), saved.packs_dir)
            for pid in packs.known_ids(saved.packs_dir)
        }
        council = choose_council(prompter, bundled, multilingual=known_lang is None)
        saved = saved.with_value("council", council)
        settings.save(config_dir, saved)
        newly_saved = True
    pack = resolve.pack(env, council, options.rules, saved=saved)
    lang = resolve.lang(env, options.lang, pack.lang, saved=saved)
    prompter.lang = lang
    if newly_saved:
        prompter.info(t(lang, "label.saved_council", council=pack.council.get(lang)), "dim")
    prompter.info(t(lang, "app.title"), "bold")
    prompter.info(t(lang, "app.intro"), "dim")
    interview = Interview(pack, lang)
    run_session(interview, prompter)
    decision = interview.decision()
    show_result(decision, lang, interview.situation, plain, env)
    save(decision, lang, interview.situation, options, prompter, env)
    return ExitCode.OK


def show_result(
    decision: Decision, lang: str, situation: str | None, plain: bool, env: Environment
) -> None:
    from etikcheck.output.views import decision_json

    view = decision_json(decision, lang)
    if plain:
        from etikcheck.output.text import plain_decision

        env.stdout.write("\n" + plain_decision(view, situation, env.columns()))
        return
    from etikcheck.output.screen import make_console, rich_decision

    console = make_console(env.stdout, plain=False)
    console.print()
    console.print(rich_decision(view, situation))


def save(
    decision: Decision,
    lang: str,
    situation: str | None,
    options: InterviewOptions,
    prompter: Prompter,
    env: Environment,
) -> None:
    """Write a record only where the member asks: --output, or the question at the end."""
    from etikcheck.output.record import make_record, record_markdown
    from etikcheck.store import journal
    from etikcheck.store.files import write_private

    record = make_record(decision, lang, situation)
    if options.output is not None:
        write_private(options.output, record_markdown(record), overwrite=options.force)
        prompter.info(t(lang, "msg.saved_file", path=options.output))
        return
    choices = [
        (t(lang, "choice.save_none"), "none"),
        (t(lang, "choice.save_md"), "md"),
        (t(lang, "choice.save_journal"), "journal"),
        (t(lang, "choice.save_both"), "both"),
    ]
    choice = prompter.select(t(lang, "prompt.save"), choices, "none")
    if choice == "none":
        prompter.info(t(lang, "msg.not_saved"), "dim")
        return
    if choice in ("md", "both"):
        from datetime import datetime
        from pathlib import Path

        default = f"{t(lang, 'file.record')}-{datetime.now():%Y-%m-%d-%H%M}.md"
        while True:
            name = prompter.text(t(lang, "prompt.filename"), "", default) or default
            path = Path(name).expanduser()
            if path.exists():
                prompter.info(t(lang, "msg.file_exists", path=path))
                continue
            write_private(path, record_markdown(record))
            prompter.info(t(lang, "msg.saved_file", path=path))
            break
    if choice in ("journal", "both"):
        path = journal.journal_path(env.data_path())
        journal.append(path, record)
        prompter.info(t(lang, "msg.saved_journal", path=path))
