"""The world the CLI runs in: streams, terminal flags, variables and directories.

Passing this around (instead of reading ``sys`` and ``os`` everywhere) lets tests run the whole
CLI in-process with fake streams and temporary directories, as httpie does.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO

APP_NAME = "etikcheck"


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


@dataclass
class Environment:
    stdin: BinaryIO = field(default_factory=lambda: sys.stdin.buffer)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    stdin_isatty: bool | None = None
    stdout_isatty: bool | None = None
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    config_dir: Path | None = None
    data_dir: Path | None = None
    cache_dir: Path | None = None
    # prompt_toolkit input/output for the interview's prompts (tests pass a pipe and a dummy)
    prompt_io: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.stdin_isatty is None:
            self.stdin_isatty = _isatty(sys.stdin)
        if self.stdout_isatty is None:
            self.stdout_isatty = _isatty(self.stdout)

    def _dir(self, kind: str) -> Path:
        override = self.environ.get(f"ETIKCHECK_{kind.upper()}_DIR")
        if override:
            return Path(override)
        import platformdirs

        getter = getattr(platformdirs, f"user_{kind}_dir")
        return Path(getter(APP_NAME, appauthor=False))

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
