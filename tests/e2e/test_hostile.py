"""Hostile input, class by class: every read is bounded, no input gives a traceback, outside
text never reaches a terminal raw, closed and full stdout end cleanly.

The commands run as real processes of the installed etikcheck (a memory cap proves the bound:
an unbounded read of /dev/zero would be killed by it, not answered).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, RunCli

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs /dev/zero and /dev/full")
MEMORY_CAP = 512 * 1024 * 1024
ALL_YES = ["-a", "lawful=yes", "-a", "values=yes", "-a", "ethical=yes", "-a", "reputation=yes"]
GOOD = {
    "council": "aarhus",
    "answers": {"lawful": "yes", "values": "yes", "ethical": "yes", "reputation": "yes"},
}


def _etikcheck() -> str:
    found = shutil.which("etikcheck", path=str(Path(sys.executable).parent))
    assert found is not None, "the etikcheck command is not installed next to this Python"
    return found


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run(
    tmp: Path, *argv: str, stdin: object = subprocess.DEVNULL, **kw: object
) -> subprocess.CompletedProcess[bytes]:
    env = {
        "PATH": os.environ["PATH"],
        "LANG": "C.UTF-8",
        "HOME": str(tmp),
        "ETIKCHECK_CONFIG_DIR": str(tmp / "config"),
        "ETIKCHECK_DATA_DIR": str(tmp / "data"),
        "ETIKCHECK_CACHE_DIR": str(tmp / "cache"),
    }
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kw}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [_etikcheck(), *argv],
        stdin=stdin,
        env=env,
        preexec_fn=_cap,
        timeout=60,
        check=False,
        **streams,
    )


# -- 1. every read is bounded ---------------------------------------------------------------------


def _link(target: Path, to: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(to)
    return target


@pytest.mark.parametrize(
    ("setup", "argv", "code", "message"),
    [
        (
            None,
            ["check", "--input", "/dev/zero"],
            2,
            "--input /dev/zero: the file is larger than 2 MiB",
        ),
        ("stdin", ["check", "--json"], 2, "stdin: the input is larger than 2 MiB"),
        (None, ["batch", "--input", "/dev/zero"], 2, "line 1: the line is longer than 64 KiB"),
        ("stdin", ["batch"], 2, "line 1: the line is longer than 64 KiB"),
        (
            None,
            ["train", "tally", "--council", "aarhus", "/dev/zero"],
            0,
            "advarsel: /dev/zero: filen er større end 256 KiB; sprunget over",
        ),
        ("journal", ["journal"], 0, "line 1 is longer than 64 KiB and was skipped"),
        ("settings", ["topics", "--council", "aarhus"], 2, "filen er større end 256 KiB"),
        ("pack", ["rules", "lint", "{tmp}/p"], 1, "the file is larger than 2 MiB"),
        ("pack", ["check", "--rules", "{tmp}/p", *ALL_YES], 3, "the file is larger than 2 MiB"),
        (
            None,
            ["train", "deck", "--council", "aarhus", "--deck", "/dev/zero"],
            3,
            "/dev/zero: filen er større end 2 MiB",
        ),
    ],
    ids=[
        "check-input",
        "check-stdin",
        "batch-input",
        "batch-stdin",
        "tally",
        "journal",
        "settings",
        "lint",
        "pack",
        "deck",
    ],
)
def test_every_read_is_bounded(
    tmp_path: Path, setup: str | None, argv: list[str], code: int, message: str
) -> None:
    stdin: object = subprocess.DEVNULL
    if setup == "stdin":
        stdin = open("/dev/zero", "rb")  # noqa: SIM115 - closed by the process ending
    elif setup == "journal":
        _link(tmp_path / "data" / "journal.jsonl", "/dev/zero")
    elif setup == "settings":
        _link(tmp_path / "config" / "settings.json", "/dev/zero")
    elif setup == "pack":
        _link(tmp_path / "p" / "pack.yaml", "/dev/zero")
    result = run(tmp_path, *(a.replace("{tmp}", str(tmp_path)) for a in argv), stdin=stdin)
    stderr = result.stderr.decode()
    assert result.returncode == code, stderr
    assert message in stderr + result.stdout.decode()  # lint reports problems on stdout
    assert "Traceback" not in stderr


# -- 2. no traceback, whatever the JSON ----------------------------------------------------------

HOSTILE = [
    (b"[" * 100_000, "input", "nested deeper than 64 levels"),
    (b'{"answers": {"lawful": ' + b"1" * 5000 + b"}}", "input", "invalid JSON: Exceeds the limit"),
    (b'{"council": "\\ud800"}', "council", "text with a lone surrogate"),
    (b'{"\\ud800": 1}', "\\ud800", "a key with a lone surrogate"),
    (
        b'{"answers": {"lawful": "no", "lawful": "yes", "values": "yes", "ethical": "yes", '
        b'"reputation": "yes"}, "council": "aarhus"}',
        "lawful",
        "duplicate key 'lawful'",
    ),
]
IDS = ["deep", "huge-int", "surrogate-value", "surrogate-key", "duplicate-key"]


@pytest.mark.parametrize(("data", "field", "message"), HOSTILE, ids=IDS)
def test_check_names_the_field_and_writes_a_valid_json_error(
    cli: RunCli, data: bytes, field: str, message: str
) -> None:
    result = cli("check", "--json", stdin=data)
    assert result.code == 2
    error = json.loads(result.stdout)["error"]  # valid JSON, whatever the input held
    assert error["field"] == field
    assert message in error["message"]
    assert message in result.stderr
    result.stdout.encode("utf-8")  # and writable as UTF-8: lone surrogates come out escaped


@pytest.mark.parametrize(("data", "field", "message"), HOSTILE, ids=IDS)
def test_settings_with_hostile_json_are_an_error_naming_the_file(
    cli: RunCli, dirs: dict[str, Path], data: bytes, field: str, message: str
) -> None:
    dirs["config"].mkdir(parents=True)
    (dirs["config"] / "settings.json").write_bytes(data)
    result = cli("topics")
    assert result.code == 2
    assert "settings.json: the settings file is damaged" in result.stderr
    assert message in result.stderr


@pytest.mark.parametrize(("data", "field", "message"), HOSTILE, ids=IDS)
def test_a_hostile_answer_file_is_skipped_with_a_warning(
    cli: RunCli, tmp_path: Path, data: bytes, field: str, message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(data)
    result = cli(
        "train", "tally", "--council", "aarhus", "--lang", "en", str(bad), str(bad), "/x.json"
    )
    assert result.code == 0
    assert f"{bad}: {message}" in result.stderr
    assert f"{bad}: given more than once; counted once" in result.stderr
    assert "/x.json: cannot read the file (No such file or directory); skipped" in result.stderr


@pytest.mark.parametrize(
    "line",
    [
        *(data for data, _, _ in HOSTILE[1:]),
        b'{"decision": {}}',
        b'{"decision": {"verdict": 3}}',
        b"[]",
        b'{"saved_at": "x", "decision": "proceed"}',
    ],
)
def test_a_malformed_journal_record_is_skipped_by_every_journal_command(
    cli: RunCli, dirs: dict[str, Path], line: bytes
) -> None:
    cli("config", "set", "council", "aarhus")
    journal = dirs["data"] / "journal.jsonl"
    journal.parent.mkdir(parents=True)
    journal.write_bytes(line + b"\n")
    for argv in (
        ["journal"],
        ["journal", "--json"],
        ["journal", "export"],
        ["journal", "show", "1"],
    ):
        result = cli(*argv)
        assert "Traceback" not in result.stderr
        assert "linje 1 er" in result.stderr, argv  # the council's language: Danish
    assert cli("journal", "show", "1").code == 2  # there is no readable record 1


# -- 4. all text from outside is data on a terminal -----------------------------------------------

OSC52 = "\x1b]52;c;UFdO\x07"
RLO = "\u202e"


def _safe(text: str) -> None:
    assert "\x1b" not in text
    assert "\x07" not in text
    assert RLO not in text
    assert "\x9b" not in text


@pytest.mark.parametrize(
    ("argv", "stdin", "shown"),
    [
        (["check", "--json"], json.dumps({OSC52: 1}).encode(), "\\x1b]52;c;UFdO\\x07"),
        (
            ["check", "--json"],
            json.dumps({**GOOD, "answers": {f"x{RLO}": "yes"}}).encode(),
            "\\u202e",
        ),
        (["check", f"--bogus{OSC52}"], b"", "\\x1b]52"),
        (["check", "--input", f"/nonexistent{RLO}.json"], b"", "\\u202e"),
        (["batch"], json.dumps({"council": f"x{OSC52}"}).encode() + b"\n", "\\x1b]52"),
        (["check", "--council", "oslo\x9b31m", *ALL_YES], b"", "\\x9b31m"),
    ],
    ids=["json-key", "answer-id", "argv", "input-path", "batch-line", "c1-council"],
)
def test_outside_text_is_escaped_on_stderr_and_stdout(
    cli: RunCli, argv: list[str], stdin: bytes, shown: str
) -> None:
    result = cli(*argv, stdin=stdin)
    assert result.code == 2
    _safe(result.stderr)
    _safe(result.stdout)
    assert shown in result.stderr


def test_a_packs_own_texts_are_escaped_in_every_renderer(cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    text = (FIXTURES / "packs" / "minimal" / "pack.yaml").read_text(encoding="utf-8")
    text = text.replace('version: "0.1"', 'version: "0.1\\e[31m\\u202e"')
    text = text.replace("en: Test Council}", 'en: "Test\\e]52;c;x\\u0007 Council"}')
    text = text.replace("en: We care.}", 'en: "We \\u202ecare."}')
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    flags = ["--rules", str(folder), "--lang", "en"]
    outputs = [
        cli("check", *flags, *ALL_YES).stdout,
        cli("check", *flags, "--json", *ALL_YES).stdout,
        cli("questions", *flags).stdout,
        cli("questions", *flags, "--json").stdout,
        cli("topics", *flags).stdout,
        cli("rules", "show", str(folder)).stdout,
        cli("rules", "show", str(folder), "--json").stdout,
    ]
    for output in outputs:
        assert output
        _safe(output)
    assert "0.1\\x1b[31m\\u202e" in outputs[0]


# -- 5. closed and full stdout -------------------------------------------------------------------


def test_a_closed_pipe_ends_batch_quietly(tmp_path: Path) -> None:
    lines = (json.dumps(GOOD) + "\n") * 5000
    proc = subprocess.Popen(
        f"{_etikcheck()} batch | head -1",
        shell=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={
            **os.environ,
            "ETIKCHECK_CACHE_DIR": str(tmp_path),
            "ETIKCHECK_CONFIG_DIR": str(tmp_path),
        },
        executable="/bin/bash",
    )
    out, err = proc.communicate(lines.encode(), timeout=60)
    assert json.loads(out)["line"] == 1
    assert err == b""  # no traceback, no "Broken pipe", no "cannot read"


@pytest.mark.parametrize(
    "command",
    [["check", "--json", "--council", "aarhus", *ALL_YES], ["batch", "--input", "{lines}"]],
)
def test_a_full_disk_names_stdout(tmp_path: Path, command: list[str]) -> None:
    lines = tmp_path / "lines.jsonl"
    lines.write_text((json.dumps(GOOD) + "\n") * 2000, encoding="utf-8")
    argv = [a.replace("{lines}", str(lines)) for a in command]
    with open("/dev/full", "wb") as full:
        result = run(tmp_path, *argv, stdout=full)
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert "etikcheck: cannot write to stdout: No space left on device" in stderr
    assert "Traceback" not in stderr


def test_a_closed_stdout_names_stdout(tmp_path: Path) -> None:
    result = subprocess.run(
        f"{_etikcheck()} check --json --council aarhus {' '.join(ALL_YES)} >&-",
        shell=True,
        capture_output=False,
        stderr=subprocess.PIPE,
        check=False,
        executable="/bin/bash",
        env={
            **os.environ,
            "ETIKCHECK_CACHE_DIR": str(tmp_path),
            "ETIKCHECK_CONFIG_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 2
    assert b"etikcheck: cannot write to stdout: it is closed" in result.stderr


def test_a_pack_that_is_a_private_key_is_not_echoed(cli: RunCli, tmp_path: Path) -> None:
    key = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + "b3BlbnNzaC1rZXktdjEAAAAA" * 40 + "\n"
    secret = tmp_path / "id_ed25519"
    secret.write_text(key + "-----END OPENSSH PRIVATE KEY-----\n", encoding="utf-8")
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "pack.yaml").symlink_to(secret)
    for argv in (["rules", "lint", str(folder)], ["check", "--rules", str(folder), *ALL_YES]):
        result = cli(*argv)
        shown = result.stdout + result.stderr
        assert "b3BlbnNzaC1rZXktdjEAAAAAb3BlbnNzaC1rZXktdjEAAAAA" not in shown
        assert len(shown) < 600
