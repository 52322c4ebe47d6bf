"""Drawing the interview: the only module that imports questionary.

Two prompters share one small interface: :class:`QuestionaryPrompter` (arrow keys or the
answer's key, translated hints; never ``confirm``, which only knows y/n) and
:class:`PlainPrompter` (numbered lines read from stdin, for screen readers, ``--plain`` and
``TERM=dumb``). :func:`run_session` walks an :class:`Interview` with either of them.

An answer is always chosen, never defaulted: on a question no answer is pre-selected (a
careless Enter must not become a yes), except the member's own earlier answer when they come
back to it. Every text is wrapped at word boundaries to the terminal's width. Nothing here
imports rich: the result screen does, after the last question. Ctrl-C and end of input are not
caught here: they reach the one handler at the CLI's edge.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, TextIO

from etikcheck.i18n import t
from etikcheck.interview.flow import TOPIC, Interview, Step
from etikcheck.model import ANSWERS, LANGS, Pack
from etikcheck.output.escape import clean
from etikcheck.output.text import wrap, wrap_text
from etikcheck.output.views import question_text

BACK = "__back__"
ALL_VALUES = "__all_values__"
BY_VALUE = "__by_value__"
HELP = "__help__"
RESULT = "__result__"
NOTHING = "__nothing__"  # the pointer's place before the member has chosen
# the keys questionary gives choices, in order (questionary.prompts.common.InquirerControl)
SHORTCUT_KEYS = "1234567890abcdefghijklmnopqrstuvwxyz"

Choices = Sequence[tuple[str, str]]  # (title shown, value returned)

_SGR = {"bold": "1", "italic": "3", "dim": "2", "cyan": "36"}
_COLOURS = {"cyan"}


class Prompter(Protocol):
    lang: str
    width: int

    def info(self, text: str, style: str = "") -> None: ...

    def bullet(self, text: str, style: str = "") -> None: ...

    def select(
        self,
        message: str,
        choices: Choices,
        default: str | None = None,
        deliberate: bool = False,
    ) -> str: ...

    def text(self, message: str, hint: str, default: str = "") -> str: ...


def key_hint(lang: str, count: int) -> str:
    """The keys that choose, as questionary gives them: 1–9, then 0, then a, b, …"""
    keys = SHORTCUT_KEYS[:count]
    if count <= 9:
        shown = f"1–{keys[-1]}" if count > 1 else "1"
    elif count == 10:
        shown = "1–9, 0"
    else:
        shown = f"1–9, 0, a–{keys[-1]}" if count > 11 else "1–9, 0, a"
    return t(lang, "hint.select", keys=shown)


class QuestionaryPrompter:
    """Prompts drawn by questionary; ``io`` may hold prompt_toolkit ``input``/``output``.

    Texts between the prompts are written to ``out`` directly (wrapped, with bold or italic
    where the terminal takes them and colour unless NO_COLOR is set)."""

    def __init__(
        self, lang: str, out: TextIO, width: int, styled: bool, colour: bool, **io: Any
    ) -> None:
        self.lang = lang
        self.out = out
        self.width = width
        self.styled = styled
        self.colour = colour
        self.io = io

    def _write(self, lines: list[str], style: str) -> None:
        codes = [
            _SGR[word]
            for word in style.split()
            if word in _SGR and (self.colour or word not in _COLOURS)
        ]
        text = "\n".join(lines)
        if codes and self.styled:
            text = f"\x1b[{';'.join(codes)}m{text}\x1b[0m"
        self.out.write(text + "\n")
        self.out.flush()

    def info(self, text: str, style: str = "") -> None:
        self._write(wrap_text(clean(text), self.width), style)

    def bullet(self, text: str, style: str = "") -> None:
        self._write(wrap(clean(text), self.width, "  • ", "    "), style)

    def select(
        self,
        message: str,
        choices: Choices,
        default: str | None = None,
        deliberate: bool = False,
    ) -> str:
        import questionary

        items = [questionary.Choice(title=clean(title), value=value) for title, value in choices]
        has_default = any(v == default for _, v in choices)
        if deliberate and not has_default:
            placeholder = t(self.lang, "choice.choose")
            items.insert(0, questionary.Choice(placeholder, value=NOTHING, shortcut_key=False))
        hint = key_hint(self.lang, len(choices))
        prompt = "\n".join(wrap(clean(message), max(self.width - 2, 20)))
        while True:
            answer = str(
                questionary.select(
                    prompt,
                    choices=items,
                    default=default if has_default else None,
                    use_shortcuts=True,
                    use_jk_keys=False,
                    instruction=hint,
                    **self.io,
                ).unsafe_ask()
            )
            if answer != NOTHING:
                return answer
            self.info(t(self.lang, "hint.choose_first"), "dim")

    def text(self, message: str, hint: str, default: str = "") -> str:
        import questionary

        prompt = "\n".join(wrap(clean(message), max(self.width - 2, 20)))
        answer = questionary.text(prompt, instruction=hint, default=default, **self.io).unsafe_ask()
        return str(answer or "").strip()


class PlainPrompter:
    """Linear prompts: every choice on its own numbered line, answered by typing its number."""

    def __init__(self, lang: str, stdin: TextIO, stdout: TextIO, width: int = 80) -> None:
        self.lang = lang
        self.stdin = stdin
        self.stdout = stdout
        self.width = width

    def _readline(self, prompt: str) -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise EOFError
        return line.strip()

    def _lines(self, lines: list[str]) -> None:
        self.stdout.write("".join(line + "\n" for line in lines))

    def info(self, text: str, style: str = "") -> None:
        self._lines(wrap_text(clean(text), self.width))

    def bullet(self, text: str, style: str = "") -> None:
        self._lines(wrap(clean(text), self.width, "  • ", "    "))

    def select(
        self,
        message: str,
        choices: Choices,
        default: str | None = None,
        deliberate: bool = False,
    ) -> str:
        self._lines(["", *wrap(clean(message), self.width)])
        for number, (title, _) in enumerate(choices, 1):
            self._lines(
                wrap(clean(title), self.width, f"  {number}. ", " " * (len(str(number)) + 4))
            )
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
            self._lines(wrap(t(self.lang, "plain.invalid", n=n), self.width))

    def text(self, message: str, hint: str, default: str = "") -> str:
        self._lines(["", *wrap(clean(message), self.width), *wrap(clean(hint), self.width)])
        if default:
            self._lines(wrap(t(self.lang, "plain.default", choice=clean(default)), self.width))
        return self._readline("> ") or default


# -- the session -------------------------------------------------------------------------------


def choose_council(prompter: Prompter, packs_by_id: dict[str, Pack], multilingual: bool) -> str:
    """The first question, before a council and a language are known: asked in all three
    languages when nothing (flag, settings, locale) says which one the member reads."""
    choices = [(p.council.get(p.lang), pid) for pid, p in packs_by_id.items()]
    langs = LANGS if multilingual else (prompter.lang,)
    message = " / ".join(t(lang, "prompt.council") for lang in langs)
    return prompter.select(message, choices, deliberate=True)


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
        message = question_text(pack, question.id, lang)
        help_text = pack.questions["values"].help
    choices = _answer_choices(lang)
    if help_text is not None:
        choices.append((t(lang, "choice.help"), HELP))
    if back:
        choices.append((t(lang, "choice.back"), BACK))
    # the switch comes last so that Help and Back keep their numbers on every question
    items = pack.value_questions()
    if question.kind == "value" and question.id == items[0].id:
        choices.append((t(lang, "choice.all_values", n=len(items)), ALL_VALUES))
    elif question.id == "values" and items:
        choices.append((t(lang, "choice.by_value"), BY_VALUE))
    while True:
        choice = prompter.select(message, choices, interview.value_of(step), deliberate=True)
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
    # "none of these" is pre-selected only when the member chose it before, as any answer
    earlier = (interview.topic or "") if interview.answered(TOPIC) else None
    return prompter.select(t(lang, "prompt.topic"), choices, earlier, deliberate=True)


def ask_step(interview: Interview, step: Step, prompter: Prompter, back: bool) -> str | None:
    """Ask one step; returns the answer (None: skipped) or BACK."""
    if step.kind == "situation":
        lang = interview.lang
        hint = t(lang, "hint.situation")
        return prompter.text(t(lang, "prompt.situation"), hint, interview.situation or "") or None
    if step.kind == "topic":
        return _ask_topic(interview, prompter, back)
    return _ask_question(interview, step, prompter, back)


REVIEW_MARGIN = 8  # questionary's pointer and the choice's key: "» 12) "


def shorten(text: str, room: int) -> str:
    """``text`` cut at a word boundary to fit ``room`` characters, with "…" when cut."""
    if len(text) <= room:
        return text
    words, shown = text.split(), ""
    for word in words:
        if len(shown) + len(word) + (1 if shown else 0) + 1 > room:
            break
        shown = f"{shown} {word}" if shown else word
    return (shown or text[: max(room - 1, 1)]).rstrip(",;:") + "…"


def review_line(interview: Interview, step: Step, width: int) -> str:
    """One row of the review screen: enough of the question to tell the rows apart (a value's
    name, a question's text, cut at a word), and the answer always whole."""
    lang, pack = interview.lang, interview.pack
    value = interview.value_of(step)
    if step.kind == "situation":
        label, shown = t(lang, "label.situation"), value or t(lang, "label.no_situation")
    elif step.kind == "topic":
        label = t(lang, "label.topic")
        shown = pack.topics[value].title.get(lang) if value else t(lang, "choice.no_topic")
    else:
        question = pack.questions[step.id]
        label = question.text.get(lang)  # a value item's text is the value's name
        shown = t(lang, f"answer.{value}") if value else t(lang, "label.not_answered")
        if question.kind == "value":
            named = t(lang, "label.value_row", value=label)  # "the value …", where it fits
            label = named if len(named) <= width - REVIEW_MARGIN - len(shown) - 3 else label
    room = width - REVIEW_MARGIN
    if step.kind in ("situation", "topic"):  # a free text or a title: both may be cut
        return shorten(f"{label}: {shown}", room)
    return f"{shorten(label, room - len(shown) - 3)} — {shown}"


def review(interview: Interview, prompter: Prompter) -> None:
    """The review screen: every answer listed; any one can be changed, the rest are kept."""
    lang = interview.lang
    while True:
        steps = interview.steps()
        choices = [(t(lang, "choice.show_result"), RESULT)]
        choices += [
            (review_line(interview, step, prompter.width), str(i)) for i, step in enumerate(steps)
        ]
        choice = prompter.select(t(lang, "heading.review"), choices, RESULT)
        if choice == RESULT:
            return
        step = steps[int(choice)]
        answer = ask_step(interview, step, prompter, back=True)
        if answer in (ALL_VALUES, BY_VALUE):
            interview.answer_values_at_once(answer == ALL_VALUES)
            if interview.first_open() is not None:
                return  # the values' new form has open questions: ask them first
        elif answer != BACK:
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
        elif answer in (ALL_VALUES, BY_VALUE):
            interview.answer_values_at_once(answer == ALL_VALUES)
        else:
            interview.answer(step, answer)
