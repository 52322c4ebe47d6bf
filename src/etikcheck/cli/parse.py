"""Command lines to values, from the table in :mod:`etikcheck.cli.table`; standard library only.

One parser for every command, so that every command takes its options the same way
(``--council aarhus``, ``--council=aarhus``, ``-c aarhus``, ``--`` ends the options) and every
mistake gets the same kind of message, naming what the user typed and where to look::

    etikcheck topics: unknown option --councl; did you mean --council?
    (see: etikcheck topics --help)
"""

from __future__ import annotations

from difflib import get_close_matches

from etikcheck.cli.table import BY_PATH, HELP, Command, Option, subcommands
from etikcheck.errors import UsageError

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


def _fail(command: Command, problem: str) -> UsageError:
    where = f"{' '.join(command.path)}: " if command.path else ""
    return UsageError(f"{where}{problem} (see: {command.name} --help)")


def find_command(argv: list[str]) -> tuple[Command, list[str]]:
    """The command named by the leading words of ``argv``, and the rest of it.

    ``--lang`` may also come before the command (``etikcheck --lang sv check --help``): it is
    the language of everything, so it is carried over to the command."""
    path: tuple[str, ...] = ()
    rest = list(argv)
    if rest[:1] in (["--lang"], ["-l"]) and len(rest) > 2 and (rest[2],) in BY_PATH:
        rest = [*rest[2:3], *rest[:2], *rest[3:]]
    while rest and (*path, rest[0]) in BY_PATH:
        path = (*path, rest.pop(0))
    command = BY_PATH[path]
    if rest and not rest[0].startswith("-") and not command.arguments:
        words = [c.path[-1] for c in subcommands(path)]
        if words:
            hint = get_close_matches(rest[0], words, n=1)
            known = f"did you mean {hint[0]}?" if hint else f"commands: {', '.join(words)}"
            raise _fail(command, f"unknown command {rest[0]!r}; {known}")
    return command, rest


def _option(command: Command, token: str) -> Option:
    options = (*command.options, HELP)
    for option in options:
        if token in option.flags:
            return option
    flags = [flag for option in options for flag in option.flags if flag.startswith("--")]
    hint = get_close_matches(token, flags, n=1)
    suggestion = f"; did you mean {hint[0]}?" if hint else ""
    raise _fail(command, f"unknown option {token}{suggestion}")


def _check_choice(command: Command, what: str, value: str, choices: tuple[str, ...]) -> None:
    if choices and value not in choices:
        raise _fail(command, f"{what}: {value!r} is not one of: {', '.join(choices)}")


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
                raise _fail(command, f"{name} takes no value")
            values[option.dest] = True
            continue
        if equals:
            value = inline
        elif rest:
            value = rest.pop(0)
        else:
            raise _fail(command, f"{option.flags[0]} needs a value ({option.metavar})")
        _check_choice(command, option.flags[0], value, option.choices)
        if option.many:
            values.setdefault(option.dest, [])
            values[option.dest].append(value)  # type: ignore[union-attr]
        elif option.dest in values:
            raise _fail(command, f"{option.flags[0]} is given twice")
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
            _check_choice(command, argument.metavar, value, argument.choices)
        if not taken and argument.required:
            raise _fail(command, f"missing {argument.metavar}")
        if taken:
            values[argument.dest] = taken if argument.many else taken[0]
    if positionals:
        raise _fail(command, f"unexpected argument {positionals[0]!r}")
    return Values(command, values)
