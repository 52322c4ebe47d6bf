"""Drawing the interview: the only module that imports questionary.

Two prompters share one small interface: :class:`QuestionaryPrompter` (arrow keys or number
shortcuts, translated hints; never ``confirm``, which only knows y/n) and :class:`PlainPrompter`
(numbered lines read from stdin, for screen readers, ``--plain``, ``NO_COLOR`` and
``TERM=dumb``). :func:`run_session` walks an :class:`Interview` with either of them.
Ctrl-C and end of input are not caught here: they reach the one handler in ``entry.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, TextIO

from .i18n import t
from .interview import Interview, Step
from .model import ANSWERS, Pack
from .render import clean

BACK = "__back__"
HELP = "__help__"
RESULT = "__result__"

Choices = Sequence[tuple[str, str]]  # (title shown, value returned)


class Prompter(Protocol):
    lang: str

    def info(self, text: str, style: str = "") -> None: ...

    def bullet(self, text: str, style: str = "") -> None: ...

    def select(self, message: str, choices: Choices, default: str | None = None) -> str: ...

    def text(self, message: str, hint: str, default: str = "") -> str: ...


class QuestionaryPrompter:
    """Prompts drawn by questionary; ``io`` may hold prompt_toolkit ``input``/``output``."""

    def __init__(self, lang: str, console: Any, **io: Any) -> None:
        self.lang = lang
        self.console = console
        self.io = io

    def info(self, text: str, style: str = "") -> None:
        from rich.text import Text

        self.console.print(Text(clean(text), style=style))

    def bullet(self, text: str, style: str = "") -> None:
        from rich.text import Text

        from .render import list_item

        self.console.print(list_item("•", Text(clean(text), style=style)))

    def select(self, message: str, choices: Choices, default: str | None = None) -> str:
        import questionary

        items = [questionary.Choice(title=clean(title), value=value) for title, value in choices]
        return str(
            questionary.select(
                clean(message),
                choices=items,
                default=default if any(v == default for _, v in choices) else None,
                use_shortcuts=True,
                use_jk_keys=False,
                instruction=t(self.lang, "hint.select", n=len(items)),
                **self.io,
            ).unsafe_ask()
        )

    def text(self, message: str, hint: str, default: str = "") -> str:
        import questionary

        answer = questionary.text(
            clean(message), instruction=hint, default=default, **self.io
        ).unsafe_ask()
        return str(answer or "").strip()


class PlainPrompter:
    """Linear prompts: every choice on its own numbered line, answered by typing its number."""

    def __init__(self, lang: str, stdin: TextIO, stdout: TextIO) -> None:
        self.lang = lang
        self.stdin = stdin
        self.stdout = stdout

    def _readline(self, prompt: str) -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise EOFError
        return line.strip()

    def info(self, text: str, style: str = "") -> None:
        self.stdout.write(clean(text) + "\n")

    def bullet(self, text: str, style: str = "") -> None:
        self.stdout.write(f"  • {clean(text)}\n")

    def select(self, message: str, choices: Choices, default: str | None = None) -> str:
        self.stdout.write("\n" + clean(message) + "\n")
        for number, (title, _) in enumerate(choices, 1):
            self.stdout.write(f"  {number}. {clean(title)}\n")
        n = len(choices)
        default_title = next((title for title, value in choices if value == default), None)
        hint = t(self.lang, "plain.choose", n=n)
        if default_title is not None:
            hint += f" ({t(self.lang, 'plain.default', choice=clean(default_title))})"
        while True:
            line = self._readline(f"{hint}: ")
            if not line and default is not None and default_title is not None:
                return default
            if line.isdigit() and 1 <= int(line) <= n:
                return choices[int(line) - 1][1]
            self.stdout.write(t(self.lang, "plain.invalid", n=n) + "\n")

    def text(self, message: str, hint: str, default: str = "") -> str:
        self.stdout.write("\n" + clean(message) + "\n" + clean(hint) + "\n")
        if default:
            self.stdout.write(t(self.lang, "plain.default", choice=clean(default)) + "\n")
        return self._readline("> ") or default


# -- the session -------------------------------------------------------------------------------


def choose_council(prompter: Prompter, packs_by_id: dict[str, Pack]) -> str:
    choices = [(p.council.get(p.lang), pid) for pid, p in packs_by_id.items()]
    return prompter.select(t(prompter.lang, "prompt.council"), choices)


def _answer_choices(lang: str) -> list[tuple[str, str]]:
    return [(t(lang, f"answer.{answer}"), answer) for answer in ANSWERS]


def _ask_question(interview: Interview, step: Step, prompter: Prompter, back: bool) -> str:
    pack, lang = interview.pack, interview.lang
    question = pack.questions[step.id]
    n, total = interview.position(step)
    prompter.info("")
    if question.kind == "topic":
        topic = pack.topics[interview.topic or ""]
        prompter.info(t(lang, "label.topic_question", topic=topic.title.get(lang)), "bold")
        if n == 1:  # the code's own words on the topic, once, before its first question
            if topic.guidance is not None:
                prompter.info(topic.guidance.get(lang), "italic")
            for cite in topic.quotes:
                if cite.quote is not None:
                    prompter.bullet(cite.quote.get(lang), "italic")
    else:
        core = pack.questions["values"] if question.kind == "value" else question
        prompter.info(
            f"{t(lang, 'label.question_n', n=n, total=total)}: {core.text.get(lang)}", "bold"
        )
    message = question.text.get(lang)
    help_text = question.help
    if question.kind == "value":
        values = pack.value_questions()
        index = [q.id for q in values].index(question.id) + 1
        value = next(v for v in pack.values if v.id == question.value)
        prompter.info(
            f"{t(lang, 'label.value_n', n=index, total=len(values))}: {value.name.get(lang)}",
            "bold cyan",
        )
        for statement in value.statements:
            assert statement.quote is not None
            prompter.bullet(statement.quote.get(lang), "italic")
        message = t(lang, "prompt.value", value=value.name.get(lang))
        help_text = pack.questions["values"].help
    choices = _answer_choices(lang)
    if help_text is not None:
        choices.append((t(lang, "choice.help"), HELP))
    if back:
        choices.append((t(lang, "choice.back"), BACK))
    while True:
        choice = prompter.select(message, choices, interview.value_of(step))
        if choice != HELP:
            return choice
        assert help_text is not None
        prompter.info(help_text.get(lang), "dim")


def _ask_topic(interview: Interview, prompter: Prompter, back: bool) -> str | None:
    lang = interview.lang
    choices = [(topic.title.get(lang), tid) for tid, topic in interview.pack.topics.items()]
    choices.append((t(lang, "choice.no_topic"), ""))
    if back:
        choices.append((t(lang, "choice.back"), BACK))
    return prompter.select(t(lang, "prompt.topic"), choices, interview.topic or "")


def ask_step(interview: Interview, step: Step, prompter: Prompter, back: bool) -> str | None:
    """Ask one step; returns the answer (None: skipped) or BACK."""
    if step.kind == "situation":
        lang = interview.lang
        return prompter.text(t(lang, "prompt.situation"), t(lang, "hint.situation")) or None
    if step.kind == "topic":
        return _ask_topic(interview, prompter, back)
    return _ask_question(interview, step, prompter, back)


def _review_line(interview: Interview, step: Step) -> str:
    lang, pack = interview.lang, interview.pack
    value = interview.value_of(step)
    if step.kind == "situation":
        return f"{t(lang, 'label.situation')} — {value or t(lang, 'label.no_situation')}"
    if step.kind == "topic":
        shown = pack.topics[value].title.get(lang) if value else t(lang, "choice.no_topic")
        return f"{t(lang, 'label.topic')} — {shown}"
    question = pack.questions[step.id]
    text = question.text.get(lang)
    if question.kind == "value":
        text = t(lang, "prompt.value", value=question.text.get(lang))
    shown = t(lang, f"answer.{value}") if value else t(lang, "label.not_answered")
    return f"{text} — {shown}"


def review(interview: Interview, prompter: Prompter) -> None:
    """The review screen: every answer listed; any one can be changed, the rest are kept."""
    lang = interview.lang
    while True:
        steps = interview.steps()
        choices = [(t(lang, "choice.show_result"), RESULT)]
        choices += [(_review_line(interview, step), str(i)) for i, step in enumerate(steps)]
        choice = prompter.select(t(lang, "heading.review"), choices, RESULT)
        if choice == RESULT:
            return
        step = steps[int(choice)]
        answer = ask_step(interview, step, prompter, back=True)
        if answer != BACK:
            interview.set(step, answer)
        if interview.first_open() is not None:
            return  # a new topic brought new questions: ask them, then review again


def run_session(interview: Interview, prompter: Prompter) -> None:
    """Ask every step (with back), then the review; returns when the member wants the result."""
    while True:
        step = interview.current()
        if step is None:
            review(interview, prompter)
            open_step = interview.first_open()
            if open_step is None:
                return
            interview.index = open_step
            continue
        answer = ask_step(interview, step, prompter, back=interview.can_go_back())
        if answer == BACK:
            interview.back()
        else:
            interview.answer(step, answer)
