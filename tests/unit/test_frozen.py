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
