"""Shared helpers: run the CLI in-process with fake streams and private directories."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from etikcheck.cli.main import run
from etikcheck.environment import Environment

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
# The four test questions answered yes, as check flags
ALL_YES = ["-a", "lawful=yes", "-a", "values=yes", "-a", "ethical=yes", "-a", "reputation=yes"]


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


RunCli = Callable[..., Result]


@pytest.fixture(scope="session")
def pack_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pack cache for the whole run: entries are keyed by content, so tests can share it
    (tests of the cache itself use a folder of their own)."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def dirs(tmp_path: Path, pack_cache: Path) -> dict[str, Path]:
    return {
        "config": tmp_path / "config",
        "data": tmp_path / "data",
        "cache": pack_cache,
    }


@pytest.fixture
def cli(dirs: dict[str, Path]) -> RunCli:
    """Run etikcheck in-process: ``cli("check", "--json", stdin=b"...")``.

    ``keys`` drives the real questionary prompts headlessly (a prompt_toolkit pipe input and a
    dummy output, as questionary's own tests do) and implies that stdin is a terminal.
    """

    def _run(
        *argv: str,
        stdin: bytes = b"",
        stdin_isatty: bool = False,
        environ: Mapping[str, str] | None = None,
        keys: str | None = None,
    ) -> Result:
        out, err = io.StringIO(), io.StringIO()

        def execute(prompt_io: dict[str, object], tty: bool) -> int:
            env = Environment(
                stdin=io.BytesIO(stdin),
                stdout=out,
                stderr=err,
                stdin_isatty=tty,
                stdout_isatty=False,
                environ={"LANG": "C.UTF-8", **(environ or {})},
                config_dir=dirs["config"],
                data_dir=dirs["data"],
                cache_dir=dirs["cache"],
                prompt_io=prompt_io,
            )
            return run(list(argv), env)

        if keys is None:
            code = execute({}, stdin_isatty)
        else:
            with create_pipe_input() as pipe:
                pipe.send_text(keys)
                pipe.close()  # the keys run out: end of input, never a hang
                code = execute({"input": pipe, "output": DummyOutput()}, True)
        result = Result(code, out.getvalue(), err.getvalue())
        assert "Traceback" not in result.stderr
        return result

    return _run
