"""The command line: typer commands, flags, exit codes and the choice of renderer. No logic.

Every error a user or pack author can cause is an EtikcheckError; :func:`run` is the one place
that turns it into a message on stderr (plus a JSON ``error`` object in ``--json`` mode) and an
exit code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import __version__, engine, fastcli, packs, serialize
from .environment import Environment
from .errors import UsageError

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


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def check(ctx: typer.Context) -> None:
    """Evaluate answers without prompts (flags, or JSON/YAML on stdin); see: check --help."""
    raise typer.Exit(fastcli.run(["check", *ctx.args], _env(ctx)))


@app.command()
def councils(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """List the councils (rule packs) etikcheck knows."""
    env = _env(ctx)
    loaded = [packs.load(council) for council in packs.bundled_ids()]
    if as_json:
        fastcli.write_json(
            env,
            {
                "schema": serialize.COUNCILS_SCHEMA,
                "councils": [serialize.pack_summary_json(p) for p in loaded],
            },
        )
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
    out_lang = fastcli.pick_lang(env, fastcli.check_lang_flag(lang), None, pack.lang)
    data = serialize.questions_json(pack, out_lang, topic)
    if as_json:
        fastcli.write_json(env, data)
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


def run_app(args: list[str], env: Environment) -> int:
    """Run the typer app; click's own usage errors become our UsageError."""
    try:
        result = app(args=args, prog_name="etikcheck", standalone_mode=False, obj=env)
    except typer.TyperException as error:
        message = error.format_message() if hasattr(error, "format_message") else str(error)
        raise UsageError(message) from None
    return int(result or 0)
