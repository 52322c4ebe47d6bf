"""The system's reasons (strerror) in the session's language; in English exactly as before."""

from __future__ import annotations

import errno
import os

import pytest

from etikcheck.errors import Message, os_reason

REASONS = [
    (errno.ENOENT, "den finns inte", "den findes ikke"),
    (errno.EISDIR, "det är en mapp", "det er en mappe"),
    (errno.EACCES, "behörighet saknas", "adgang nægtet"),
    (errno.EPERM, "åtgärden är inte tillåten", "handlingen er ikke tilladt"),
    (errno.ENOTDIR, "en del av sökvägen är inte en mapp", "en del af stien er ikke en mappe"),
    (errno.ELOOP, "för många nivåer av symboliska länkar", "for mange niveauer af symbolske links"),
    (errno.ENAMETOOLONG, "namnet är för långt", "navnet er for langt"),
]


@pytest.mark.parametrize(("code", "sv", "da"), REASONS)
def test_common_reasons_are_translated(code: int, sv: str, da: str) -> None:
    exc = OSError(code, os.strerror(code), "/tmp/x")
    message = Message("error.cannot_read_file", path="--input /tmp/x", reason=os_reason(exc))
    assert message.render("sv") == f"--input /tmp/x: kan inte läsa filen: {sv}"
    assert message.render("da") == f"--input /tmp/x: kan ikke læse filen: {da}"
    # English (and so every JSON message) is the system's own text, unchanged
    assert message.render("en") == f"--input /tmp/x: cannot read the file: {os.strerror(code)}"
    assert str(message) == message.render("en")


def test_english_catalog_holds_the_systems_own_text() -> None:
    from etikcheck.i18n import t

    for code, _sv, _da in REASONS:
        key = os_reason(OSError(code, "x")).key  # type: ignore[union-attr]
        assert t("en", key) == os.strerror(code)


def test_an_unknown_reason_is_said_as_the_system_says_it() -> None:
    exc = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    message = Message("error.cannot_write_file", path="/tmp/x", reason=os_reason(exc))
    assert message.render("sv") == "/tmp/x: kan inte skriva till filen: No space left on device"
    assert os_reason(OSError("no errno at all")) == "no errno at all"
