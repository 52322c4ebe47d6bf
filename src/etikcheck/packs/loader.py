"""Read one pack's YAML (the core plus a council file) and validate it into a Pack.

Two steps. First the file is walked against its description in ``spec.py`` (the one definition
of the format, from which the JSON Schemas are generated too): unknown and missing keys, types,
ids, texts and their translations, choices, list lengths and the shape of conditions. Then the
model objects are built, checking what no schema can: references (sources, sections, questions,
values, contacts, topics), unique ids, the overrides' ids, the ``{council}`` fill and the
compilation of conditions. Every problem is a :class:`PackError` naming the file and line.

A command that loads a pack (:func:`build`) stops at the first problem. ``rules lint``
(:func:`problems`) reports them all in one run, as yamllint does: every structure problem of
both files; then the named items that hold one (a rule, a source, a contact …) are left out and
the rest is built, so that every reference problem there is reported too, while a reference to
an item left out is not reported again.

Only this module (with ``spec.py`` and the strict YAML loader) runs on a cache miss; a cached pack
never imports them. Decks (training/decks.py) and test cases (cases.py) are read through
:func:`read_document` too.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from etikcheck.errors import PackError, excerpt
from etikcheck.frozen import replace
from etikcheck.model import (
    ABSENT,
    ANSWERS,
    CORE_QUESTIONS,
    FLOOR,
    LANGS,
    VALUE_PREFIX,
    VERDICTS,
    Cite,
    Contact,
    Pack,
    Question,
    Rule,
    Source,
    Text,
    Topic,
    Value,
    VerdictText,
)
from etikcheck.packs import spec
from etikcheck.packs.conditions import ConditionError, compile_condition
from etikcheck.packs.spec import FORMAT
from etikcheck.packs.strict_yaml import YList, YMap, loads
from etikcheck.reading import TextError, decode, read_file

__all__ = [
    "COUNCIL_PLACEHOLDER",
    "FORMAT",
    "Document",
    "build",
    "check",
    "items",
    "opt_text",
    "read_document",
    "read_yaml",
    "text",
    "texts",
]

COUNCIL_PLACEHOLDER = "{council}"
LAWYERS = "legal-function"  # the core's contact for a question of law (general advice)

_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
_ANSWER_SET = frozenset(ANSWERS)
_OPTIONAL_SET = frozenset((*ANSWERS, ABSENT))


def _ui_text(key: str) -> Text:
    """One of the tool's own texts (translations/), in every language."""
    from etikcheck.i18n import t

    return Text(*(t(lang, key) for lang in LANGS))


def read_yaml(path: Path, display: str | None = None) -> Any:
    """Read one strict-YAML file; every problem becomes a PackError with file:line."""
    name = display or str(path)
    try:
        data = read_file(path)
    except OSError as exc:
        raise PackError(f"cannot read the file: {exc.strerror or exc}", name) from None
    except TextError as exc:
        raise PackError(exc.problem, name) from None
    try:
        return loads(decode(data))
    except TextError as exc:
        raise PackError(exc.problem, name, exc.line) from None


# -- step 1: the structure, walked from spec.py ------------------------------------------------


class _Where:
    """Where a value sits, for messages: ``owner`` is the enclosing mapping ("rule 'care-no'"),
    ``key`` the key the value (or its list or mapping) is under, ``entry`` the key of a mapping
    entry, ``phrase`` how a message names the value ("'message' in rule 'care-no'")."""

    __slots__ = ("at_key", "entry", "key", "owner", "phrase")

    def __init__(
        self, owner: str, key: str, phrase: str, entry: str | None = None, at_key: bool = False
    ) -> None:
        self.owner, self.key, self.phrase, self.entry, self.at_key = (
            owner,
            key,
            phrase,
            entry,
            at_key,
        )

    def fill(self, template: str, **more: object) -> str:
        return template.format(owner=self.owner, key=self.key, entry=self.entry, **more)


def _kind(node: Any) -> str:
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YList):
        return "a list"
    if node is None:
        return "empty"
    return f"{type(node).__name__} {excerpt(node)}"  # never more than a short excerpt


def _not_text(value: Any) -> str:
    """What to add to "must be non-empty text" for an unquoted number or boolean."""
    if isinstance(value, bool):
        shown = "true" if value else "false"
        return f', not the boolean {shown}: quote it, "{shown}"'
    if isinstance(value, int):
        return f', not the number {value}: quote it, "{value}"'
    return ""


def _is_id(word: str, dotted: bool) -> bool:
    if dotted:
        return all(part and set(part) <= _ID_CHARS for part in word.split("."))
    return bool(word) and set(word) <= _ID_CHARS and word[0] != "-"


def _word_problem(kind: spec.Ident | spec.Choice, word: str) -> str | None:
    """Why ``word`` is not an id or not one of the choices (None when it is)."""
    if isinstance(kind, spec.Ident):
        if _is_id(word, kind.dotted):
            return None
        return (
            "may use only a-z, 0-9, '-' and '.'" if kind.dotted else "may use only a-z, 0-9 and '-'"
        )
    if word in kind.values:
        return None
    return "is not one of: " + ", ".join(kind.values)


class _Walker:
    """Checks one parsed file against its spec.

    Strict (``problems`` is None, when a command loads a pack): the first problem is raised,
    with file:line. Collecting (``rules lint``): every problem is kept and the walk goes on. An
    item of a list of named records (a rule, a source, a contact …) that holds a problem is
    remembered in ``broken`` (and its id in ``broken_ids``), so that step 2 can leave it out and
    still check the rest; ``serious`` counts the problems outside such items that step 2 cannot
    build past (an unknown key, a wrong ``format``, a scalar of the wrong kind harm nothing;
    a missing key, a list where a mapping belongs or a broken condition do)."""

    def __init__(self, file: str, problems: list[PackError] | None = None) -> None:
        self.file = file
        self.problems = problems
        self.serious = 0
        self.broken: list[tuple[YList, int]] = []
        self.broken_ids: set[str] = set()

    def fail(self, problem: str, line: int | None) -> PackError:
        return PackError(problem, self.file, line)

    def report(self, problem: str, line: int | None, harmless: bool = False) -> None:
        if self.problems is None:
            raise self.fail(problem, line)
        self.problems.append(self.fail(problem, line))
        if not harmless:
            self.serious += 1

    def walk(self, kind: spec.Spec, value: Any, line: int, where: _Where) -> None:
        if isinstance(kind, spec.Ref):
            kind = spec.DEFINITIONS[kind.name]
        if isinstance(kind, spec.Record):
            self.record(kind, value, line, where)
        elif isinstance(kind, spec.Either):
            if isinstance(value, YMap) and kind.marker in value:
                self.record(kind.then, value, line, where)
            else:
                self.walk(kind.otherwise, value, line, where)
        elif isinstance(kind, spec.Translated):
            self.text(value, line, where.phrase)
        elif isinstance(kind, spec.ListOf):
            self.list(kind, value, line, where)
        elif isinstance(kind, spec.MapOf):
            self.map(kind, value, line, where)
        elif isinstance(kind, spec.Condition):
            self.condition(kind, value, line, f" (in {where.owner})")
        elif isinstance(kind, spec.Plain | spec.Ident | spec.Choice):
            self.word(kind, value, line, where)
        elif isinstance(kind, spec.Exactly):
            if type(value) is not type(kind.value) or value != kind.value:
                why = f" ({kind.why})" if kind.why else ""
                self.report(f"'{where.key}' must be {_show(kind.value)}{why}", line, True)
        elif isinstance(kind, spec.Flag) and not isinstance(value, bool):
            self.report(f"{where.phrase} must be true or false", line, True)
        # spec.Anything: checked elsewhere

    def record(self, kind: spec.Record, node: Any, line: int, where: _Where) -> None:
        title = where.fill(kind.title)
        if not isinstance(node, YMap):
            self.report(f"{title} must be a mapping, not {_kind(node)}", line)
            return
        for key in node:
            if key not in kind.keys:
                self.report(
                    f"unknown key {excerpt(key)} in {title}; allowed: {', '.join(kind.keys)}",
                    node.key_lines[key],
                    harmless=True,
                )
        label = title
        if kind.ident is not None:
            self.key(kind.keys[kind.ident], node, title)
            ident = node.get(kind.ident)
            label = where.fill(kind.named, id=ident) if isinstance(ident, str) else title
        elif kind.named != kind.title:
            label = where.fill(kind.named)
        for entry in kind.keys.values():
            if entry.name != kind.ident:
                self.key(entry, node, label)
        if kind.exactly_one is not None:
            rule = kind.exactly_one
            given = [k for k in rule.keys if node.get(k) is not None and node.get(k) is not False]
            if len(given) != 1:
                self.report(f"{label} {rule.both if given else rule.neither}", node.line, True)

    def key(self, key: spec.Key, node: YMap, label: str) -> None:
        value = node.get(key.name)
        if value is None:
            if key.required:
                self.report(f"{label} needs '{key.name}'", node.line)
            return
        where = _Where(label, key.name, f"'{key.name}' in {label}", at_key=True)
        self.walk(key.type, value, node.key_lines[key.name], where)

    def text(self, value: Any, line: int, where: str) -> None:
        """A text in every language: a mapping with exactly the keys sv, da and en."""
        if not isinstance(value, YMap):
            self.report(f"{where} must give the text in {', '.join(LANGS)}", line)
            return
        missing = [lang for lang in LANGS if lang not in value]
        if missing:
            self.report(f"{where} has no translation for: {', '.join(missing)}", line)
        for lang, text in value.items():
            if lang not in LANGS:
                self.report(
                    f"{where}: unknown language {excerpt(lang)}; use {', '.join(LANGS)}",
                    value.key_lines[lang],
                    harmless=True,
                )
            elif not isinstance(text, str) or not text.strip():
                self.report(
                    f"{where}: the {lang} text must be non-empty text{_not_text(text)}",
                    value.key_lines[lang],
                    harmless=True,
                )

    def word(
        self, kind: spec.Plain | spec.Ident | spec.Choice, value: Any, line: int, where: _Where
    ) -> None:
        scalar = not isinstance(value, YMap | YList)  # a wrong scalar harms no later step
        if not isinstance(value, str) or not value.strip():
            self.report(f"{where.phrase} must be non-empty text{_not_text(value)}", line, scalar)
            return
        if isinstance(kind, spec.Plain):
            return
        problem = _word_problem(kind, value)
        if problem is not None:
            joint = "of" if isinstance(kind, spec.Choice) else "in"
            subject = (
                f"{where.key} {excerpt(value)} {joint} {where.owner}"
                if where.at_key
                else f"{where.phrase}: {excerpt(value)}"
            )
            self.report(f"{subject} {problem}", line, harmless=True)

    def list(self, kind: spec.ListOf, value: Any, line: int, where: _Where) -> None:
        if not isinstance(value, YList):
            self.report(f"{where.phrase} must be a list", line)
            return
        count = len(value)
        if count < kind.min or (kind.max is not None and count > kind.max):
            self.report(f"{where.owner} needs {_how_many(kind, count)}", line)
        phrase = where.fill(kind.item_label)
        item_kind = kind.item
        named = isinstance(item_kind, spec.Record) and item_kind.ident is not None
        for index, (item, item_line) in enumerate(zip(value, value.item_lines, strict=True)):
            before = self.serious
            self.walk(item_kind, item, item_line, _Where(where.owner, where.key, phrase))
            if named and self.serious > before:  # step 2 leaves the item out, and goes on
                assert isinstance(item_kind, spec.Record)
                assert item_kind.ident is not None
                self.broken.append((value, index))
                self.serious = before
                ident = item.get(item_kind.ident) if isinstance(item, YMap) else None
                if isinstance(ident, str):
                    self.broken_ids.add(ident)

    def map(self, kind: spec.MapOf, value: Any, line: int, where: _Where) -> None:
        title = where.fill(kind.title)
        if not isinstance(value, YMap):
            self.report(f"{title} must be a mapping, not {_kind(value)}", line)
            return
        if len(value) < kind.min:
            self.report(f"{title} needs at least one entry", line)
        for entry, item in value.items():
            entry_line = value.key_lines[entry]
            problem = None if kind.key is None else _word_problem(kind.key, entry)
            if problem is not None:
                self.report(f"{excerpt(entry)} in {title} {problem}", entry_line, harmless=True)
                continue
            inner = _Where(where.owner, where.key, "", entry=entry)
            inner.phrase = inner.fill(kind.entry)
            self.walk(kind.value, item, entry_line, inner)

    def condition(self, kind: spec.Condition, node: Any, line: int, suffix: str) -> None:
        """A condition, with the words of conditions.py (which compiles it afterwards)."""
        keys = ", ".join(kind.keys)
        if not isinstance(node, YMap) or len(node) != 1:
            self.report(f"a condition is a mapping with exactly one of: {keys}{suffix}", line)
            return
        ((key, arg),) = node.items()
        at = node.key_lines[key]
        if key not in kind.keys:
            self.report(f"unknown condition {excerpt(key)}; use one of: {keys}{suffix}", at)
            return
        shape = kind.keys[key].type
        if isinstance(shape, spec.Ref):
            shape = spec.DEFINITIONS[shape.name]
        if isinstance(shape, spec.MapOf):
            self.atoms(key, shape, arg, at, suffix)
        elif isinstance(shape, spec.ListOf):
            if not isinstance(arg, YList) or len(arg) < shape.min:
                self.report(
                    f"'{key}' needs a non-empty list of {shape.noun}s (for a rule that always "
                    f"fires, write always: true){suffix}",
                    at,
                )
                return
            for child, child_line in zip(arg, arg.item_lines, strict=True):
                self.condition(kind, child, child_line, suffix)
        elif isinstance(shape, spec.Condition):
            self.condition(shape, arg, at, suffix)
        elif isinstance(shape, spec.Exactly) and (
            type(arg) is not type(shape.value) or arg != shape.value
        ):
            self.report(f"'{key}' takes the value {_show(shape.value)}{suffix}", at)

    def atoms(self, key: str, shape: spec.MapOf, arg: Any, at: int, suffix: str) -> None:
        """The ``question: answer`` (or ``question: [answers]``) mapping of ``is`` and ``in``."""
        value = shape.value
        listed = isinstance(value, spec.ListOf)
        answer = value.item if isinstance(value, spec.ListOf) else value
        assert isinstance(answer, spec.Choice)
        assert isinstance(shape.key, spec.Ident)
        if not isinstance(arg, YMap) or len(arg) < shape.min:
            self.report(
                f"'{key}' needs a mapping of {_noun(shape.key)} to {_noun(answer)}{suffix}", at
            )
            return
        for question, wanted in arg.items():
            qline = arg.key_lines[question]
            problem = _word_problem(shape.key, question)
            if problem is not None:
                self.report(f"{_noun(shape.key)} {excerpt(question)} {problem}{suffix}", qline)
                continue
            if listed and (not isinstance(wanted, YList) or not wanted):
                self.report(
                    f"'{key}' needs a non-empty list of {_noun(answer)}s for "
                    f"{excerpt(question)}{suffix}",
                    qline,
                )
                continue
            for choice in wanted if listed else [wanted]:
                if not isinstance(choice, str) or choice not in answer.values:
                    self.report(
                        f"{_noun(answer)} {excerpt(choice)} for {excerpt(question)} is not one of: "
                        + ", ".join(answer.values)
                        + suffix,
                        qline,
                    )


def _noun(kind: spec.Ident | spec.Choice) -> str:
    return (kind.name or "value").replace("_", " ")


def _show(value: int | bool) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _how_many(kind: spec.ListOf, count: int) -> str:
    if kind.max is None:
        return f"at least one {kind.noun}" if kind.min == 1 else f"at least {kind.min} {kind.noun}s"
    if kind.min == kind.max:
        return f"exactly {kind.min} {kind.noun}s, not {count}"
    return f"{kind.min} to {kind.max} {kind.noun}s, not {count}"


def check(kind: str, root: Any, file: str) -> None:
    """Check a parsed file of ``kind`` (pack, core, deck or cases) against spec.py."""
    _Walker(file).record(spec.FILES[kind].record, root, 1, _Where("", "", ""))


# -- step 2: the model, with the references ----------------------------------------------------


def text(value: YMap) -> Text:
    """A checked text mapping as a Text (surrounding whitespace trimmed)."""
    return Text(**{lang: str(value[lang]).strip() for lang in LANGS})


def opt_text(node: YMap, key: str) -> Text | None:
    return None if node.get(key) is None else text(node[key])


def items(node: YMap, key: str) -> list[tuple[Any, int]]:
    """The items of the list under ``key`` with their lines (none when the key is not given)."""
    value = node.get(key)
    if value is None:
        return []
    return list(zip(value, value.item_lines, strict=True))


def texts(node: YMap, key: str) -> tuple[Text, ...]:
    return tuple(text(item) for item, _ in items(node, key))


_UNKNOWN = Text("?", "?", "?")  # the text of what a collecting run could not build


class Document:
    """One checked file: its name for messages, its root mapping, and the sources its cites may
    name. Its helpers check references and fail with file:line.

    ``problems`` None: the first problem is raised. A list (``rules lint``): every problem is
    added to it and the helpers go on with what is left; ``broken`` holds the ids of what the
    structure check left out, which are not reported again as unknown."""

    def __init__(
        self,
        file: str,
        root: YMap,
        sources: Mapping[str, Source] | None = None,
        problems: list[PackError] | None = None,
        broken: Container[str] = (),
    ) -> None:
        self.file = file
        self.root = root
        self.sources: Mapping[str, Source] = sources if sources is not None else {}
        self.problems = problems
        self.broken = broken

    def fail(self, problem: str, line: int | None) -> PackError:
        return PackError(problem, self.file, line)

    def report(self, problem: str, line: int | None) -> None:
        """Raise the problem, or (collecting) add it to the others."""
        if self.problems is None:
            raise self.fail(problem, line)
        self.problems.append(self.fail(problem, line))

    @staticmethod
    def line(node: YMap, key: str) -> int:
        return node.key_lines.get(key, node.line)

    def unique(self, node: YMap, key: str, taken: Container[str], kind: str) -> str:
        """The id under ``key``, which must not be among ``taken``."""
        ident = str(node[key])
        if ident in taken:
            self.report(f"duplicate {kind} {key} {excerpt(ident)}", self.line(node, key))
        return ident

    def ids(
        self, node: YMap, key: str, what: str, known: Iterable[str], kind: str
    ) -> tuple[str, ...]:
        """The ids listed under ``key``, each one of ``known``."""
        known = set(known)
        for item, line in items(node, key):
            if item not in known and item not in self.broken:
                self.report(f"unknown {kind} {excerpt(item)} in {what}", line)
        return tuple(item for item, _ in items(node, key) if item in known)

    def cite(self, node: YMap, what: str) -> Cite:
        source_id = node["source"]
        source = self.sources.get(source_id)
        if source is None:
            if source_id not in self.broken:
                self.report(
                    f"unknown source {excerpt(source_id)} in {what}; known: "
                    + ", ".join(self.sources),
                    self.line(node, "source"),
                )
            source = Source(source_id, _UNKNOWN, _UNKNOWN, {}, "en")
        section = node.get("section")
        if section is not None and section not in source.sections:
            if source_id in self.sources:
                self.report(
                    f"unknown section {excerpt(section)} of source {excerpt(source_id)} in {what}",
                    self.line(node, "section"),
                )
            section = None
        elif source.kind == "law" and section is None:
            self.report(
                f"the cite of {what} names the law {excerpt(source_id)} without a section; "
                "a law is cited by name and section",
                node.line,
            )
        return Cite(source=source, section=section, quote=opt_text(node, "quote"))

    def opt_cite(self, node: YMap, what: str) -> Cite | None:
        return None if node.get("cite") is None else self.cite(node["cite"], what)


def read_document(
    path: Path, display: str, kind: str, sources: Mapping[str, Source] | None = None
) -> Document:
    """Read a file of ``kind`` (pack, core, deck or cases) and check its structure."""
    root = read_yaml(path, display)
    check(kind, root, display)
    return Document(display, root, sources)


def collect_document(
    path: Path, display: str, kind: str, problems: list[PackError], broken: set[str]
) -> tuple[Document | None, bool]:
    """Read a file of ``kind`` and check its structure, adding every problem to ``problems``
    (``rules lint``). Returns the document with the broken named items left out (their ids
    added to ``broken``), or None when it cannot be read, and whether what is left can be built:
    False when a problem lies outside any item that could be left out."""
    try:
        root = read_yaml(path, display)
    except PackError as error:
        problems.append(error)
        return None, False
    walker = _Walker(display, problems)
    walker.record(spec.FILES[kind].record, root, 1, _Where("", "", ""))
    for ylist, index in sorted(walker.broken, key=lambda b: (id(b[0]), -b[1])):
        del ylist[index]  # the last first, so that the indexes stay right
        del ylist.item_lines[index]
    broken |= walker.broken_ids
    if not isinstance(root, YMap):
        return None, False
    return Document(display, root, problems=problems, broken=broken), walker.serious == 0


class _Builder:
    """Merges the core and one council file into a Pack, checking every reference."""

    def __init__(self, broken: Container[str] = ()) -> None:
        self.broken = broken  # ids the structure check left out (collecting only)
        self.sources: dict[str, Source] = {}
        self.questions: dict[str, Question] = {}
        self.contacts: dict[str, Contact] = {}
        self.rules: list[Rule] = []
        self.rule_ids: set[str] = set()
        self.values: list[Value] = []
        self.topics: dict[str, Topic] = {}
        self.verdicts: dict[str, VerdictText] = {}
        self.referrals: tuple[str, ...] = ()
        self.fallback: Rule | None = None
        self.method: Source | None = None

    # -- shared parts -------------------------------------------------------------------------

    def add_sources(self, doc: Document, node: YMap, file_lang: str) -> None:
        for item, _ in items(node, "sources"):
            source_id = doc.unique(item, "id", self.sources, "source")
            sections = item.get("sections") or {}
            self.sources[source_id] = Source(
                source_id,
                text(item["title"]),
                text(item["publisher"]),
                {section: text(title) for section, title in sections.items()},
                item.get("lang") or file_lang,
                item.get("kind") or "code",
            )
        doc.sources = self.sources

    def add_question(self, doc: Document, question: Question, line: int) -> None:
        if question.id in self.questions:
            doc.report(f"duplicate question id {excerpt(question.id)}", line)
            return
        self.questions[question.id] = question

    def parse_questions(
        self, doc: Document, node: YMap, kind: str, topic: str | None = None
    ) -> list[str]:
        ids = []
        for item, line in items(node, "questions"):
            qid = item["id"]
            question = Question(qid, kind, text(item["text"]), opt_text(item, "help"), topic=topic)  # type: ignore[arg-type]
            self.add_question(doc, question, line)
            ids.append(qid)
        return ids

    def add_contacts(self, doc: Document, node: YMap) -> None:
        for item, _ in items(node, "contacts"):
            cid = doc.unique(item, "id", self.contacts, "contact")
            self.contacts[cid] = Contact(
                id=cid,
                role=text(item["role"]),
                name=item.get("name"),
                phone=item.get("phone"),
                email=item.get("email"),
                address=item.get("address"),
                note=opt_text(item, "note"),
                cite=doc.opt_cite(item, f"contact {excerpt(cid)}"),
                general=bool(item.get("general")),
            )

    def left_out(self, question: str) -> bool:
        """Whether a question was left out by the structure check (its value, for an item)."""
        value = question.removeprefix(VALUE_PREFIX)
        return question in self.broken or (value != question and value in self.broken)

    def universe(self, question: str) -> frozenset[str]:
        kind = self.questions[question].kind
        return _OPTIONAL_SET if kind == "value" else _ANSWER_SET

    def scope(self, topic: str | None) -> Callable[[str], frozenset[str]]:
        """The questions a rule may name: the core, value items, and its own topic's."""

        def universe(question: str) -> frozenset[str]:
            if question not in self.questions and self.left_out(question):
                return _OPTIONAL_SET  # known, but left out: not reported again
            owner = self.questions[question].topic
            if owner is not None and owner != topic:
                raise KeyError(question)
            return self.universe(question)

        return universe

    def parse_rules(self, doc: Document, node: YMap, topic: str | None = None) -> list[Rule]:
        value_ids = [value.id for value in self.values]
        rules = []
        for item, line in items(node, "rules"):
            rid = doc.unique(item, "id", self.rule_ids, "rule")
            what = f"rule {excerpt(rid)}"
            self.rule_ids.add(rid)
            try:
                when = compile_condition(item["when"], doc.line(item, "when"), self.scope(topic))
            except ConditionError as exc:
                doc.report(f"{exc.problem} (in {what})", exc.line)
                when = ()
            rules.append(
                Rule(
                    id=rid,
                    when=when,
                    verdict=item["verdict"],
                    message=text(item["message"]),
                    cite=doc.opt_cite(item, what),
                    values=doc.ids(item, "values", what, value_ids, "value"),
                    contacts=doc.ids(item, "contacts", what, self.contacts, "contact"),
                    actions=texts(item, "actions"),
                    topic=topic,
                    line=line,
                    file=doc.file,
                )
            )
        return rules

    # -- the core -----------------------------------------------------------------------------

    def add_core(self, doc: Document) -> None:
        node = doc.root
        self.add_sources(doc, node, node["lang"])
        self.method = next(iter(self.sources.values()), None)  # the source of the questions
        self.parse_questions(doc, node, "core")
        missing = [q for q in CORE_QUESTIONS if q not in self.questions]
        if missing or len(self.questions) != len(CORE_QUESTIONS):
            doc.report(
                f"the core must define exactly the questions {', '.join(CORE_QUESTIONS)}"
                + (f"; missing: {', '.join(missing)}" if missing else ""),
                doc.line(node, "questions"),
            )
        self.add_contacts(doc, node)
        self.referrals = doc.ids(node, "referrals", "the core", self.contacts, "contact")
        for verdict in VERDICTS:
            item = node["verdicts"][verdict]
            self.verdicts[verdict] = VerdictText(
                text(item["label"]),
                text(item["next_step"]),
                doc.opt_cite(item, f"verdict {excerpt(verdict)}"),
            )
        fallback = node["fallback"]
        self.fallback = Rule(
            id="no-rule-fired",
            when=(),
            verdict="seek_advice",
            message=text(fallback["message"]),
            cite=None,
            contacts=doc.ids(fallback, "contacts", "fallback", self.contacts, "contact"),
            line=fallback.line,
            file=doc.file,
        )
        self.add_core_topics(doc, node)

    def add_core_topics(self, doc: Document, node: YMap) -> None:
        """The topics every pack shares: ids, titles and their questions (no rules)."""
        for item, _ in items(node, "topics"):
            tid = doc.unique(item, "id", self.topics, "topic")
            self.topics[tid] = Topic(
                id=tid,
                title=text(item["title"]),
                description=text(item["description"]),
                guidance=None,
                questions=tuple(self.parse_questions(doc, item, "topic", topic=tid)),
                actions=(),
                contacts=(),
                quotes=(),
                rules=(),
            )

    # -- a council pack -----------------------------------------------------------------------

    def add_council(self, doc: Document, core: Document) -> Pack:
        node = doc.root
        lang = node["lang"]
        council = text(node["council"])
        self.add_sources(doc, node, lang)
        source_id = node["source"]
        if source_id not in self.sources and source_id not in self.broken:
            doc.report(f"unknown source {excerpt(source_id)}", doc.line(node, "source"))
        core_questions, core_contacts = tuple(self.questions), tuple(self.contacts)
        # A pack may extend the four test questions with its own, asked after them.
        self.parse_questions(doc, node, "core")
        self.add_values(doc, node)
        self.add_contacts(doc, node)
        if node.get("referrals") is not None:
            self.referrals = doc.ids(node, "referrals", "the pack", self.contacts, "contact")
        # Rules come last: they may name any question, value or contact defined above.
        core.sources = self.sources
        core_rules = self.parse_rules(core, core.root)
        self.rules.extend(core_rules)
        self.rules.extend(self.parse_rules(doc, node))
        self.add_topics(doc, node)
        self.add_topic_defaults(core.file)
        if node.get("overrides") is not None:
            rule_ids = [r.id for r in core_rules]
            self.apply_overrides(doc, node["overrides"], core_questions, rule_ids, core_contacts)
        self.fill_council(council)
        assert self.fallback is not None
        return Pack(
            id=node["id"],
            version=node["version"],
            sha256="",
            council=council,
            lang=lang,
            source=self.sources.get(source_id) or Source(source_id, _UNKNOWN, _UNKNOWN, {}, lang),
            questions=self.questions,
            values=tuple(self.values),
            contacts=self.contacts,
            referrals=self.referrals,
            rules=tuple(self.rules),
            topics=self.topics,
            verdicts=self.verdicts,
            fallback=self.fallback,
            floor={answer: _ui_text(f"text.floor_{answer}") for answer, _ in FLOOR},
            method=self.method,
            aliases=tuple(str(alias).strip() for alias, _ in items(node, "aliases")),
        )

    def add_values(self, doc: Document, node: YMap) -> None:
        taken: set[str] = set()
        for item, line in items(node, "values"):
            vid = doc.unique(item, "id", taken, "value")
            taken.add(vid)
            what = f"value {excerpt(vid)}"
            cite = doc.cite(item["cite"], what)
            statements = tuple(
                self.statement(doc, raw, what, cite) for raw, _ in items(item, "statements")
            )
            value = Value(vid, text(item["name"]), statements, cite)
            first = statements[0].quote
            self.add_question(
                doc, Question(value.question_id, "value", value.name, first, value=vid), line
            )
            self.values.append(value)

    @staticmethod
    def statement(doc: Document, raw: YMap, what: str, cite: Cite) -> Cite:
        """A value's statement: the code's own sentence, quoted from the value's source under
        the value's heading, or under its own ``section`` when it stands elsewhere."""
        if "text" not in raw:
            return Cite(cite.source, cite.section, text(raw))
        section = raw.get("section")
        if section is not None and section not in cite.source.sections:
            if cite.source.title is not _UNKNOWN:  # an unknown source is reported once
                doc.report(
                    f"unknown section {excerpt(section)} of source {excerpt(cite.source.id)} in "
                    f"a statement of {what}",
                    doc.line(raw, "section"),
                )
            section = None
        return Cite(cite.source, section or cite.section, text(raw["text"]))

    def add_topics(self, doc: Document, node: YMap) -> None:
        """A council's guidance on the core topics (and any topics of its own)."""
        seen: set[str] = set()
        for item, _ in items(node, "topics"):
            tid = doc.unique(item, "id", seen, "topic")
            what = f"topic {excerpt(tid)}"
            seen.add(tid)
            base = self.topics.get(tid)
            # a core topic may keep its title and description; a topic of the pack's own not
            title = opt_text(item, "title") or (base.title if base else None)
            description = opt_text(item, "description") or (base.description if base else None)
            if title is None or description is None:
                key = "title" if title is None else "description"
                doc.report(f"{what} needs '{key}' (it is not a topic of the core)", item.line)
                title, description = title or _UNKNOWN, description or _UNKNOWN
            questions = self.parse_questions(doc, item, "topic", topic=tid)
            self.topics[tid] = Topic(
                id=tid,
                title=title,
                description=description,
                guidance=opt_text(item, "guidance"),
                questions=(base.questions if base else ()) + tuple(questions),
                actions=texts(item, "actions"),
                contacts=doc.ids(item, "contacts", what, self.contacts, "contact"),
                quotes=tuple(doc.cite(quote, what) for quote, _ in items(item, "quotes")),
                rules=tuple(self.parse_rules(doc, item, topic=tid)),
            )

    def add_topic_defaults(self, file: str) -> None:
        """A topic the pack gives no rules is never silent: the core's topic questions are
        asked so that yes is the risky answer, so a yes or an unsure to any of them gives
        seek advice, with a reason saying that the council's pack has nothing on the topic.
        The reason says the law still applies and names the municipality's lawyers beside the
        group leader, so the lawyers (the core's general contact) are among its contacts."""
        message = _ui_text("text.topic_no_guidance")
        contacts = self.fallback.contacts if self.fallback else ()
        if LAWYERS in self.contacts and LAWYERS not in contacts:
            contacts = (*contacts, LAWYERS)
        for tid, topic in self.topics.items():
            if topic.rules or not topic.questions:
                continue
            terms = tuple(((q, frozenset(("yes", "unsure"))),) for q in topic.questions)
            rule = Rule(
                id=f"{tid}-no-guidance",
                when=terms,
                verdict="seek_advice",
                message=message,
                cite=None,
                contacts=contacts,
                topic=tid,
                file=file,
            )
            self.topics[tid] = replace(topic, rules=(rule,))

    def apply_overrides(
        self,
        doc: Document,
        raw: YMap,
        core_questions: tuple[str, ...],
        core_rules: list[str],
        core_contacts: tuple[str, ...],
    ) -> None:
        """The council's own wording for texts of the core: a question's text or help, a core
        rule's message, cite and contacts, a core contact's role and note, a verdict's label,
        next step and cite. Conditions and verdicts of the core cannot be overridden (spec.py
        has no key for them)."""
        for qid, item in _overrides(doc, raw, "questions", core_questions):
            question = self.questions[qid]
            self.questions[qid] = replace(
                question,
                text=opt_text(item, "text") or question.text,
                help=opt_text(item, "help") or question.help,
            )
        for rid, item in _overrides(doc, raw, "rules", core_rules):
            what = f"the override of rule {excerpt(rid)}"
            index = next(i for i, rule in enumerate(self.rules) if rule.id == rid)
            rule = self.rules[index]
            self.rules[index] = replace(
                rule,
                message=opt_text(item, "message") or rule.message,
                cite=doc.opt_cite(item, what) or rule.cite,
                contacts=doc.ids(item, "contacts", what, self.contacts, "contact")
                if item.get("contacts") is not None
                else rule.contacts,
            )
        for cid, item in _overrides(doc, raw, "contacts", core_contacts):
            contact = self.contacts[cid]
            general = item.get("general") is True or contact.general
            self.contacts[cid] = replace(
                contact,
                role=opt_text(item, "role") or contact.role,
                note=opt_text(item, "note") or contact.note,
                general=general,
                # a role the core's source names, which this council's own code does not
                cite=None if general else contact.cite,
            )
        for verdict, item in _overrides(doc, raw, "verdicts", VERDICTS):
            old = self.verdicts[verdict]
            self.verdicts[verdict] = VerdictText(
                label=opt_text(item, "label") or old.label,
                next_step=opt_text(item, "next_step") or old.next_step,
                cite=doc.opt_cite(item, f"the override of verdict {excerpt(verdict)}") or old.cite,
            )

    def fill_council(self, council: Text) -> None:
        """Put the council's name where the core says {council} (question 4 names the city)."""

        def fill(text: Text | None) -> Text | None:
            if text is None:
                return None
            return Text(
                **{
                    lang: text.get(lang).replace(COUNCIL_PLACEHOLDER, council.get(lang))
                    for lang in LANGS
                }
            )

        for qid, question in self.questions.items():
            self.questions[qid] = replace(
                question, text=fill(question.text) or question.text, help=fill(question.help)
            )


def _overrides(
    doc: Document, raw: YMap, key: str, known: Iterable[str]
) -> Iterator[tuple[str, YMap]]:
    """Each ``id: {...}`` of one overrides section, checked against the core's ids."""
    if raw.get(key) is None:
        return
    known = tuple(known)
    section = raw[key]
    for ident, item in section.items():
        if ident not in known:
            doc.report(
                f"overrides: {excerpt(ident)} is not a {key.rstrip('s')} of the core; known: "
                + ", ".join(known),
                section.key_lines[ident],
            )
            continue
        yield ident, item


def build(
    core_file: Path, pack_file: Path, core_name: str, pack_name: str, folder_is_id: bool = False
) -> Pack:
    """Validate the core and one council file into a Pack (sha256 and files left empty).

    ``folder_is_id``: the pack's id must equal its folder's name (bundled packs, and packs in
    the settings' packs folder, are found by that name).
    """
    core = read_document(core_file, core_name, "core")
    pack_doc = read_document(pack_file, pack_name, "pack")
    builder = _Builder()
    builder.add_core(core)
    pack = builder.add_council(pack_doc, core)
    _check_folder(pack_doc, pack_file, pack.id, folder_is_id)
    return pack


def _check_folder(doc: Document, pack_file: Path, pack_id: str, folder_is_id: bool) -> None:
    if folder_is_id and pack_file.parent.name != pack_id:
        doc.report(
            f"pack id {excerpt(pack_id)} must match its folder name "
            f"{excerpt(pack_file.parent.name)}",
            doc.root.key_lines.get("id"),
        )


# Step 2 of a collecting run assumes what step 1 guarantees; should it ever trip over a shape
# step 1 let through, it stops there (what it found so far stands) rather than crash lint.
_BUILD_ERRORS: tuple[type[Exception], ...] = (
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    ValueError,
)


def problems(
    core_file: Path, pack_file: Path, core_name: str, pack_name: str, folder_is_id: bool = False
) -> list[PackError]:
    """Every problem of the core and one council file, for ``rules lint``: all the structure
    problems of both files (as file:line), then, on what is left once the broken items are
    left out, every reference problem; sorted by file and line. Empty when :func:`build`
    would succeed; otherwise it holds at least the problem :func:`build` raises."""
    found: list[PackError] = []
    broken: set[str] = set()
    core, core_ok = collect_document(core_file, core_name, "core", found, broken)
    pack_doc, pack_ok = collect_document(pack_file, pack_name, "pack", found, broken)
    if core is not None and pack_doc is not None and core_ok and pack_ok:
        builder = _Builder(broken)
        try:
            builder.add_core(core)
            pack = builder.add_council(pack_doc, core)
            _check_folder(pack_doc, pack_file, pack.id, folder_is_id)
        except _BUILD_ERRORS:
            pass
    order = {core_name: 0, pack_name: 1}
    unique = {(e.file, e.line, e.problem): e for e in found}
    return sorted(unique.values(), key=lambda e: (order.get(e.file or "", 2), e.line or 0))
