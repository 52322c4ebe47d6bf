"""``etikcheck rules lint``: find what would give a member a wrong or missing recommendation.

The loader refuses malformed packs (schema, references, translations) at the first problem;
lint reports every one of them in one run, each with file and line (as yamllint does), with
those of the structure of the ``cases.yaml`` beside the pack; and every placeholder text
``rules new`` left (``REPLACE …``), every ``$schema`` line that points where no one else can
follow, and every name the pack shares with another council. Then, when
the pack loads, because answers come from a small closed set, it checks the pack's behaviour
exhaustively, per topic: every answer combination must reach a verdict through the rules (the
fail-closed fallback is a safety net, not a design), every rule must be able to fire, and no
rule may be fully shadowed by another. When the answer space is too large to enumerate it says
so and falls back to per-rule checks. The core yields problems as data; only the CLI formats
them and picks the exit code.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from etikcheck.engine import active_rules
from etikcheck.errors import PackError, excerpt
from etikcheck.model import ABSENT, ANSWER_WEIGHT, ANSWERS, LANGS, SEVERITY, Pack, Rule
from etikcheck.packs import registry as packs

MAX_COMBINATIONS = 200_000  # per topic
MAX_WORK = 3_000_000  # combinations x rules, over all topics: about 5 s here
MAX_SHADOW_RULES = 400  # the shadowing check compares every pair of rules
PLACEHOLDER = re.compile(r"\bREPLACE\b")  # what `rules new` writes where the code's words go
SCHEMA_LINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)")


@dataclass(frozen=True)
class Problem:
    id: str
    severity: str  # "error" or "warning"
    file: str
    line: int | None
    message: str

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity}: {self.message} [{self.id}]"

    @staticmethod
    def from_error(error: PackError, path: Path) -> Problem:
        return Problem("pack-error", "error", error.file or str(path), error.line, error.problem)


@dataclass(frozen=True)
class Report:
    """The lint of one pack: its problems, and whether its answer combinations were checked
    (only a pack that loads can be)."""

    problems: list[Problem]
    analysed: bool


def lint_path(
    path: Path,
    cache_dir: Path | None = None,
    folder_is_id: bool = False,
    names: Mapping[str, list[str]] | None = None,
) -> list[Problem]:
    """Every problem of the pack at ``path`` (folder or pack.yaml); see :func:`lint_pack`."""
    return lint_pack(path, cache_dir, folder_is_id, names).problems


def lint_pack(
    path: Path,
    cache_dir: Path | None = None,
    folder_is_id: bool = False,
    names: Mapping[str, list[str]] | None = None,
) -> Report:
    """Load the pack at ``path`` (folder or pack.yaml): every problem of its files, then,
    when it loads, the analysis of its answer space.

    ``folder_is_id``: the pack is found by its folder's name (bundled, or in the packs folder).
    ``names``: every name the known councils go by (:func:`registry.council_names`), to
    report a name this pack shares with another council.
    """
    pack_file, own_core = packs.pack_files(path)
    files = [(pack_file, "pack")] if own_core is None else [(own_core, "core"), (pack_file, "pack")]
    if (pack_file.parent / packs.CASES_FILE).is_file():
        files.append((pack_file.parent / packs.CASES_FILE, "cases"))
    found = [p for file, kind in files for p in _file_problems(file, kind)]
    if files[-1][1] == "cases":  # its structure; `rules test` runs the cases themselves
        from etikcheck.packs.loader import collect_document

        errors: list[PackError] = []
        collect_document(files[-1][0], packs.display_name(files[-1][0]), "cases", errors, set())
        found += [Problem.from_error(e, path) for e in errors]
    try:
        pack = packs.load_custom(path, cache_dir, folder_is_id)
    except PackError as error:
        loaded = packs.problems(path, folder_is_id) or [error]  # never lose the loader's word
        found += [Problem.from_error(e, path) for e in loaded]
        return Report(_by_line(found, files), analysed=False)
    found += _names(pack, pack_file, names, folder_is_id)
    return Report([*_by_line(found, files), *analyse(pack)], analysed=True)


def _by_line(found: list[Problem], files: list[tuple[Path, str]]) -> list[Problem]:
    """File by file (core, pack, cases), line by line, as yamllint lists them."""
    order = {packs.display_name(file): n for n, (file, _) in enumerate(files)}
    return sorted(found, key=lambda p: (order.get(p.file, len(order)), p.line or 0))


def _file_problems(file: Path, kind: str) -> Iterator[Problem]:
    """What the loader does not refuse but a pack must not keep: the placeholders of
    ``rules new``, and a ``$schema`` line no one else can follow."""
    from etikcheck.packs.loader import read_yaml

    shown = packs.display_name(file)
    yield from _schema_line(file, shown, kind)
    if kind == "cases":
        return
    try:
        root = read_yaml(file, shown)
    except PackError:
        return  # the loader's problems name it
    for line, text in _strings(root):
        if PLACEHOLDER.search(text):
            yield Problem(
                "placeholder",
                "warning",
                shown,
                line,
                f"placeholder text left: {excerpt(text, 60)}; write the code's own words here "
                "(in its own language, and faithful translations in the others)",
            )


def _strings(node: Any, line: int = 0) -> Iterator[tuple[int, str]]:
    """Every text in a parsed file, with its line."""
    from etikcheck.packs.strict_yaml import YList, YMap

    if isinstance(node, str):
        yield line, node
    elif isinstance(node, YMap):
        for key, value in node.items():
            yield from _strings(value, node.key_lines[key])
    elif isinstance(node, YList):
        for value, item_line in zip(node, node.item_lines, strict=True):
            yield from _strings(value, item_line)


def _schema_line(file: Path, shown: str, kind: str) -> Iterator[Problem]:
    """A ``# yaml-language-server: $schema=…`` line must name a schema anyone can find from
    the pack's folder, and that schema must be this etikcheck's."""
    from etikcheck.packs.schema import SCHEMA_DIR
    from etikcheck.reading import TextError, decode, read_file

    try:
        head = decode(read_file(file))[:4096].splitlines()[:5]
    except (OSError, TextError):
        return  # the loader's problems name it
    target = next((m.group(1) for m in map(SCHEMA_LINE.match, head) if m), None)
    if target is None or target.startswith(("http://", "https://", "urn:")):
        return
    name = f"{kind}.schema.json"
    fix = f"etikcheck schema {kind} > {name}"
    where = next(n for n, text in enumerate(head, 1) if SCHEMA_LINE.match(text))
    if target.startswith("file:") or Path(target).is_absolute():
        yield Problem(
            "schema-link",
            "warning",
            shown,
            where,
            f"$schema names {excerpt(target, 60)}, a file on this machine only: write the "
            f"schema beside the pack ({fix}) and name it as $schema=./{name}",
        )
        return
    folder = file.parent.resolve()
    local = (folder / target).resolve()
    if not local.is_relative_to(folder):  # lint reads no file outside the pack's folder
        yield Problem(
            "schema-link",
            "warning",
            shown,
            where,
            f"$schema names {excerpt(target, 60)}, outside the pack's folder: write the schema "
            f"beside the pack ({fix}) and name it as $schema=./{name}",
        )
        return
    try:  # a regular file only, read bounded (never a pipe or a device); never shown
        current = json.loads(decode(read_file(local))) if local.is_file() else None
    except (OSError, ValueError, TextError):
        current = None
    if current is None:
        yield Problem(
            "schema-link",
            "warning",
            shown,
            where,
            f"$schema names {excerpt(target, 60)}, which is not beside the pack or is not "
            f"JSON; write it there: {fix}",
        )
    elif current != json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")):
        yield Problem(
            "schema-link",
            "warning",
            shown,
            where,
            f"{excerpt(target, 60)} is not this etikcheck's {kind} schema, so editors check the "
            f"file against another format; write it again: {fix}",
        )


def _names(
    pack: Pack, pack_file: Path, names: Mapping[str, list[str]] | None, folder_is_id: bool
) -> Iterator[Problem]:
    """A name (id, council name, alias) this pack shares with another council makes
    ``--council NAME`` ambiguous (reported on the pack that is not bundled); a pack of the packs
    folder with a bundled pack's id is never used."""
    shown = packs.display_name(pack_file)
    own = pack_file.parent.name if folder_is_id else pack.id
    bundled = pack_file.parent.parent.resolve() == packs.rules_dir().resolve()
    if folder_is_id and not bundled and own in packs.bundled_ids():
        yield Problem(
            "bundled-id",
            "warning",
            shown,
            None,
            f"a bundled pack has the id {own!r}: --council {own} uses the bundled one, never "
            "this one; give this pack another id (and folder name)",
        )
    if names is None or bundled:  # a bundled pack's names are the ones to keep
        return
    given = [pack.id, *(pack.council.get(lang) for lang in LANGS), *pack.aliases]
    for name in dict.fromkeys(given):
        others = [c for c in names.get(packs.fold(name), []) if c not in (own, pack.id)]
        if others:
            yield Problem(
                "name-conflict",
                "warning",
                shown,
                None,
                f"the name {excerpt(name)} is also a name of {', '.join(others)}: --council "
                f"{excerpt(name)} cannot tell them apart; use another alias, or the id",
            )


def analyse(pack: Pack) -> Iterator[Problem]:
    topics = (None, *pack.topics)
    work = sum(_combinations(pack, t)[0] * len(active_rules(pack, t)) for t in topics)
    exhaustive = work <= MAX_WORK
    if not exhaustive:
        yield Problem(
            "space-too-large",
            "warning",
            _pack_file(pack),
            None,
            f"{work:,} rule evaluations over all answer combinations are too many to check one "
            "by one; checked each rule on its own instead",
        )
    yield from _unnamed_questions(pack)
    for topic in topics:
        yield from _analyse_topic(pack, topic, exhaustive)


def _unnamed_questions(pack: Pack) -> Iterator[Problem]:
    """A test or topic question that no rule names acts only through the engine's floor: its
    no or unsure is then shown with no reason of the pack's own."""
    rules = [*pack.rules, *(r for t in pack.topics.values() for r in t.rules)]
    named = {q for rule in rules for term in rule.when for q, _ in term}
    for question in pack.questions.values():
        if question.kind != "value" and question.id not in named:
            yield Problem(
                "unnamed-question",
                "warning",
                _pack_file(pack),
                None,
                f"no rule names question {question.id!r}: its answers act only through the "
                "floor (a no to a test question: reconsider; an unsure: seek advice), with no "
                "reason of the pack's own",
            )


def _pack_file(pack: Pack) -> str:
    return pack.files[-1] if pack.files else pack.id


def _combinations(pack: Pack, topic: str | None) -> tuple[int, Iterator[dict[str, str]]]:
    """How many answer combinations there are for ``topic``, and an iterator over them.

    Question 2 is either answered directly (its items unanswered) or item by item (``values``
    then derived as the worst item), exactly as the engine normalises answers.
    """
    core = [q.id for q in pack.core_questions() if q.id != "values"]
    items = [q.id for q in pack.value_questions()]
    extra = list(pack.topics[topic].questions) if topic else []
    count = 3 ** len(core) * (3 + 3 ** len(items)) * 3 ** len(extra)

    def value_modes() -> Iterator[dict[str, str]]:
        for answer in ANSWERS:
            yield {"values": answer}
        for combo in itertools.product(ANSWERS, repeat=len(items)):
            answers = dict(zip(items, combo, strict=True))
            answers["values"] = max(combo, key=ANSWER_WEIGHT.__getitem__)
            yield answers

    def generate() -> Iterator[dict[str, str]]:
        for base in itertools.product(ANSWERS, repeat=len(core)):
            for values in value_modes():
                for more in itertools.product(ANSWERS, repeat=len(extra)):
                    answers = dict(zip(core, base, strict=True))
                    answers.update(values)
                    answers.update(zip(extra, more, strict=True))
                    yield answers

    return count, generate()


def _where(rule: Rule) -> tuple[str, int | None]:
    return rule.file, rule.line or None


def _scope(topic: str | None) -> str:
    return f" (topic {topic!r})" if topic else ""


def _analyse_topic(pack: Pack, topic: str | None, exhaustive: bool) -> Iterator[Problem]:
    rules = active_rules(pack, topic)
    own = [r for r in rules if r.topic == topic]  # report each rule once: with its own topic
    count, combinations = _combinations(pack, topic)
    for rule in own:
        if not rule.when:
            yield Problem(
                "unreachable-rule",
                "error",
                *_where(rule),
                f"rule {rule.id!r} can never fire: its condition cannot hold",
            )
    if not exhaustive:
        return
    if count > MAX_COMBINATIONS:
        yield Problem(
            "space-too-large",
            "warning",
            _pack_file(pack),
            None,
            f"{count:,} answer combinations{_scope(topic)} are too many to check one by one; "
            "checked each rule on its own instead",
        )
        return
    fires = {rule.id: 0 for rule in rules}
    uncovered: list[dict[str, str]] = []
    lenient: list[dict[str, str]] = []  # proceed by the rules alone, with a no or an unsure
    tests = {q.id for q in pack.core_questions()}
    for index, answers in enumerate(combinations):
        bit = 1 << index
        worst = -1
        for rule in rules:
            if any(all(answers.get(q, ABSENT) in ok for q, ok in term) for term in rule.when):
                fires[rule.id] |= bit
                worst = max(worst, SEVERITY[rule.verdict])
        if worst < 0:
            uncovered.append(answers)
        elif worst == SEVERITY["proceed"] and any(
            a == "unsure" or (a == "no" and q in tests) for q, a in answers.items()
        ):
            lenient.append(answers)
    if uncovered and topic is None:  # topic rules only add: a topic cannot uncover more
        shown = _examples(uncovered)
        yield Problem(
            "no-verdict",
            "error",
            _pack_file(pack),
            None,
            f"{len(uncovered):,} answer combination(s){_scope(topic)} fire no rule and would "
            f"fall back to the fail-closed default: {shown}",
        )
    if lenient:
        shown = _examples(lenient)
        yield Problem(
            "proceed-despite-risk",
            "warning",
            _pack_file(pack),
            None,
            f"{len(lenient):,} answer combination(s){_scope(topic)} with a no to a test question "
            f"or an unsure give proceed by the rules alone (the engine's floor raises them, "
            f"with its own reason): {shown}",
        )
    for rule in own:
        if rule.when and not fires[rule.id]:
            yield Problem(
                "unreachable-rule",
                "error",
                *_where(rule),
                f"rule {rule.id!r} never fires for any answers{_scope(topic)}",
            )
    if len(rules) <= MAX_SHADOW_RULES:
        yield from _shadowed(pack, rules, own, fires, topic)


def _adds_nothing(rule: Rule, other: Rule, pack: Pack) -> bool:
    return (
        set(rule.contacts) <= set(other.contacts) | set(pack.referrals)
        and set(rule.actions) <= set(other.actions)
        and set(rule.values) <= set(other.values)
        and (rule.cite is None or rule.cite == other.cite)
    )


def _shadowed(
    pack: Pack, rules: tuple[Rule, ...], own: list[Rule], fires: dict[str, int], topic: str | None
) -> Iterator[Problem]:
    for rule in own:
        mask = fires[rule.id]
        if not mask:
            continue
        for other in rules:
            if other is rule or mask & ~fires[other.id]:
                continue
            same = fires[other.id] == mask
            if same and other.verdict == rule.verdict and other.message != rule.message:
                if rules.index(other) < rules.index(rule):
                    continue  # report the pair once
                yield Problem(
                    "same-answers-different-messages",
                    "warning",
                    *_where(rule),
                    f"rules {other.id!r} and {rule.id!r} fire for exactly the same answers"
                    f"{_scope(topic)} at the same severity ({rule.verdict}) with different "
                    "messages; merge them or make their conditions differ",
                )
            elif SEVERITY[other.verdict] >= SEVERITY[rule.verdict] and _adds_nothing(
                rule, other, pack
            ):
                yield Problem(
                    "shadowed-rule",
                    "warning",
                    *_where(rule),
                    f"rule {rule.id!r} is shadowed by {other.id!r}: that rule fires whenever "
                    f"this one does{_scope(topic)}, with an equal or more severe verdict, and "
                    "this one adds no contact, action, value or source",
                )
                break


def _show(answers: dict[str, str]) -> str:
    return ", ".join(f"{q}={a}" for q, a in answers.items())


def _examples(found: list[dict[str, str]]) -> str:
    """The first three answer combinations, and how many more there are."""
    more = f" and {len(found) - 3:,} more" if len(found) > 3 else ""
    return "; ".join(_show(a) for a in found[:3]) + more
