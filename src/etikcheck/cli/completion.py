"""Shell completion for bash, zsh and fish, from the same table as the parser and the help.

Typer (on click) knows how to install completion scripts and answer a shell's completion
requests; this module builds a typer app whose commands and options are generated from
:mod:`etikcheck.cli.table`, so completion can never drift from what the parser accepts. Typer
is imported only here: building its parameters costs about 100 ms, which completion may spend
but ``etikcheck check`` may not.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

from etikcheck.cli.table import COMMANDS, Argument, Command, Option, subcommands

if TYPE_CHECKING:
    import typer

    from etikcheck.environment import Environment

PROG = "etikcheck"


def _complete_council(incomplete: str) -> list[str]:
    from etikcheck.packs import registry

    return [c for c in registry.bundled_ids() if c.startswith(incomplete)]


def _choices(choices: tuple[str, ...]) -> Any:
    def complete(incomplete: str) -> list[str]:
        return [c for c in choices if c.startswith(incomplete)]

    return complete


def _completer(item: Option | Argument) -> Any:
    if item.choices:
        return _choices(item.choices)
    if item.complete == "council":
        return _complete_council
    return None


def _parameter(item: Option | Argument) -> inspect.Parameter:
    import typer

    if isinstance(item, Option):
        many, switch = item.many, item.switch
        annotation: Any = bool if switch else (list[str] | None if many else str | None)
        default: Any = typer.Option(
            False if switch else None,
            *item.flags,
            metavar=item.metavar,
            autocompletion=_completer(item),
            show_default=False,
        )
    else:
        annotation = list[str] | None if item.many else str | None
        default = typer.Argument(None, metavar=item.metavar, autocompletion=_completer(item))
    return inspect.Parameter(
        item.dest, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
    )


def _callback(command: Command) -> Any:
    def callback(**_values: Any) -> None:
        """Completion only: the real commands run through etikcheck.cli.main."""

    items: list[Option | Argument] = [*command.options, *command.arguments]
    parameters = [_parameter(item) for item in items if item.dest not in ("version",)]
    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    callback.__annotations__ = {p.name: p.annotation for p in parameters}
    return callback


def build_app() -> typer.Typer:
    import typer

    def group(path: tuple[str, ...]) -> typer.Typer:
        command = next(c for c in COMMANDS if c.path == path)
        app = typer.Typer(
            add_completion=not path,
            rich_markup_mode=None,
            pretty_exceptions_enable=False,
            pretty_exceptions_show_locals=False,
        )
        app.callback(invoke_without_command=True)(_callback(command))
        for child in subcommands(path):
            if any(True for _ in subcommands(child.path)):
                app.add_typer(group(child.path), name=child.path[-1])
            else:
                app.command(child.path[-1])(_callback(child))
        return app

    return group(())


def run(argv: list[str], env: Environment) -> int:
    """Answer a shell's completion request, or install or show the completion script."""
    app = build_app()
    try:
        app(args=argv, prog_name=PROG, standalone_mode=False)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0
