"""``--help`` for every command, from the table and the help catalogs, in the member's language.

One layout for all commands: usage, what the command does, its arguments, options and
subcommands, each description wrapped at word boundaries to the terminal's width.
"""

from __future__ import annotations

import textwrap

from etikcheck.cli.table import HELP, LANG, Command, Option, subcommands
from etikcheck.errors import PackError
from etikcheck.i18n import help_text

MAX_WIDTH = 100
COLUMN = 26


def _text(lang: str, key: str) -> str:
    text = help_text(lang, key)
    if text is None:
        raise PackError(f"help text {key!r} is missing", f"translations/help/{lang}.json")
    return text


def option_help(command: Command, option: Option, lang: str) -> str:
    """The help of an option: the command's own wording if it has one, else the shared one."""
    own = help_text(lang, f"opt.{command.key}.{option.dest}")
    return own if own is not None else _text(lang, f"opt.{option.dest}")


def summary(command: Command, lang: str) -> str:
    return _text(lang, f"cmd.{command.key}").split("\n\n")[0]


def metavar(name: str, lang: str) -> str:
    """A placeholder in the member's language (FIL for FILE); English when it has no other."""
    return help_text(lang, f"metavar.{name}") or name


def usage(command: Command, lang: str) -> str:
    parts = [command.name]
    if command.options:
        parts.append(_text(lang, "word.options"))
    if any(True for _ in subcommands(command.path)):
        parts.append(_text(lang, "word.command"))
    for argument in command.arguments:
        shown = metavar(argument.metavar, lang) + ("…" if argument.many else "")
        parts.append(shown if argument.required else f"[{shown}]")
    return " ".join(parts)


def _rows(rows: list[tuple[str, str]], width: int) -> list[str]:
    lines = []
    for left, right in rows:
        body = textwrap.wrap(
            right, max(20, width - COLUMN), break_long_words=False, break_on_hyphens=False
        )
        if len(left) + 4 > COLUMN:
            lines.append(f"  {left}")
            lines += [" " * COLUMN + line for line in body]
        else:
            first, *more = body or [""]
            lines.append(f"  {left:<{COLUMN - 2}}{first}")
            lines += [" " * COLUMN + line for line in more]
    return lines


def render(command: Command, lang: str, width: int = 80) -> str:
    width = min(max(width, 40), MAX_WIDTH)
    fill = {"width": width, "break_long_words": False, "break_on_hyphens": False}
    lines = [f"{_text(lang, 'heading.usage')}: {usage(command, lang)}", ""]
    for paragraph in _text(lang, f"cmd.{command.key}").split("\n\n"):
        lines += [*textwrap.wrap(paragraph, **fill), ""]  # type: ignore[arg-type]
    if command.arguments:
        lines.append(_text(lang, "heading.arguments") + ":")
        rows = [
            (metavar(a.metavar, lang), _text(lang, f"arg.{command.key}.{a.dest}"))
            for a in command.arguments
        ]
        lines += [*_rows(rows, width), ""]
    lines.append(_text(lang, "heading.options") + ":")
    rows = []
    own_lang = any(option.dest == LANG.dest for option in command.options)
    for option in (*command.options, HELP) if own_lang else (*command.options, LANG, HELP):
        flags = ", ".join(sorted(option.flags, key=len))
        if option.metavar:
            flags += f" {metavar(option.metavar, lang)}"
        rows.append((flags, option_help(command, option, lang)))
    lines += _rows(rows, width)
    children = list(subcommands(command.path))
    if children:
        lines += ["", _text(lang, "heading.commands") + ":"]
        lines += _rows([(c.path[-1], summary(c, lang)) for c in children], width)
    more = help_text(lang, f"more.{command.key}")
    if more:
        lines.append("")
        for paragraph in more.split("\n\n"):
            lines += [*textwrap.wrap(paragraph, **fill), ""]  # type: ignore[arg-type]
    return "\n".join(lines).rstrip() + "\n"
