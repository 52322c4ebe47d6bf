"""Every command, its options and arguments, declared once.

The parser (:mod:`etikcheck.cli.parse`), the help (:mod:`etikcheck.cli.help`) and shell
completion (:mod:`etikcheck.cli.completion`) all read this table; a command's code lives in the
module its ``run`` names and is imported only when that command runs (as pip's command table
does). Help texts are not here: they are in ``translations/help/<lang>.json`` under
``cmd.<command path>`` and ``opt.<dest>`` (or ``opt.<command path>.<dest>`` where one command
means something else by it), so that help exists in every language.

To add a command: add a :class:`Command` here, its help texts in the three help catalogs (a
test fails when one is missing), and a function ``run(values, env) -> int`` in its module.
"""

from __future__ import annotations

from etikcheck.frozen import Frozen
from etikcheck.model import LANGS, VERDICTS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator


class Option(Frozen):
    """``flags`` like ("--council", "-c"); a switch when ``metavar`` is None."""

    flags: tuple[str, ...]
    dest: str
    metavar: str | None = None
    many: bool = False  # may be given more than once (values are collected in order)
    choices: tuple[str, ...] = ()
    complete: str | None = None  # what completion offers: "council", "file", "dir"

    @property
    def switch(self) -> bool:
        return self.metavar is None


class Argument(Frozen):
    dest: str
    metavar: str
    many: bool = False
    required: bool = True
    choices: tuple[str, ...] = ()
    complete: str | None = None


class Command(Frozen):
    """A command: its words (``("rules", "lint")``; the interview is ``()``) and where its
    code is (``module:function``; None for a group that only lists its subcommands)."""

    path: tuple[str, ...]
    run: str | None
    options: tuple[Option, ...] = ()
    arguments: tuple[Argument, ...] = ()

    @property
    def name(self) -> str:
        return " ".join(("etikcheck", *self.path))

    @property
    def key(self) -> str:
        return " ".join(self.path) or "etikcheck"


# -- options shared by several commands -----------------------------------------------------------

COUNCIL = Option(("--council", "-c"), "council", "ID", complete="council")
LANG = Option(("--lang", "-l"), "lang", "LANG", choices=LANGS)
JSON = Option(("--json",), "json")
RULES = Option(("--rules",), "rules", "PATH", complete="dir")
TOPIC = Option(("--topic", "-t"), "topic", "TOPIC")
PLAIN = Option(("--plain",), "plain")
OUTPUT = Option(("--output", "-o"), "output", "FILE", complete="file")
FORCE = Option(("--force",), "force")
DECK = Option(("--deck", "-d"), "deck", "FILE", complete="file")
HISTORY = Option(("--history",), "history", "DIR", complete="dir")
FAIL_ON = Option(("--fail-on",), "fail_on", "VERDICT", choices=VERDICTS)
INPUT = Option(("--input", "-i"), "input", "FILE", complete="file")
HELP = Option(("--help", "-h"), "help")
YES = Option(("--yes", "-y"), "yes")
VERSION = Option(("--version",), "version")
INSTALL_COMPLETION = Option(("--install-completion",), "install_completion")
SHOW_COMPLETION = Option(("--show-completion",), "show_completion")

PACK_SOURCE = (COUNCIL, RULES, LANG)

COMMANDS: tuple[Command, ...] = (
    Command(
        (),
        "etikcheck.cli.interview:run",
        (*PACK_SOURCE, PLAIN, OUTPUT, FORCE, VERSION, INSTALL_COMPLETION, SHOW_COMPLETION),
    ),
    Command(
        ("check",),
        "etikcheck.cli.check:check",
        (
            COUNCIL,
            Option(("--answer", "-a"), "answer", "QUESTION=ANSWER", many=True),
            LANG,
            TOPIC,
            INPUT,
            JSON,
            RULES,
            FAIL_ON,
        ),
    ),
    Command(("batch",), "etikcheck.cli.check:batch", (INPUT, *PACK_SOURCE, FAIL_ON)),
    Command(("councils",), "etikcheck.cli.info:councils", (JSON,)),
    Command(("topics",), "etikcheck.cli.info:topics", (*PACK_SOURCE, JSON)),
    Command(("questions",), "etikcheck.cli.info:questions", (*PACK_SOURCE, TOPIC, JSON)),
    Command(("rules",), None),
    Command(("rules", "list"), "etikcheck.cli.rules:list_packs", (JSON,)),
    Command(
        ("rules", "show"),
        "etikcheck.cli.rules:show",
        (LANG, JSON),
        (Argument("pack", "PACK", complete="dir"),),
    ),
    Command(
        ("rules", "lint"),
        "etikcheck.cli.rules:lint",
        (
            JSON,
            Option(("--format",), "format", "FORMAT", choices=("text", "json")),
            Option(("--strict",), "strict"),
        ),
        (Argument("packs", "PACK", many=True, required=False, complete="dir"),),
    ),
    Command(
        ("rules", "test"),
        "etikcheck.cli.rules:test",
        (),
        (Argument("packs", "PACK", many=True, required=False, complete="dir"),),
    ),
    Command(
        ("rules", "new"),
        "etikcheck.cli.rules:new",
        (
            # the pack's own language; --lang is the session's, as for every command
            Option(("--pack-lang",), "pack_lang", "LANG", choices=LANGS),
            Option(("--dir",), "dir", "DIR", complete="dir"),
            FORCE,
        ),
        (Argument("name", "NAME"),),
    ),
    Command(("rules", "guide"), "etikcheck.cli.rules:guide"),
    Command(
        ("train",),
        "etikcheck.cli.train:session",
        (*PACK_SOURCE, DECK, HISTORY, PLAIN, OUTPUT, FORCE),
    ),
    Command(
        ("train", "answer"),
        "etikcheck.cli.train:answer",
        (
            Option(("--scenario", "-s"), "scenario", "SCENARIO"),
            *PACK_SOURCE,
            DECK,
            PLAIN,
            OUTPUT,
            FORCE,
        ),
    ),
    Command(
        ("train", "tally"),
        "etikcheck.cli.train:tally",
        (*PACK_SOURCE, DECK, OUTPUT, FORCE),
        (Argument("files", "FILE", many=True, complete="file"),),
    ),
    Command(
        ("train", "deck"),
        "etikcheck.cli.train:deck",
        (
            *PACK_SOURCE,
            DECK,
            Option(("--format",), "format", "FORMAT", choices=("md", "html")),
            Option(("--notes",), "notes"),
            OUTPUT,
            FORCE,
        ),
    ),
    Command(
        ("train", "plan"),
        "etikcheck.cli.train:plan",
        (
            *PACK_SOURCE,
            DECK,
            Option(("--from",), "start", "DATE"),
            Option(("--per-year",), "per_year", "N"),
            Option(("--weeks",), "weeks", "N"),
            Option(("--scenarios",), "scenarios", "N"),
            HISTORY,
            Option(("--format",), "format", "FORMAT", choices=("ics", "md")),
            OUTPUT,
            FORCE,
        ),
    ),
    Command(
        ("card",),
        "etikcheck.cli.card:card",
        (
            *PACK_SOURCE,
            Option(("--format",), "format", "FORMAT", choices=("txt", "md", "html")),
            OUTPUT,
            FORCE,
        ),
    ),
    Command(("journal",), "etikcheck.cli.journal:list_records", (JSON,)),
    Command(
        ("journal", "show"),
        "etikcheck.cli.journal:show",
        (JSON,),
        (Argument("number", "N"),),
    ),
    Command(
        ("journal", "delete"),
        "etikcheck.cli.journal:delete",
        (YES,),
        (Argument("number", "N"),),
    ),
    Command(("journal", "clear"), "etikcheck.cli.journal:clear", (YES,)),
    Command(
        ("journal", "export"),
        "etikcheck.cli.journal:export",
        (Option(("--format",), "format", "FORMAT", choices=("md", "json")), OUTPUT, FORCE),
    ),
    Command(("config",), "etikcheck.cli.config:show", (JSON,)),
    Command(
        ("config", "set"),
        "etikcheck.cli.config:set_value",
        (),
        (
            Argument("key", "KEY", choices=("council", "lang", "packs")),
            Argument("value", "VALUE"),
        ),
    ),
    Command(
        ("config", "unset"),
        "etikcheck.cli.config:unset",
        (),
        (Argument("key", "KEY", choices=("council", "lang", "packs")),),
    ),
    Command(
        ("schema",),
        "etikcheck.cli.schema:show",
        (JSON,),
        (Argument("name", "NAME", required=False),),
    ),
)

BY_PATH: dict[tuple[str, ...], Command] = {command.path: command for command in COMMANDS}


def subcommands(path: tuple[str, ...]) -> Iterator[Command]:
    """The commands one word below ``path``, in table order."""
    return (c for c in COMMANDS if len(c.path) == len(path) + 1 and c.path[: len(path)] == path)
