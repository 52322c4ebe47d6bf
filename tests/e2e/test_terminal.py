"""End to end in a real pseudo-terminal: the installed etikcheck, answered by keystrokes."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pexpect
import pytest

from tests.e2e.terminal import etikcheck_command, terminal_env

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty"),
    pytest.mark.slow,
]
# an SGR sequence that sets a colour (30–37, 40–47, 90–97, 100–107, 38;… or 48;…)
COLOUR = re.compile(r"\x1b\[(?:[0-9]*;)*(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9]*)*m")


def spawn(tmp_path: Path, *argv: str, **environ: str) -> pexpect.spawn:
    env = {
        **terminal_env(tmp_path),
        **environ,
    }
    child = pexpect.spawn(
        etikcheck_command(),
        ["--council", "vasteras", "--lang", "sv", *argv],
        env=env,
        encoding="utf-8",
        dimensions=(50, 100),
        timeout=30,
    )
    child.delaybeforesend = None
    return child


def test_an_explicit_interview_reaches_the_result(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    child.expect("Beskriv kort vad du tänker göra")
    child.send("Jag har bjudits på middag\r")
    child.expect("Vad gäller situationen")
    child.expect(r"Tillbaka")
    child.send("a\r")  # none of these topics: the eleventh choice, key a
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
    child.expect("Vad som skulle ändra rekommendationen")
    child.expect("Din gruppledare")
    child.expect("Vill du spara en beslutsanteckning")
    child.send("1\r")
    child.expect("Inget sparades")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "CPR" not in (child.before or "")
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("plain", [False, True], ids=["arrow-keys", "plain"])
def test_enter_alone_never_reaches_a_result(tmp_path: Path, plain: bool) -> None:
    child = spawn(tmp_path, *(["--plain"] if plain else []))
    child.expect("Beskriv kort vad du tänker göra")
    child.send("\r")  # the situation may be left empty
    child.expect("Vad gäller situationen")
    seen = ""
    for _ in range(25):  # a careless member pressing Enter, again and again
        child.send("\r")
        try:
            child.expect(r"Välj ett svar först|Det förstod jag inte", timeout=5)
        except pexpect.TIMEOUT:
            pytest.fail("an Enter alone chose an answer")
        seen += child.before or ""
    assert "Fråga 1 av 4" not in seen  # not even the topic was chosen
    assert "Rekommendation" not in seen
    child.sendintr()
    child.expect("avbrutet; inget sparades")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_going_back_keeps_the_earlier_answer_preselected(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--plain")
    child.expect("Beskriv kort")
    child.send("\r")
    child.expect("Vad gäller situationen")
    child.send("11\r")
    child.expect("Är det lagligt")
    child.send("2\r")  # lawful: no
    child.expect("Samarbete och handlingskraft")
    child.send("5\r")  # back
    child.expect(r"Enter = Nej")  # the earlier answer is offered, as a deliberate default
    child.send("\r")
    child.expect("Samarbete och handlingskraft")
    child.sendintr()
    child.expect(pexpect.EOF)


def test_no_color_keeps_arrow_keys_and_shows_no_colour(tmp_path: Path) -> None:
    child = spawn(tmp_path, NO_COLOR="1")
    child.expect("Beskriv kort")
    child.send("\r")
    child.expect(r"eller piltangenterna")  # the arrow-key prompt, not the plain one
    child.send("a\r")
    child.expect(r"5\) Tillbaka")
    shown = child.before or ""
    child.sendintr()
    child.expect(pexpect.EOF)
    assert "»" in shown or "❯" in shown or "Tillbaka" in shown
    assert not COLOUR.search(shown), repr(COLOUR.search(shown))
    assert "Svara med en siffra" not in shown


def test_interrupted_at_the_first_question(tmp_path: Path) -> None:
    interrupted = spawn(tmp_path)
    interrupted.expect("Beskriv kort")
    interrupted.sendintr()
    interrupted.expect("avbrutet; inget sparades")
    interrupted.expect(pexpect.EOF)
    interrupted.close()
    assert interrupted.exitstatus == 130
    assert "Traceback" not in (interrupted.before or "")
