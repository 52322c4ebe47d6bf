"""The program's edge: pick the command family, and the one handler for every user error.

``check`` and the guided interview (no command) go to the lean argparse front door
(:mod:`fastcli`); everything else to the typer app (:mod:`cli`), imported only then. Whatever a
user or pack author gets wrong arrives here as an EtikcheckError and leaves as one message on
stderr (plus a JSON ``error`` object on stdout in ``--json`` mode) and the documented exit
code. Ctrl-C and EOF become exit 130.
"""

from __future__ import annotations

import json
import sys
from typing import NoReturn

from etikcheck.cli import lean as fastcli
from etikcheck.environment import Environment
from etikcheck.errors import EtikcheckError, Interrupted
from etikcheck.i18n import locale_lang, t
from etikcheck.model import LANGS
from etikcheck.output import views as serialize


def report(env: Environment, error: EtikcheckError, json_mode: bool) -> int:
    env.stderr.write(f"etikcheck: {error.message}\n")
    if json_mode:
        document = {"schema": serialize.ERROR_SCHEMA, "error": error.to_json()}
        env.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return int(error.exit_code)


def run(argv: list[str] | None = None, env: Environment | None = None) -> int:
    """Run etikcheck and return its exit code (tests call this in-process)."""
    args = list(sys.argv[1:] if argv is None else argv)
    env = env or Environment()
    json_mode = "--json" in args
    try:
        if fastcli.handles(args):
            return fastcli.run(args, env)
        from etikcheck.cli import app as cli

        if args[0].startswith("-") and ("-h" in args or "--help" in args):
            args = ["--help"]  # the interview's flags (--council …) live in the main help
        return cli.run_app(args, env)
    except EtikcheckError as error:
        return report(env, error, json_mode)
    except (KeyboardInterrupt, EOFError):
        message = t(_lang(args, env), "msg.interrupted")
        return report(env, Interrupted(message), json_mode)


def _lang(args: list[str], env: Environment) -> str:
    """The language of a message at the edge: --lang if given, else the locale, else English."""
    for flag in ("--lang", "-l"):
        if flag in args[:-1] and args[args.index(flag) + 1] in LANGS:
            return args[args.index(flag) + 1]
    return locale_lang(env.environ) or "en"


def main() -> NoReturn:
    sys.exit(run())
