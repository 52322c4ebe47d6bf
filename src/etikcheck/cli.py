"""The command line: typer commands, flags, exit codes and the choice of renderer. No logic.

Every error a user or pack author can cause is an EtikcheckError; :func:`run` is the one place
that turns it into a message on stderr (plus a JSON ``error`` object in ``--json`` mode) and an
exit code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from . import __version__, engine, inputs, packs, serialize
from .environment import Environment
from .errors import EtikcheckError, ExitCode, Interrupted, UsageError
from .i18n import choose, locale_lang
from .model import LANGS, SEVERITY, VERDICTS

app = typer.Typer(
    name="etikcheck",
    help="Ethics decision support for elected council members: the four test questions, "
    "your council's values, and who to talk to.",
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

CouncilOpt = Annotated[
    str | None, typer.Option("--council", "-c", help="Council id: aalborg, aarhus or vasteras.")
]
LangOpt = Annotated[str | None, typer.Option("--lang", "-l", help="Language: sv, da or en.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Write JSON to stdout.")]
RulesOpt = Annotated[
    Path | None,
    typer.Option("--rules", help="Use the custom pack in this folder (or pack.yaml) instead."),
]


def _env(ctx: typer.Context) -> Environment:
    env = ctx.obj
    assert isinstance(env, Environment)
    return env


def _lang_flag(lang: str | None) -> str | None:
    if lang is not None and lang not in LANGS:
        raise UsageError(f"--lang: {lang!r} is not supported; allowed: {', '.join(LANGS)}")
    return lang


def _pick_lang(env: Environment, flag: str | None, requested: str | None, pack_lang: str) -> str:
    return choose(flag, requested, locale_lang(env.environ), pack_lang)


def _write_json(env: Environment, data: Any) -> None:
    env.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


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


@app.command()
def check(
    ctx: typer.Context,
    council: CouncilOpt = None,
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer", "-a", help="An answer as QUESTION=ANSWER (yes, no or unsure); repeatable."
        ),
    ] = None,
    lang: LangOpt = None,
    topic: Annotated[str | None, typer.Option("--topic", "-t", help="A topic id.")] = None,
    input_file: Annotated[
        str | None,
        typer.Option(
            "--input", "-i", help="Read the check as JSON or YAML from FILE ('-': stdin)."
        ),
    ] = None,
    as_json: JsonOpt = False,
    rules: RulesOpt = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when the verdict is at or above this one: proceed, seek_advice, reconsider.",
        ),
    ] = None,
) -> None:
    """Evaluate answers without prompts: from flags, or one JSON/YAML object on stdin or --input."""
    env = _env(ctx)
    if fail_on is not None and fail_on not in VERDICTS:
        raise UsageError(f"--fail-on: {fail_on!r} is not a verdict; allowed: {', '.join(VERDICTS)}")
    _lang_flag(lang)
    flag_answers = inputs.parse_answer_flags(answer or [])
    flags_given = bool(answer) or council is not None or rules is not None
    document = _read_input(env, input_file, flags_given)
    request = inputs.merge(document, council=council, lang=lang, topic=topic, answers=flag_answers)
    pack = packs.choose(request.council, rules)
    decision = engine.evaluate(pack, request.answers, request.topic)
    out_lang = _pick_lang(env, lang, request.lang, pack.lang)
    if as_json:
        _write_json(env, serialize.decision_json(decision, out_lang))
    else:
        from .render import plain_decision

        env.stdout.write(plain_decision(decision, out_lang, request.situation))
    if fail_on is not None and SEVERITY[decision.verdict] >= SEVERITY[fail_on]:
        raise typer.Exit(ExitCode.VERDICT)


@app.command()
def councils(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """List the councils (rule packs) etikcheck knows."""
    env = _env(ctx)
    loaded = [packs.load(council) for council in packs.bundled_ids()]
    if as_json:
        _write_json(env, {"councils": [serialize.pack_summary_json(p) for p in loaded]})
        return
    for pack in loaded:
        name = pack.council.get(pack.lang)
        env.stdout.write(f"{pack.id:<10} {name} ({pack.lang}, {pack.version})\n")


@app.command()
def questions(
    ctx: typer.Context,
    council: CouncilOpt = None,
    lang: LangOpt = None,
    topic: Annotated[
        str | None, typer.Option("--topic", "-t", help="Include a topic's questions.")
    ] = None,
    as_json: JsonOpt = False,
    rules: RulesOpt = None,
) -> None:
    """The questions a check must answer, with allowed answers and texts (to build a form)."""
    env = _env(ctx)
    pack = packs.choose(council, rules)
    engine.check_topic(pack, topic)
    out_lang = _pick_lang(env, _lang_flag(lang), None, pack.lang)
    data = serialize.questions_json(pack, out_lang, topic)
    if as_json:
        _write_json(env, data)
        return
    answers = "/".join(a["label"] for a in data["questions"][0]["answers"])
    for question in data["questions"]:
        marker = "" if question["required"] else " (optional)"
        env.stdout.write(f"{question['id']}{marker}: {question['text']} [{answers}]\n")
        if question["help"]:
            env.stdout.write(f"    {question['help']}\n")
    env.stdout.write(f"\n{data['values_rule']}\n")


def _version(value: bool) -> None:
    if value:
        print(f"etikcheck {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Run without a command to be guided through the four test questions."""
    if ctx.invoked_subcommand is None:
        env = _env(ctx)
        env.stdout.write(ctx.get_help() + "\n")


def _report(env: Environment, error: EtikcheckError, json_mode: bool) -> int:
    env.stderr.write(f"etikcheck: {error.message}\n")
    if json_mode:
        _write_json(env, {"schema": serialize.DECISION_SCHEMA, "error": error.to_json()})
    return int(error.exit_code)


def run(argv: list[str] | None = None, env: Environment | None = None) -> int:
    """Run the CLI and return its exit code (tests call this in-process)."""
    args = list(sys.argv[1:] if argv is None else argv)
    env = env or Environment()
    json_mode = "--json" in args
    try:
        result = app(args=args, prog_name="etikcheck", standalone_mode=False, obj=env)
    except EtikcheckError as error:
        return _report(env, error, json_mode)
    except typer.TyperException as error:  # click's usage errors: bad or missing options
        message = error.format_message() if hasattr(error, "format_message") else str(error)
        return _report(env, UsageError(message), json_mode)
    except (KeyboardInterrupt, EOFError):
        return _report(env, Interrupted("interrupted"), json_mode)
    return int(result or 0)


def main() -> NoReturn:
    sys.exit(run())
