"""One interactive run of ``etikcheck``: settings, council, the interview, the result, saving.

The pieces it joins are tested on their own (interview state, prompters, renderers, journal);
this module only decides which to use for this terminal and this member.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from etikcheck import resolve
from etikcheck.environment import Environment
from etikcheck.errors import ExitCode, UsageError
from etikcheck.i18n import t
from etikcheck.interview.flow import Interview
from etikcheck.interview.prompts import (
    PlainPrompter,
    Prompter,
    QuestionaryPrompter,
    choose_council,
    run_session,
)
from etikcheck.model import Decision
from etikcheck.output.record import make_record, record_markdown
from etikcheck.output.screen import make_console, rich_decision
from etikcheck.output.text import plain_decision
from etikcheck.output.views import decision_json
from etikcheck.packs import registry as packs
from etikcheck.store import journal, settings
from etikcheck.store.files import check_target, write_private

NO_TERMINAL = (
    "the guided interview needs a terminal, and stdin is not one. Without prompts, use "
    "'etikcheck check', e.g.: etikcheck check --council aarhus -a lawful=yes -a values=yes "
    "-a ethical=yes -a reputation=yes (or pipe JSON to 'etikcheck check --json')"
)


@dataclass(frozen=True)
class InterviewOptions:
    council: str | None = None
    lang: str | None = None
    plain: bool = False
    output: Path | None = None
    force: bool = False
    rules: Path | None = None


def wants_plain(plain: bool, env: Environment) -> bool:
    """--plain, NO_COLOR or TERM=dumb: linear prompts and output, no colour or cursor moves."""
    return plain or bool(env.environ.get("NO_COLOR")) or env.environ.get("TERM", "") == "dumb"


def make_prompter(lang: str, plain: bool, env: Environment) -> Prompter:
    if plain:
        stdin = io.TextIOWrapper(env.stdin, encoding="utf-8", errors="replace")
        return PlainPrompter(lang, stdin, env.stdout)
    return QuestionaryPrompter(lang, make_console(env.stdout, plain=False), **env.prompt_io)


def run_interview(options: InterviewOptions, env: Environment) -> int:
    """The whole guided run, from the council question to saving (if asked)."""
    if not env.stdin_isatty:
        raise UsageError(NO_TERMINAL)
    if options.output is not None:
        check_target(options.output, overwrite=options.force)
    config_dir = env.config_path()
    saved = settings.load(config_dir)
    plain = wants_plain(options.plain, env)
    early_lang = resolve.ui_lang(env, options.lang)

    prompter = make_prompter(early_lang, plain, env)
    council = options.council or saved.council
    if council is None and options.rules is None:
        bundled = {
            pid: packs.load(pid, env.cache_path(), saved.packs_dir)
            for pid in packs.known_ids(saved.packs_dir)
        }
        council = choose_council(prompter, bundled)
        saved = saved.with_value("council", council)
        settings.save(config_dir, saved)
        prompter.info(t(early_lang, "label.saved_council", council=council), "dim")
    pack = resolve.pack(env, council, options.rules, saved=saved)
    lang = resolve.lang(env, options.lang, pack.lang, saved=saved)
    prompter.lang = lang
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
    view = decision_json(decision, lang)
    if plain:
        env.stdout.write("\n" + plain_decision(view, situation))
        return
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
        default = f"etikcheck-{datetime.now():%Y%m%d-%H%M}.md"
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
