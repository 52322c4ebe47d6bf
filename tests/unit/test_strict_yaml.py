"""The strict YAML loader: YAML 1.1 surprises stay strings; unsafe input is refused with a line."""

from __future__ import annotations

import pytest
import yaml

from etikcheck.packs import strict_yaml
from etikcheck.packs.strict_yaml import StrictYamlError, loads
from etikcheck.reading import TextError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: no", "no"),
        ("a: yes", "yes"),
        ("a: NO", "NO"),
        ("a: off", "off"),
        ("a: On", "On"),
        ("a: 1.10", "1.10"),
        ("a: 12:30", "12:30"),
        ("a: 012", "012"),
        ("a: 2024-01-01", "2024-01-01"),
        ("a: 3", 3),
        ("a: -3", -3),
        ("a: +4512345678", "+4512345678"),
        ("a: !!str 12", "12"),
        ("a: true", True),
        ("a: false", False),
        ("a: ~", None),
        ("a:", None),
        ("a: '1.5'", "1.5"),
    ],
)
def test_scalars_resolve_only_to_text_ints_bools_and_null(text: str, expected: object) -> None:
    assert loads(text)["a"] == expected


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a' (first on line 1)"),
        ("a: &x [1, 2]\nb: *x\n", 1, "anchors and aliases"),
        ("a: !!python/object/apply:os.system ['true']\n", 1, "is not allowed"),
        ("a: !custom x\n", 1, "tag '!custom' is not allowed"),
        ("a: !!float 1\n", 1, "is not allowed"),
        ("a: !!int abc\n", 1, "'abc' is not a whole number"),
        ("a: !!int 0x10\n", 1, "'0x10' is not a whole number"),
        ("a: !!bool yes\n", 1, "'yes' is not true or false"),
        ("a: !!null x\n", 1, "'x' is not null"),
        ("a: [1, 2\n", 2, ""),
        ("? [a, b]\n: c\n", 1, "keys must be text"),
    ],
)
def test_refused_input_names_the_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(StrictYamlError) as info:
        loads(text)
    assert info.value.line == line
    assert fragment in info.value.problem


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    with pytest.raises(StrictYamlError, match="aliases"):
        loads("\n".join(lines))


def test_oversized_input_is_refused() -> None:
    with pytest.raises(StrictYamlError, match="larger than"):
        loads("a: " + "x" * (strict_yaml.MAX_BYTES + 1))
    with pytest.raises(TextError, match="larger than"):
        strict_yaml.decode(b"a: " + "å".encode() * (strict_yaml.MAX_BYTES // 2 + 1))


def test_lines_of_keys_and_items_are_kept() -> None:
    data = loads("top:\n  k: v\nlist:\n  - x\n  - y\n")
    assert data.key_lines == {"top": 1, "list": 3}
    assert data["top"].key_lines == {"k": 2}
    assert data["list"].item_lines == [4, 5]


def test_not_utf8_is_reported() -> None:
    with pytest.raises(TextError, match="not UTF-8"):
        strict_yaml.decode(b"a: \xe5\n")


def test_global_pyyaml_loaders_are_untouched() -> None:
    assert yaml.safe_load("a: no") == {"a": False}


@pytest.mark.parametrize("pure", [False, True])
def test_fast_and_pure_parsers_agree(pure: bool) -> None:
    assert loads("a: no\nb: [on, 1.5]\n", pure=pure) == {"a": "no", "b": ["on", "1.5"]}
    with pytest.raises(StrictYamlError, match="duplicate key"):
        loads("a: 1\na: 2\n", pure=pure)
    with pytest.raises(StrictYamlError, match="aliases"):
        loads("a: &x 1\nb: *x\n", pure=pure)
