"""End to end in a real pseudo-terminal: the installed etikcheck, answered by keystrokes."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pexpect
import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


def _etikcheck() -> str:
    found = shutil.which("etikcheck", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("the etikcheck command is not installed next to this Python")
    return found


@pytest.mark.slow
def test_interview_in_a_real_terminal(tmp_path: Path) -> None:
    env = {
        "PATH": str(Path(sys.executable).parent),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
        "ETIKCHECK_CONFIG_DIR": str(tmp_path / "config"),
        "ETIKCHECK_DATA_DIR": str(tmp_path / "data"),
    }

    def spawn() -> pexpect.spawn:
        return pexpect.spawn(
            _etikcheck(),
            ["--council", "vasteras", "--lang", "sv"],
            env=env,
            encoding="utf-8",
            dimensions=(50, 100),
            timeout=30,
        )

    child = spawn()
    child.expect("Beskriv kort vad du tänker göra")
    child.send("Jag har bjudits på middag\r")
    child.expect("Vad gäller situationen")
    child.expect(r"Tillbaka")
    child.send("\r")  # none of these topics
    child.expect("Fråga 1 av 4")
    child.expect(r"5\) Tillbaka")
    child.send("3\r")  # lawful: unsure
    for _ in range(4):  # the four lines of the värdegrund
        child.expect("Är det förenligt med värderingen")
        child.expect(r"5\) Tillbaka")
        child.send("1\r")
    for question in ("Är det etiskt", "Kommer det att återspegla positivt"):
        child.expect(question)
        child.expect(r"5\) Tillbaka")
        child.send("1\r")
    child.expect("Visa rekommendationen")
    child.send("1\r")
    child.expect("Rådgör först")
    child.expect("Ta gärna hjälp av någon mer när du känner dig osäker")
    child.expect("Din gruppledare")
    child.expect("Vill du spara ett beslutsunderlag")
    child.send("1\r")
    child.expect("Inget sparades")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert not (tmp_path / "data").exists()

    interrupted = spawn()
    interrupted.expect("Beskriv kort")
    interrupted.sendintr()
    interrupted.expect("avbrutet; inget sparades")
    interrupted.expect(pexpect.EOF)
    interrupted.close()
    assert interrupted.exitstatus == 130
    assert "Traceback" not in (interrupted.before or "")
