"""Language choice and the UI-string catalogs in ``translations/<lang>.json``.

Pack texts (questions, values, rules) come from the packs; these catalogs hold only the words of
the tool itself: labels, prompts, hints. Every catalog has the same keys (a test checks it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache

from etikcheck import resources
from etikcheck.errors import PackError
from etikcheck.model import LANGS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

_LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")


def catalog_files() -> tuple[Path, ...]:
    """The UI strings' files: a pack holds some of their texts (the floor's, a topic's
    default), so a pack's hash covers them."""
    folder = resources.data_path("translations")
    return tuple(folder / f"{lang}.json" for lang in LANGS)


@cache
def catalog(lang: str, kind: str = "") -> Mapping[str, str]:
    """The UI strings of ``lang`` (``kind`` "help": the command-line help texts)."""
    folder = resources.data_path("translations")
    path = (folder / kind if kind else folder) / f"{lang}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PackError(f"cannot read the UI strings: {exc}", str(path)) from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise PackError("UI strings must be one JSON object of text", str(path))
    return data


def t(lang: str, key: str, /, **params: object) -> str:
    """The UI string ``key`` in ``lang``; a missing key is a broken install (PackError)."""
    try:
        text = catalog(lang)[key]
    except KeyError:
        raise PackError(f"UI string {key!r} is missing", f"translations/{lang}.json") from None
    return text.format(**params) if params else text


def plural(lang: str, key: str, n: int, /, **params: object) -> str:
    """``key`` for a count: ``key_one`` when there is one (every catalog has both)."""
    return t(lang, f"{key}_one" if n == 1 else key, n=n, **params)


QUOTES = {"sv": ("”", "”"), "da": ("»", "«"), "en": ("“", "”")}


# Quotation marks inside a quotation: Swedish ’…’, Danish ›…‹, English ‘…’.
INNER = {
    "sv": str.maketrans("”", "’"),
    "da": str.maketrans("»«", "›‹"),
    "en": str.maketrans("“”", "‘’"),
}


def quoted(text: str, lang: str) -> str:
    """``text`` in the quotation marks of ``lang``: Swedish ”…”, Danish »…«, English “…”; the
    same marks inside it become the inner ones (”Är det förenligt med värderingen ’X’?”)."""
    opening, closing = QUOTES[lang]
    return f"{opening}{text.translate(INNER[lang])}{closing}"


def help_text(lang: str, key: str) -> str | None:
    """A command-line help text (``translations/help/<lang>.json``), None when it has none."""
    return catalog(lang, "help").get(key)


def locale_lang(environ: Mapping[str, str]) -> str | None:
    """sv, da or en from the POSIX locale variables, if they name one of them."""
    for var in _LOCALE_VARS:
        value = environ.get(var, "")
        if value:
            code = value.split("_")[0].split(".")[0].lower()
            return code if code in LANGS else None
    return None
