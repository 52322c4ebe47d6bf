"""Shared helpers: run the CLI in-process with fake streams and private directories."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from etikcheck.entry import run
from etikcheck.environment import Environment

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


RunCli = Callable[..., Result]


@pytest.fixture
def cli(tmp_path: Path) -> RunCli:
    """Run etikcheck in-process: ``cli("check", "--json", stdin=b"...")``."""

    def _run(
        *argv: str,
        stdin: bytes = b"",
        stdin_isatty: bool = False,
        environ: Mapping[str, str] | None = None,
    ) -> Result:
        out, err = io.StringIO(), io.StringIO()
        env = Environment(
            stdin=io.BytesIO(stdin),
            stdout=out,
            stderr=err,
            stdin_isatty=stdin_isatty,
            stdout_isatty=False,
            environ={"LANG": "C.UTF-8", **(environ or {})},
            config_dir=tmp_path / "config",
            data_dir=tmp_path / "data",
            cache_dir=tmp_path / "cache",
        )
        code = run(list(argv), env)
        result = Result(code, out.getvalue(), err.getvalue())
        assert "Traceback" not in result.stderr
        return result

    return _run
