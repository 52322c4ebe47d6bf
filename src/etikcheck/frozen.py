"""Frozen records: typed, immutable, slotted value classes, without the dataclasses module.

Why not dataclasses: creating a dataclass runs ``inspect`` and compiles code per class, which
for the model's classes costs about 25 ms on every start, on a path (``etikcheck check --json``)
whose whole budget is about 40 ms. A :class:`Frozen` subclass lists its fields as annotations,
as a dataclass does; the metaclass gives it ``__slots__``, an ``__init__`` taking the fields
positionally or by keyword (defaults are the class attributes), ``__eq__``, ``__hash__`` and
``__repr__``, and refuses assignment. Type checkers see a frozen dataclass (PEP 681).

Why one shared ``__init__`` and not one generated per class (as dataclasses and namedtuple
do, with ``exec``): compiling a function costs 50-200 µs, about 3 ms for the model's classes,
paid on every start. The shared one sets the slots through their descriptors; a call with every
field in order (the pack cache, the engine) takes the fast path, keywords and defaults are bound
by :func:`_bind`. It costs a record about 0.2 µs more to build.
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


_MISSING = object()


def _fields(annotations: dict[str, Any]) -> tuple[str, ...]:
    return tuple(name for name, kind in annotations.items() if "ClassVar" not in str(kind))


def _bind(cls: FrozenMeta, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """The values of every field, in order, from a call's arguments and the defaults; a
    TypeError as Python gives for a call that does not fit the fields."""
    fields: tuple[str, ...] = cls._fields  # type: ignore[attr-defined]
    if len(args) > len(fields):
        raise TypeError(f"{cls.__name__}() takes {len(fields)} arguments, {len(args)} given")
    values = list(args)
    for name in fields[len(args) :]:
        value = kwargs.pop(name, _MISSING)
        if value is _MISSING:
            value = cls._defaults.get(name, _MISSING)  # type: ignore[attr-defined]
        if value is _MISSING:
            raise TypeError(f"{cls.__name__}() missing argument {name!r}")
        values.append(value)
    if kwargs:
        name = next(iter(kwargs))
        given = "given twice" if name in fields else "an unexpected argument"
        raise TypeError(f"{cls.__name__}() got {given}: {name!r}")
    return tuple(values)


def _init(self: Frozen, *args: Any, **kwargs: Any) -> None:
    cls = type(self)
    if kwargs or len(args) != len(cls._setters):
        args = _bind(cls, args, kwargs)
    for setter, value in zip(cls._setters, args):  # noqa: B905 - _bind made them equal
        setter(self, value)


@dataclass_transform(frozen_default=True)
class FrozenMeta(type):
    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> FrozenMeta:
        fields = _fields(namespace.get("__annotations__", {}))
        namespace["_defaults"] = {f: namespace.pop(f) for f in fields if f in namespace}
        namespace["__slots__"] = fields
        namespace["_fields"] = fields
        if fields or "__init__" not in namespace:
            namespace["__init__"] = _init
        cls = super().__new__(mcs, name, bases, namespace)
        # the slots' own setters: object.__setattr__ is refused (frozen), these are not
        setters: list[Callable[[Any, Any], None]] = [cls.__dict__[f].__set__ for f in fields]
        setattr(cls, "_setters", tuple(setters))  # noqa: B010 - set on the class, not a record
        return cls


class Frozen(metaclass=FrozenMeta):
    """Base of the model's value classes (see the module docstring)."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}
    _setters: ClassVar[tuple[Callable[[Any, Any], None], ...]] = ()

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
    return type(record)(*[changes.get(f, getattr(record, f)) for f in record._fields])
