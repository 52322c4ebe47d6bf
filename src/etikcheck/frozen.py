"""Frozen records: typed, immutable, slotted value classes, without the dataclasses module.

Why not dataclasses: creating a dataclass runs ``inspect`` and compiles code per class, which
for the model's classes costs about 25 ms on every start, on a path (``etikcheck check --json``)
whose whole budget is about 50 ms. A :class:`Frozen` subclass lists its fields as annotations,
as a dataclass does; the metaclass gives it ``__slots__``, an ``__init__`` taking the fields
positionally or by keyword (defaults are the class attributes), ``__eq__``, ``__hash__`` and
``__repr__``, and refuses assignment. Type checkers see a frozen dataclass (PEP 681).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, ClassVar, TypeVar

    from typing_extensions import dataclass_transform

    R = TypeVar("R", bound="Frozen")
else:

    def dataclass_transform(**_options):
        return lambda cls: cls


_INIT = """\
def __init__(self, {params}):
    set = object.__setattr__
{body}
"""


def _fields(annotations: dict[str, Any]) -> tuple[str, ...]:
    return tuple(name for name, kind in annotations.items() if "ClassVar" not in str(kind))


def _make_init(fields: tuple[str, ...], defaults: dict[str, Any]) -> Callable[..., None]:
    params = ", ".join(f"{f}=_d_{f}" if f in defaults else f for f in fields)
    body = "\n".join(f"    set(self, {f!r}, {f})" for f in fields) or "    pass"
    scope: dict[str, Any] = {f"_d_{f}": value for f, value in defaults.items()}
    exec(_INIT.format(params=params, body=body), scope)
    init: Callable[..., None] = scope["__init__"]
    return init


@dataclass_transform(frozen_default=True)
class FrozenMeta(type):
    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> FrozenMeta:
        fields = _fields(namespace.get("__annotations__", {}))
        defaults = {f: namespace.pop(f) for f in fields if f in namespace}
        namespace["__slots__"] = fields
        namespace["_fields"] = fields
        if fields or "__init__" not in namespace:
            namespace["__init__"] = _make_init(fields, defaults)
        return super().__new__(mcs, name, bases, namespace)


class Frozen(metaclass=FrozenMeta):
    """Base of the model's value classes (see the module docstring)."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f) for f in self._fields)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"{type(self).__name__}({fields})"


def replace(record: R, **changes: Any) -> R:
    """A copy of ``record`` with some fields changed (as ``dataclasses.replace``)."""
    unknown = set(changes) - set(record._fields)
    if unknown:
        raise TypeError(f"{type(record).__name__} has no field {sorted(unknown)[0]!r}")
    values = {f: changes.get(f, getattr(record, f)) for f in record._fields}
    return type(record)(**values)
