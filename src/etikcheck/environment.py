"""The world the CLI runs in: streams, terminal flags, variables and directories.

Passing this around (instead of reading ``sys`` and ``os`` everywhere) lets tests run the whole
CLI in-process with fake streams and temporary directories, as httpie does. A plain class, not a
dataclass: it is built on every run, and ``dataclasses`` (with ``inspect``) costs a cold start
more than the whole evaluation.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path
    from typing import Any, BinaryIO, TextIO

APP_NAME = "etikcheck"

# the XDG base directories (freedesktop.org), as platformdirs gives them on Linux and the BSDs
_XDG = {
    "config": ("XDG_CONFIG_HOME", ".config"),
    "data": ("XDG_DATA_HOME", ".local/share"),
    "cache": ("XDG_CACHE_HOME", ".cache"),
}


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


class Environment:
    def __init__(
        self,
        *,
        stdin: BinaryIO | None = None,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        stdin_isatty: bool | None = None,
        stdout_isatty: bool | None = None,
        environ: Mapping[str, str] | None = None,
        config_dir: Path | None = None,
        data_dir: Path | None = None,
        cache_dir: Path | None = None,
        prompt_io: dict[str, Any] | None = None,
    ) -> None:
        self.stdin: BinaryIO = stdin if stdin is not None else sys.stdin.buffer
        self.stdout: TextIO = stdout if stdout is not None else sys.stdout
        self.stderr: TextIO = stderr if stderr is not None else sys.stderr
        self.stdin_isatty = _isatty(sys.stdin) if stdin_isatty is None else stdin_isatty
        self.stdout_isatty = _isatty(self.stdout) if stdout_isatty is None else stdout_isatty
        self.environ: Mapping[str, str] = dict(os.environ) if environ is None else environ
        self.config_dir = config_dir
        self.data_dir = data_dir
        self.cache_dir = cache_dir
        # prompt_toolkit input/output for the interview's prompts (tests pass a pipe and a dummy)
        self.prompt_io: dict[str, Any] = {} if prompt_io is None else prompt_io

    def _dir(self, kind: str) -> Path:
        from pathlib import Path

        override = self.environ.get(f"ETIKCHECK_{kind.upper()}_DIR")
        if override:
            return Path(override)
        if sys.platform in ("win32", "darwin"):
            import platformdirs

            getter = getattr(platformdirs, f"user_{kind}_dir")
            return Path(getter(APP_NAME, appauthor=False))
        variable, default = _XDG[kind]
        base = self.environ.get(variable, "").strip()
        if not base:  # as the XDG spec says, an empty or unset variable means the default
            home = self.environ.get("HOME") or os.path.expanduser("~")
            base = os.path.join(home, default)
        return Path(base) / APP_NAME

    def columns(self) -> int:
        """The width text is wrapped to: COLUMNS, else the terminal's, else 80."""
        columns = self.environ.get("COLUMNS", "")
        if columns.isdigit() and int(columns) > 0:
            return int(columns)
        try:
            size = os.get_terminal_size(self.stdout.fileno()).columns
        except (AttributeError, ValueError, OSError):
            return 80
        return size if size > 0 else 80  # a pty that has not been given a size says 0

    def config_path(self) -> Path:
        return self.config_dir or self._dir("config")

    def data_path(self) -> Path:
        return self.data_dir or self._dir("data")

    def cache_path(self) -> Path:
        return self.cache_dir or self._dir("cache")
