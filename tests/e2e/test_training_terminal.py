"""A facilitated session in a real pseudo-terminal: the installed etikcheck, questionary's own
prompts, a real Ctrl-C (SIGINT) and the report it offers to keep."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pexpect
import pytest

from tests.conftest import FIXTURES
from tests.e2e.terminal import etikcheck_command, terminal_env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.mark.slow
def test_a_session_in_a_real_terminal_hides_the_note_and_survives_ctrl_c(tmp_path: Path) -> None:
    env = terminal_env(tmp_path)
    deck = FIXTURES / "decks" / "aarhus-two.yaml"
    child = pexpect.spawn(
        etikcheck_command(),
        ["train", "--council", "aarhus", "--lang", "en", "--deck", str(deck)],
        env=env,
        encoding="utf-8",
        dimensions=(50, 120),
        timeout=30,
        cwd=str(tmp_path),
    )
    child.expect(r"4\) End the session")
    child.send("2")  # the shortcut of scenario 2
    child.send("\r")
    child.expect("The choice the group tests: to say nothing")
    child.expect("1/5. To say nothing: is it legal")
    child.send("0 0 0\r")
    child.expect("At least one vote is needed")
    child.send("8 0 0\r")
    child.expect("2/5")
    child.send("<\r")  # back: question 1 again, its counts offered
    child.expect("1/5")
    child.send("\r")
    for n in range(2, 6):
        child.expect(f"{n}/5")
        child.send("7 1 0\r")
    child.expect("What next")
    child.expect(r"3\) Go on")
    seen = ANSI.sub("", child.before or "")
    assert "The meeting chair has the red button" not in seen
    child.send("\r")  # the default: show the note
    child.expect("For the facilitator: The meeting chair has the red button.")
    child.expect(r"2\) Go on")
    child.send("\r")  # the default now: go on
    child.expect("Notes from the discussion")
    child.sendintr()  # Ctrl-C at the notes: the votes are kept
    child.expect("The session was interrupted.")
    child.expect(r"3\) Yes, as HTML")
    child.send("2\r")  # Markdown
    child.expect("File name")
    child.send("\r")
    child.expect("The report contains:")
    child.expect("2. A sharp tone: all votes")
    child.expect("interrupted; the report of the session so far is in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    [report] = list(tmp_path.glob("etikcheck-training-*.md"))
    text = report.read_text(encoding="utf-8")
    assert '"scenarios": ["sharp-tone"]' in text.splitlines()[0]
    assert "| Is it legal? | 8 | 0 | 0 |" in text
    assert report.stat().st_mode & 0o777 == 0o600
