"""The program's edge: parse the command line, run the command, and the one error handler.

Every command is declared in :mod:`etikcheck.cli.table`; its code is imported only when it runs.
Whatever a user or pack author gets wrong arrives here as an EtikcheckError and leaves as one
message on stderr (plus a JSON ``error`` object on stdout in ``--json`` mode) and the
documented exit code. Ctrl-C and EOF become exit 130.
"""

from __future__ import annotations

import sys
from importlib import import_module

from etikcheck.environment import Environment
from etikcheck.errors import EtikcheckError, ExitCode, Interrupted, Message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import NoReturn

    from etikcheck.cli.parse import Values


COMPLETE_VAR = "_ETIKCHECK_COMPLETE"  # set by the shell's completion script
PIPE_CLOSED = 141
WRITE_ERRORS = (28, 5, 122)  # ENOSPC, EIO, EDQUOT
COMPLETION_FLAGS = (["--install-completion"], ["--show-completion"])


def report(env: Environment, error: EtikcheckError, args: list[str]) -> int:
    """The one place an error is shown: its message on stderr, made safe for a terminal (it
    may quote what the user typed), in the session's language; in --json mode in English, for
    scripts, and also as a JSON error object on stdout."""
    from etikcheck.output.escape import clean

    if "--json" in args:
        from etikcheck.output.escape import json_text
        from etikcheck.output.views import ERROR_SCHEMA

        env.stderr.write(f"etikcheck: {clean(error.message)}\n")
        document = {"schema": ERROR_SCHEMA, "error": error.to_json()}
        env.stdout.write(json_text(document) + "\n")
    else:
        env.stderr.write(f"etikcheck: {clean(error.localized(_lang(env, args)))}\n")
    return int(error.exit_code)


def _lang(env: Environment, args: list[str]) -> str:
    from etikcheck import resolve

    return resolve.ui_lang(env, _flag(args, "--lang", "-l"), _flag(args, "--council", "-c"))


def _help(values: Values, env: Environment) -> int:
    from etikcheck import resolve
    from etikcheck.cli import help

    lang = resolve.ui_lang(env, values.text("lang"))
    env.stdout.write(help.render(values.command, lang, env.columns()))
    return ExitCode.OK


def run(argv: list[str] | None = None, env: Environment | None = None) -> int:
    """Run etikcheck and return its exit code (tests call this in-process)."""
    args = list(sys.argv[1:] if argv is None else argv)
    env = env or Environment()
    try:
        if COMPLETE_VAR in env.environ or args[:1] in (
            ["--install-completion"],
            ["--show-completion"],
        ):
            from etikcheck.cli import completion

            return completion.run(args, env)
        from etikcheck.cli.parse import parse

        values = parse(args)
        if values.wants_help or values.command.run is None:
            return _help(values, env)
        module, _, name = values.command.run.partition(":")
        command: Callable[[Values, Environment], int] = getattr(import_module(module), name)
        return int(command(values, env))
    except EtikcheckError as error:
        return report(env, error, args)
    except (KeyboardInterrupt, EOFError):
        return report(env, Interrupted(Message("msg.interrupted")), args)
    except BrokenPipeError:  # the reader went away (batch … | head -1): end quietly
        return PIPE_CLOSED
    except OSError as exc:
        if exc.errno not in WRITE_ERRORS:
            raise
        return _cannot_write(env, exc)


def _cannot_write(env: Environment, exc: OSError) -> int:
    env.stderr.write(f"etikcheck: cannot write to stdout: {exc.strerror or exc}\n")
    return ExitCode.USAGE


def _flag(args: list[str], *names: str) -> str | None:
    """A flag's value, read from the raw arguments (the parser may not have run)."""
    for name in names:
        if name in args[:-1]:
            return args[args.index(name) + 1]
        for arg in args:
            if arg.startswith(f"{name}="):
                return arg.split("=", 1)[1]
    return None


def main() -> NoReturn:
    """The ``etikcheck`` command. Writing to a closed pipe ends quietly with 141 (128 + SIGPIPE,
    as Unix tools do); a full disk or a closed stdout is an error naming stdout, exit 2."""
    if sys.stdout is None:  # etikcheck >&-
        sys.stderr.write("etikcheck: cannot write to stdout: it is closed\n")
        sys.exit(ExitCode.USAGE)
    code = run()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = PIPE_CLOSED
    except OSError as exc:
        code = _cannot_write(Environment(), exc)
    if code == PIPE_CLOSED or (code == ExitCode.USAGE and _unwritable(sys.stdout)):
        import os  # nothing more can reach stdout: let Python's own flush at exit go nowhere

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(code)


def _unwritable(stream: object) -> bool:
    try:
        stream.flush()  # type: ignore[attr-defined]
    except OSError:
        return True
    return False
