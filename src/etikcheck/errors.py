"""One exception hierarchy for everything a user or a pack author can get wrong.

Each error carries the message the user sees and the exit code the CLI returns; the CLI has a
single handler that prints the message (and, in ``--json`` mode, a JSON ``error`` object).
"""

from __future__ import annotations

from enum import IntEnum


def excerpt(value: object, limit: int = 40) -> str:
    """A bad value as a message may quote it: short, with anything unprintable escaped.

    Messages quote what the user, a pack or a file gave (so it can be found and fixed), but
    never a whole file (a pack that is a symlink to a private key must not print the key) and
    never a raw control or bidi character."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool) or value is None:
        text = {True: "true", False: "false", None: "null"}[value]
    else:
        text = str(value)
    shown = text[:limit] + ("…" if len(text) > limit else "")
    visible = "".join(c if c.isprintable() else repr(c)[1:-1] for c in shown)
    return f"'{visible}'" if isinstance(value, str) else visible


class ExitCode(IntEnum):
    OK = 0
    VERDICT = 1  # evaluated, and the verdict is at or above --fail-on
    USAGE = 2  # bad usage or bad input
    PACK = 3  # a broken rule pack
    INTERRUPTED = 130


class EtikcheckError(Exception):
    """Base class: ``str(error)`` is the complete one-line message for the user."""

    exit_code: ExitCode = ExitCode.USAGE
    kind: str = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "message": self.message, "exit_code": int(self.exit_code)}


class UsageError(EtikcheckError):
    """Bad flags or a command that cannot run here (e.g. the interview without a terminal)."""

    kind = "usage"


class InputError(EtikcheckError):
    """Bad answers or a bad input document; ``field`` names what is wrong."""

    kind = "input"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field

    def to_json(self) -> dict[str, object]:
        data = super().to_json()
        data["field"] = self.field
        return data


class SettingsError(EtikcheckError):
    """The settings file cannot be used; the message names it."""

    kind = "settings"


class PackError(EtikcheckError):
    """A rule pack, deck or translation file that cannot be used; names file and line."""

    exit_code = ExitCode.PACK
    kind = "pack"

    def __init__(self, problem: str, file: str | None = None, line: int | None = None) -> None:
        where = file or "<pack>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {problem}")
        self.problem = problem
        self.file = file
        self.line = line

    def to_json(self) -> dict[str, object]:
        data = super().to_json()
        data.update(file=self.file, line=self.line)
        return data


class Interrupted(EtikcheckError):
    """Ctrl-C or end of input at a prompt."""

    exit_code = ExitCode.INTERRUPTED
    kind = "interrupted"
