"""Every UI string exists in sv, da and en, and every key the code uses exists."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from etikcheck import i18n, resources
from etikcheck.model import ANSWERS, LANGS, VERDICTS
from tests.conftest import ROOT

SRC = ROOT / "src" / "etikcheck"


def test_catalogs_have_the_same_keys() -> None:
    keys = {lang: set(i18n.catalog(lang)) for lang in LANGS}
    for lang in LANGS:
        assert keys[lang] == keys["en"], f"{lang}: {keys[lang] ^ keys['en']}"


def test_no_catalog_text_is_empty() -> None:
    for lang in LANGS:
        empty = [key for key, text in i18n.catalog(lang).items() if not text.strip()]
        assert empty == [], lang


MESSAGE_KEY = re.compile(r"""["']((?:error|warn)\.[a-z0-9_.]+)["']""")


def _used_keys() -> set[str]:
    used: set[str] = set()
    pattern = re.compile(r"""\b(?:t\(\s*\w+,|Message\()\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")
    counted = re.compile(r"""\bplural\(\s*\w+,\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(pattern.findall(text)) | set(MESSAGE_KEY.findall(text))
        used |= {f"{key}{one}" for key in counted.findall(text) for one in ("", "_one")}
    used |= {f"answer.{answer}" for answer in ANSWERS}
    return used


def test_every_key_used_in_the_code_exists() -> None:
    used = _used_keys()
    assert len(used) > 10  # the scan itself works
    for lang in LANGS:
        missing = used - set(i18n.catalog(lang))
        assert missing == set(), f"{lang} lacks {missing}"


def test_every_error_message_in_the_catalogs_is_used() -> None:
    """A message no code raises any more is a translation nobody reviews: remove it."""
    used = _used_keys()
    unused = {key for key in i18n.catalog("en") if MESSAGE_KEY.fullmatch(f'"{key}"')} - used
    assert unused == set()


def test_placeholders_match_across_languages() -> None:
    field = re.compile(r"\{(\w+)\}")
    for key in i18n.catalog("en"):
        expected = sorted(field.findall(i18n.catalog("en")[key]))
        for lang in LANGS:
            assert sorted(field.findall(i18n.catalog(lang)[key])) == expected, (lang, key)


def test_a_removed_key_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from etikcheck.errors import PackError

    folder = tmp_path / "translations"
    folder.mkdir()
    data = json.loads((resources.data_path("translations") / "sv.json").read_text("utf-8"))
    del data["label.reasons"]
    (folder / "sv.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(resources, "data_path", lambda name: tmp_path / name)
    i18n.catalog.cache_clear()
    try:
        with pytest.raises(PackError, match=r"UI string 'label\.reasons' is missing"):
            i18n.t("sv", "label.reasons")
    finally:
        i18n.catalog.cache_clear()


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "sv_SE.UTF-8"}, "sv"),
        ({"LANG": "da_DK.UTF-8"}, "da"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "sv_SE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "de_DE.UTF-8"}, None),
        ({}, None),
    ],
)
def test_locale_language(environ: dict[str, str], expected: str | None) -> None:
    assert i18n.locale_lang(environ) == expected


def test_verdicts_have_labels_in_every_pack_language() -> None:
    from etikcheck.packs import registry as packs

    pack = packs.load("aarhus")
    for verdict in VERDICTS:
        for lang in LANGS:
            assert pack.verdicts[verdict].label.get(lang)
