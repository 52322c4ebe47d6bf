"""Frozen records: the model's value classes without the dataclasses module."""

from __future__ import annotations

import pytest

from etikcheck.frozen import Frozen, replace


class Point(Frozen):
    x: int
    y: int = 0
    label: str | None = None


def test_fields_defaults_equality_and_hash() -> None:
    assert Point(1) == Point(x=1, y=0, label=None)
    assert Point(1, 2) != Point(2, 1)
    assert len({Point(1, 2), Point(1, 2), Point(2, 1)}) == 2
    assert repr(Point(1, 2)) == "Point(x=1, y=2, label=None)"
    assert Point._fields == ("x", "y", "label")
    assert not hasattr(Point(1), "__dict__")  # slotted


def test_frozen_and_strict_arguments() -> None:
    point = Point(1)
    with pytest.raises(AttributeError, match="Point is frozen: cannot set 'x'"):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, z=3)  # type: ignore[call-arg]


def test_replace_copies_with_changes() -> None:
    assert replace(Point(1, 2), y=5) == Point(1, 5)
    with pytest.raises(TypeError, match="Point has no field 'z'"):
        replace(Point(1), z=1)


def test_positional_keyword_and_default_calls_agree() -> None:
    # the fast path (every field in order) and the binding path build the same record
    assert Point(1, 2, "a") == Point(x=1, y=2, label="a") == Point(1, label="a", y=2)
    assert Point(1, 2, "a")._values() == (1, 2, "a")
    with pytest.raises(TypeError, match="given twice"):
        Point(1, x=2)  # type: ignore[misc]
    with pytest.raises(TypeError, match="takes 3 arguments"):
        Point(1, 2, "a", 4)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="missing argument 'x'"):
        Point(y=1)  # type: ignore[call-arg]


def test_each_class_builds_its_own_records() -> None:
    class Pair(Frozen):
        a: int
        b: int

    assert (Pair(1, 2).a, Pair(1, 2).b, Point(3).x) == (1, 2, 3)
    with pytest.raises(TypeError):
        Pair.__dict__["a"].__set__(Point(1), 5)  # a slot's setter is its own class's only
