"""Command lines to values, from the table in :mod:`etikcheck.cli.table`; standard library only.

One parser for every command, so that every command takes its options the same way
(``--council aarhus``, ``--council=aarhus``, ``-c aarhus``, ``--`` ends the options) and every
mistake gets the same kind of message, naming what the user typed and where to look::

    etikcheck topics: unknown option --councl; did you mean --council?
    (see: etikcheck topics --help)
"""

from __future__ import annotations

from etikcheck.cli.table import BY_PATH, HELP, LANG, Command, Option, subcommands
from etikcheck.errors import Message, UsageError, excerpt

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path


class Values:
    """The parsed options and arguments of one command line, with typed accessors."""

    def __init__(self, command: Command, values: dict[str, str | bool | list[str]]) -> None:
        self.command = command
        self._values = values

    def text(self, dest: str) -> str | None:
        value = self._values.get(dest)
        return value if isinstance(value, str) else None

    def flag(self, dest: str) -> bool:
        return self._values.get(dest) is True

    def many(self, dest: str) -> list[str]:
        value = self._values.get(dest)
        return list(value) if isinstance(value, list) else []

    def path(self, dest: str) -> Path | None:
        from pathlib import Path

        value = self.text(dest)
        return Path(value) if value is not None else None

    def given(self, dest: str) -> bool:
        return dest in self._values

    @property
    def wants_help(self) -> bool:
        return self.flag(HELP.dest)


class Metavar(Message):
    """A placeholder (FILE) in the message's language, as ``--help`` shows it (FIL)."""

    def render(self, lang: str) -> str:
        from etikcheck.cli.help import metavar

        return metavar(self.key, lang)


def _close(word: str, words: list[str]) -> list[str]:
    from difflib import get_close_matches  # only for a mistake: difflib costs a cold start

    return get_close_matches(word, words, n=1)


def usage_error(command: Command, problem: Message) -> UsageError:
    """A mistake on the command line, with where it was made and where to look."""
    if command.path:
        where = " ".join(command.path)
        return UsageError(
            Message("error.usage_in", where=where, problem=problem, command=command.name)
        )
    return UsageError(Message("error.usage", problem=problem, command=command.name))


def find_command(argv: list[str]) -> tuple[Command, list[str]]:
    """The command named by the leading words of ``argv``, and the rest of it.

    ``--lang`` may also come before the command (``etikcheck --lang sv check --help``): it is
    the language of everything, so it is carried over to the command."""
    path: tuple[str, ...] = ()
    rest = list(argv)
    lang: list[str] = []
    if rest[:1] in (["--lang"], ["-l"]) and len(rest) > 1:
        lang, rest = rest[:2], rest[2:]
    elif rest[:1] and rest[0].startswith("--lang="):
        lang, rest = rest[:1], rest[1:]
    while rest and (*path, rest[0]) in BY_PATH:
        path = (*path, rest.pop(0))
    command = BY_PATH[path]
    if rest and not rest[0].startswith("-") and not command.arguments:
        words = [c.path[-1] for c in subcommands(path)]
        if words:
            hint = _close(rest[0], words)
            word = excerpt(rest[0])
            if hint:
                raise usage_error(
                    command, Message("error.unknown_command_hint", word=word, hint=hint[0])
                )
            known = ", ".join(words)
            raise usage_error(command, Message("error.unknown_command", word=word, words=known))
    return command, [*lang, *rest]


def _option(command: Command, token: str) -> Option:
    # --lang is the language of everything, so every command takes it (as every takes --help)
    own_lang = any(option.dest == LANG.dest for option in command.options)
    options = (*command.options, HELP) if own_lang else (*command.options, HELP, LANG)
    for option in options:
        if token in option.flags:
            return option
    flags = [flag for option in options for flag in option.flags if flag.startswith("--")]
    hint = _close(token, flags)
    if hint:
        raise usage_error(command, Message("error.unknown_option_hint", option=token, hint=hint[0]))
    raise usage_error(command, Message("error.unknown_option", option=token))


def _check_choice(
    command: Command, what: str | Message, value: str, choices: tuple[str, ...]
) -> None:
    if choices and value not in choices:
        allowed = ", ".join(choices)
        raise usage_error(
            command, Message("error.not_one_of", what=what, value=excerpt(value), allowed=allowed)
        )


def parse(argv: list[str]) -> Values:
    """Parse a whole command line; raises UsageError naming the mistake."""
    command, rest = find_command(argv)
    values: dict[str, str | bool | list[str]] = {}
    positionals: list[str] = []
    while rest:
        token = rest.pop(0)
        if token == "--":
            positionals += rest
            break
        if not token.startswith("-") or token == "-":
            positionals.append(token)
            continue
        name, equals, inline = token.partition("=")
        option = _option(command, name if token.startswith("--") else token)
        if option.switch:
            if equals:
                raise usage_error(command, Message("error.takes_no_value", option=name))
            values[option.dest] = True
            continue
        if equals:
            value = inline
        elif rest:
            value = rest.pop(0)
        else:
            metavar = Metavar(option.metavar or "VALUE")
            raise usage_error(
                command, Message("error.needs_value", option=option.flags[0], metavar=metavar)
            )
        _check_choice(command, option.flags[0], value, option.choices)
        if option.many:
            values.setdefault(option.dest, [])
            values[option.dest].append(value)  # type: ignore[union-attr]
        elif option.dest in values:
            # --lang before the command and again after it, the same: one language, no clash
            if option.dest == LANG.dest and values[option.dest] == value:
                continue
            raise usage_error(command, Message("error.given_twice", option=option.flags[0]))
        else:
            values[option.dest] = value
    if values.get(HELP.dest):
        return Values(command, values)
    for argument in command.arguments:
        if argument.many:
            taken, positionals = positionals, []
        else:
            taken, positionals = positionals[:1], positionals[1:]
        for value in taken:
            _check_choice(command, Metavar(argument.metavar), value, argument.choices)
        if not taken and argument.required:
            raise usage_error(
                command, Message("error.missing_argument", metavar=Metavar(argument.metavar))
            )
        if taken:
            values[argument.dest] = taken if argument.many else taken[0]
    if positionals:
        raise usage_error(
            command, Message("error.unexpected_argument", value=excerpt(positionals[0]))
        )
    return Values(command, values)
