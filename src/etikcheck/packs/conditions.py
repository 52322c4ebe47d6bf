"""The condition vocabulary of rules, compiled to disjunctive normal form (DNF).

A condition is a mapping with exactly one of these keys::

    is:     {QUESTION: ANSWER, ...}      every listed question has that answer
    in:     {QUESTION: [ANSWER, ...]}    every listed question has one of those answers
    all:    [CONDITION, ...]             every condition holds
    any:    [CONDITION, ...]             at least one condition holds
    not:    CONDITION                    the condition does not hold
    always: true                         always holds (a topic's standing advice)

Compiling to DNF once means evaluation is a few set look-ups per rule, with no tree walking, and
the same form lets lint reason about the whole answer space.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import product

from etikcheck.errors import excerpt
from etikcheck.model import ANSWERS, Atom, Term
from etikcheck.packs.strict_yaml import YList, YMap

KEYS = ("is", "in", "all", "any", "not", "always")
MAX_TERMS = 4096

DNF = tuple[Term, ...]
Universe = Callable[[str], frozenset[str]]


class ConditionError(Exception):
    def __init__(self, problem: str, line: int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


def _term(atoms: Iterable[Atom], universe: Universe) -> Term | None:
    """Merge atoms on the same question; None when the term can never hold."""
    merged: dict[str, frozenset[str]] = {}
    for question, allowed in atoms:
        merged[question] = merged.get(question, allowed) & allowed
        if not merged[question]:
            return None
    return tuple(sorted((q, s) for q, s in merged.items() if s != universe(q)))


def _dedupe(terms: Iterable[Term | None], line: int) -> DNF:
    seen: dict[Term, None] = {}
    for term in terms:
        if term is not None:
            seen[term] = None
            if len(seen) > MAX_TERMS:
                raise ConditionError(
                    f"condition is too complex (more than {MAX_TERMS} cases); split the rule", line
                )
    return tuple(seen)


def _and(left: DNF, right: DNF, universe: Universe, line: int) -> DNF:
    if len(left) * len(right) > MAX_TERMS * 4:
        raise ConditionError(
            f"condition is too complex (more than {MAX_TERMS} cases); split the rule", line
        )
    return _dedupe((_term(a + b, universe) for a, b in product(left, right)), line)


def _not(dnf: DNF, universe: Universe, line: int) -> DNF:
    result: DNF = ((),)
    for term in dnf:
        options = tuple(
            ((q, universe(q) - allowed),) for q, allowed in term if universe(q) - allowed
        )
        result = _and(result, options, universe, line)
        if not result:
            break
    return result


def compile_condition(node: object, line: int, universe: Universe) -> DNF:
    """Compile a parsed condition.

    ``universe(question)`` gives the answers a question can have (ABSENT included where it may
    go unanswered) and raises KeyError for an unknown question id.
    """
    if not isinstance(node, YMap) or len(node) != 1:
        raise ConditionError(
            "a condition is a mapping with exactly one of: " + ", ".join(KEYS), line
        )
    ((key, arg),) = node.items()
    at = node.key_lines.get(key, line)
    if key in ("is", "in"):
        if not isinstance(arg, YMap) or not arg:
            raise ConditionError(f"'{key}' needs a mapping of question id to answer", at)
        atoms: list[Atom] = []
        for question, wanted in arg.items():
            qline = arg.key_lines[question]
            try:
                universe(question)
            except KeyError:
                raise ConditionError(f"unknown question {excerpt(question)}", qline) from None
            choices = [wanted] if key == "is" else wanted
            if key == "in" and (not isinstance(wanted, YList) or not wanted):
                raise ConditionError(
                    f"'in' needs a non-empty list of answers for {excerpt(question)}", qline
                )
            for answer in choices:
                if answer not in ANSWERS:
                    raise ConditionError(
                        f"answer {excerpt(answer)} for {excerpt(question)} is not one of: "
                        + ", ".join(ANSWERS),
                        qline,
                    )
            atoms.append((question, frozenset(choices)))
        term = _term(atoms, universe)
        return () if term is None else (term,)
    if key in ("all", "any"):
        if not isinstance(arg, YList) or not arg:
            raise ConditionError(
                f"'{key}' needs a non-empty list of conditions (for a rule that always "
                "fires, write always: true)",
                at,
            )
        parts = [
            compile_condition(child, arg.item_lines[i], universe) for i, child in enumerate(arg)
        ]
        if key == "any":
            return _dedupe((t for part in parts for t in part), at)
        result: DNF = ((),)
        for part in parts:
            result = _and(result, part, universe, at)
        return result
    if key == "not":
        return _not(compile_condition(arg, at, universe), universe, at)
    if key == "always":
        if arg is not True:
            raise ConditionError("'always' takes the value true", at)
        return ((),)
    raise ConditionError(f"unknown condition {excerpt(key)}; use one of: " + ", ".join(KEYS), at)
