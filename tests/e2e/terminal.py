"""What the end-to-end tests in a real pseudo-terminal share."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest


def etikcheck_command() -> str:
    """The installed etikcheck next to this Python (what a member runs)."""
    found = shutil.which("etikcheck", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("the etikcheck command is not installed next to this Python")
    return found


def terminal_env(home: Path) -> dict[str, str]:
    """A member's terminal: UTF-8, colours, and etikcheck's folders under ``home``."""
    return {
        "PATH": str(Path(sys.executable).parent),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
        "ETIKCHECK_CONFIG_DIR": str(home / "config"),
        "ETIKCHECK_DATA_DIR": str(home / "data"),
    }
