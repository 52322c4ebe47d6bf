"""Strict YAML for packs, decks and answer files.

PyYAML implements YAML 1.1, where unquoted ``no``, ``yes``, ``on`` and ``off`` load as booleans
(our answers!), ``1.10`` as a float, ``12:30`` as 750 and dates as datetimes. This loader resolves
plain scalars only to ``true``/``false``, decimal integers and null; everything else stays a string.
It also rejects duplicate keys, aliases (no alias bombs), explicit tags, and oversized input, and
keeps the line of every mapping key and list item so validation errors can point at them.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import yaml

from etikcheck.reading import MAX_BYTES, TextError, decode

__all__ = ["MAX_BYTES", "StrictYamlError", "YList", "YMap", "decode", "loads"]


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_ALLOWED_TAGS = frozenset({_STR, _INT, _BOOL, _NULL, _MAP, _SEQ})


class StrictYamlError(TextError):
    """A YAML problem with a 1-based line (and column where known)."""


class YMap(dict[str, Any]):
    """A mapping that remembers its own line and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


class YList(list[Any]):
    """A list that remembers its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _error_at(node: yaml.Node, problem: str) -> StrictYamlError:
    return StrictYamlError(problem, _line(node), int(node.start_mark.column) + 1)


def _construct_map(loader: Any, node: yaml.MappingNode) -> YMap:
    result = YMap()
    result.line = _line(node)
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node)
        if not isinstance(key, str):
            raise _error_at(key_node, f"keys must be text, not {key!r}")
        if key in result:
            raise _error_at(
                key_node, f"duplicate key {key!r} (first on line {result.key_lines[key]})"
            )
        result[key] = loader.construct_object(value_node)
        result.key_lines[key] = _line(key_node)
    return result


def _construct_seq(loader: Any, node: yaml.SequenceNode) -> YList:
    result = YList(loader.construct_object(child) for child in node.value)
    result.line = _line(node)
    result.item_lines = [_line(child) for child in node.value]
    return result


_INT_RE = re.compile(r"^-?(?:0|[1-9][0-9]*)$")
_BOOL_RE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL_RE = re.compile(r"^(?:~|null|Null|NULL|)$")


def _construct_int(loader: Any, node: yaml.ScalarNode) -> int:
    if not _INT_RE.match(node.value):  # only reachable through an explicit !!int tag
        raise _error_at(node, f"{node.value!r} is not a whole number")
    return int(node.value)


def _construct_bool(loader: Any, node: yaml.ScalarNode) -> bool:
    if not _BOOL_RE.match(node.value):  # !!bool yes must not bring YAML 1.1 back
        raise _error_at(node, f"{node.value!r} is not true or false")
    return bool(node.value.lower() == "true")


def _construct_null(loader: Any, node: yaml.ScalarNode) -> None:
    if not _NULL_RE.match(node.value):
        raise _error_at(node, f"{node.value!r} is not null")


def _strict(base: Any) -> Any:
    """A strict loader class on ``base`` (libyaml's CSafeLoader or the pure-Python one)."""

    class Strict(base):  # type: ignore[misc]
        yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}

        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            if node in self.constructed_objects or node in self.recursive_objects:
                raise _error_at(
                    node, "anchors and aliases (&name, *name) are not allowed; write the value out"
                )
            if node.tag not in _ALLOWED_TAGS:
                raise _error_at(node, f"tag {node.tag!r} is not allowed")
            return super().construct_object(node, deep=True)

    Strict.add_constructor(_MAP, _construct_map)
    Strict.add_constructor(_SEQ, _construct_seq)
    Strict.add_constructor(_INT, _construct_int)
    Strict.add_constructor(_BOOL, _construct_bool)
    Strict.add_constructor(_NULL, _construct_null)
    Strict.add_implicit_resolver(_BOOL, _BOOL_RE, list("tTfF"))
    Strict.add_implicit_resolver(_INT, _INT_RE, list("-0123456789"))
    Strict.add_implicit_resolver(_NULL, _NULL_RE, ["~", "n", "N", ""])
    return Strict


_FAST = _strict(getattr(yaml, "CSafeLoader", yaml.SafeLoader))
_PURE = _strict(yaml.SafeLoader)


def _refuse_anchors(text: str, loader: Any) -> None:
    """Anchors are refused even when no alias uses them (``&x`` alone): an anchor only makes
    sense with an alias, and aliases are refused. The parser's events carry the anchors."""
    for event in yaml.parse(text, Loader=loader):
        mark = event.start_mark
        if getattr(event, "anchor", None) is not None and mark is not None:
            line, column = int(mark.line) + 1, int(mark.column) + 1
            raise StrictYamlError(
                "anchors and aliases (&name, *name) are not allowed; write the value out",
                line,
                column,
            )


def loads(text: str, pure: bool = False) -> Any:
    """Parse one YAML document strictly; an empty document is None.

    ``pure`` forces the pure-Python parser (libyaml may be missing on some machines; tests run
    both).
    """
    if len(text) > MAX_BYTES:
        raise StrictYamlError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    base = _PURE if pure else _FAST
    loader = None
    try:
        loader = base(text)
        _refuse_anchors(text, base)
        return loader.get_single_data()
    except yaml.reader.ReaderError as exc:  # a control character: name its line
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise StrictYamlError(
            f"the control character \\x{code:02x} is not allowed in YAML", line
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = ": ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        if mark is None:
            raise StrictYamlError(problem) from None
        raise StrictYamlError(problem, mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise StrictYamlError(f"invalid YAML: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()
