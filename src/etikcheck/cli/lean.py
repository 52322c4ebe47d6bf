"""The commands whose start-up time people and scripts feel, parsed with the standard library.

``check`` (scripts call it in loops) and the guided interview (``etikcheck`` with no command:
members feel every pause before the first question).

Typer 0.29 builds a pydantic TypeAdapter for every parameter at parse time, which costs about
100 ms and 10 MiB per run, more than the whole budget of ``check --json`` (DESIGN.md: at most
1.25x ``python -c "import typer"``, no pydantic, no rich). So this path uses argparse, imports
neither typer, rich nor questionary, and shares everything else (inputs, packs, engine,
serialize) with the interactive commands.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, NoReturn

from etikcheck import engine
from etikcheck.cli import inputs
from etikcheck.environment import Environment
from etikcheck.errors import ExitCode, UsageError
from etikcheck.i18n import choose, locale_lang
from etikcheck.model import LANGS, SEVERITY, VERDICTS
from etikcheck.output import views as serialize
from etikcheck.packs import registry as packs
from etikcheck.store import settings

COMMANDS = ("check", "batch")
_TYPER_FLAGS = ("-h", "--help", "--version")


def handles(argv: list[str]) -> bool:
    """True for ``check`` and for the interview (no command, or only interview options)."""
    if not argv:
        return True
    first = argv[0]
    if first in COMMANDS:
        return True
    return first.startswith("-") and not any(flag in argv for flag in _TYPER_FLAGS)


class _Parser(argparse.ArgumentParser):
    """argparse that raises our UsageError instead of printing and exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see: etikcheck {self.prog.split()[-1]} --help)")


def _check_parser() -> _Parser:
    parser = _Parser(
        prog="etikcheck check",
        add_help=False,
        description="Evaluate answers without prompts: from flags, or one JSON/YAML object on "
        "stdin or --input. Writes the decision as text, or as JSON with --json.",
        epilog="Exit codes: 0 evaluated; 1 verdict at or above --fail-on; 2 bad usage or input; "
        "3 broken rule pack; 130 interrupted.",
    )
    parser.add_argument("-h", "--help", action="store_true", help="Show this help and exit.")
    parser.add_argument("-c", "--council", help="Council id: aalborg, aarhus or vasteras.")
    parser.add_argument(
        "-a",
        "--answer",
        action="append",
        default=[],
        metavar="QUESTION=ANSWER",
        help="An answer (yes, no or unsure); repeatable, e.g. -a lawful=yes.",
    )
    parser.add_argument("-l", "--lang", help="Language of the texts: sv, da or en.")
    parser.add_argument("-t", "--topic", help="A topic id (see: etikcheck topics).")
    parser.add_argument(
        "-i",
        "--input",
        metavar="FILE",
        help="Read the check as JSON or YAML from FILE ('-': stdin).",
    )
    parser.add_argument("--json", action="store_true", help="Write the decision as JSON.")
    parser.add_argument("--rules", metavar="PATH", help="Use the custom pack in this folder.")
    parser.add_argument(
        "--fail-on",
        metavar="VERDICT",
        help="Exit 1 when the verdict is at or above this one: " + ", ".join(VERDICTS) + ".",
    )
    return parser


def write_json(env: Environment, data: Any) -> None:
    env.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def check_lang_flag(lang: str | None) -> str | None:
    if lang is not None and lang not in LANGS:
        raise UsageError(f"--lang: {lang!r} is not supported; allowed: {', '.join(LANGS)}")
    return lang


def pick_lang(env: Environment, flag: str | None, requested: str | None, pack_lang: str) -> str:
    """Flag, then the input's "lang", then the locale, then the council's own language."""
    return choose(flag, requested, locale_lang(env.environ), pack_lang)


def _read_input(
    env: Environment, path: str | None, flags_given: bool
) -> inputs.CheckRequest | None:
    if path == "-" or (path is None and not flags_given and not env.stdin_isatty):
        return inputs.parse_document(env.stdin.read(), "stdin")
    if path is None:
        return None
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise UsageError(f"--input {path}: cannot read the file: {exc.strerror or exc}") from None
    return inputs.parse_document(data, path, yaml_hint=file.suffix.lower() in (".yaml", ".yml"))


def _parse(parser: _Parser, argv: list[str], env: Environment) -> argparse.Namespace | None:
    """The parsed flags, or None after printing the help that --help asked for."""
    args = parser.parse_args(argv)
    if args.help:
        env.stdout.write(parser.format_help())
        return None
    return args


def check(argv: list[str], env: Environment) -> int:
    args = _parse(_check_parser(), argv, env)
    if args is None:
        return ExitCode.OK
    if args.fail_on is not None and args.fail_on not in VERDICTS:
        raise UsageError(
            f"--fail-on: {args.fail_on!r} is not a verdict; allowed: {', '.join(VERDICTS)}"
        )
    check_lang_flag(args.lang)
    flag_answers = inputs.parse_answer_flags(args.answer)
    rules = Path(args.rules) if args.rules else None
    flags_given = bool(args.answer) or args.council is not None or rules is not None
    document = _read_input(env, args.input, flags_given)
    request = inputs.merge(
        document, council=args.council, lang=args.lang, topic=args.topic, answers=flag_answers
    )
    packs_dir = settings.load(env.config_path()).packs_dir
    pack = packs.choose(request.council, rules, env.cache_path(), packs_dir)
    decision = engine.evaluate(pack, request.answers, request.topic)
    out_lang = pick_lang(env, args.lang, request.lang, pack.lang)
    view = serialize.decision_json(decision, out_lang)
    if args.json:
        write_json(env, view)
    else:
        from etikcheck.output.text import plain_decision

        env.stdout.write(plain_decision(view, request.situation))
    if args.fail_on is not None and SEVERITY[decision.verdict] >= SEVERITY[args.fail_on]:
        return ExitCode.VERDICT
    return ExitCode.OK


def _interview_parser() -> _Parser:
    parser = _Parser(prog="etikcheck", add_help=False)
    parser.add_argument("-c", "--council")
    parser.add_argument("-l", "--lang")
    parser.add_argument("--plain", action="store_true")
    parser.add_argument("-o", "--output", metavar="FILE")
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--rules", metavar="PATH")
    return parser


def interview(argv: list[str], env: Environment) -> int:
    args = _interview_parser().parse_args(argv)
    check_lang_flag(args.lang)
    from etikcheck.interview.run import InterviewOptions, run_interview

    options = InterviewOptions(
        council=args.council,
        lang=args.lang,
        plain=args.plain,
        output=Path(args.output) if args.output else None,
        force=args.force,
        rules=Path(args.rules) if args.rules else None,
    )
    return run_interview(options, env)


def _batch_parser() -> _Parser:
    parser = _Parser(
        prog="etikcheck batch",
        add_help=False,
        description="Evaluate many checks: JSON lines in (one check input per line, as for "
        "'check --json'), one decision per line out, in order. A bad line gives an error object "
        'on its own line ({"line": N, "error": {...}}) and the rest go on.',
        epilog="Exit codes: 0 every line evaluated; 2 some line had bad input; 3 a rule pack "
        "is broken.",
    )
    parser.add_argument("-h", "--help", action="store_true", help="Show this help and exit.")
    parser.add_argument(
        "-i", "--input", metavar="FILE", help="Read JSON lines from FILE (default: stdin)."
    )
    parser.add_argument("-l", "--lang", help="Language of the texts when a line gives none.")
    parser.add_argument("--rules", metavar="PATH", help="Use the custom pack in this folder.")
    return parser


def batch(argv: list[str], env: Environment) -> int:
    args = _parse(_batch_parser(), argv, env)
    if args is None:
        return ExitCode.OK
    check_lang_flag(args.lang)
    from etikcheck.cli.batch import run_batch

    rules = Path(args.rules) if args.rules else None
    if args.input is None:
        return run_batch(env.stdin, env, args.lang, rules)
    try:
        with open(args.input, "rb") as stream:
            return run_batch(stream, env, args.lang, rules)
    except OSError as exc:
        raise UsageError(
            f"--input {args.input}: cannot read the file: {exc.strerror or exc}"
        ) from None


def run(argv: list[str], env: Environment) -> int:
    if argv and argv[0] == "check":
        return check(argv[1:], env)
    if argv and argv[0] == "batch":
        return batch(argv[1:], env)
    return interview(argv, env)
