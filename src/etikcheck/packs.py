"""Find, load, validate and compile rule packs.

A pack is the shared core (``rules/core.yaml``: the four test questions, the verdict texts, the
core rules) merged with one council's ``pack.yaml`` (values, contacts, topics, rules). Every
problem is a :class:`PackError` naming the file and line. The format is documented in
``docs/rule-packs.md``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import resources
from .conditions import ConditionError, compile_condition
from .errors import InputError, PackError
from .model import (
    ABSENT,
    ANSWERS,
    CORE_QUESTIONS,
    LANGS,
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
from .strict_yaml import StrictYamlError, YList, YMap, decode, loads

FORMAT = 1
PACK_FILE = "pack.yaml"
CORE_FILE = "core.yaml"
CASES_FILE = "cases.yaml"
COUNCIL_PLACEHOLDER = "{council}"

_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
_ANSWER_SET = frozenset(ANSWERS)
_OPTIONAL_SET = frozenset((*ANSWERS, ABSENT))


def read_yaml(path: Path, display: str | None = None) -> Any:
    """Read one strict-YAML file; every problem becomes a PackError with file:line."""
    name = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PackError(f"cannot read the file: {exc.strerror or exc}", name) from None
    try:
        return loads(decode(data))
    except StrictYamlError as exc:
        raise PackError(exc.problem, name, exc.line) from None


@dataclass
class _Doc:
    """One YAML file being validated: helpers that fail with file:line."""

    file: str
    sources: dict[str, Source] = field(default_factory=dict)

    def fail(self, problem: str, line: int | None) -> PackError:
        return PackError(problem, self.file, line)

    def mapping(self, node: Any, line: int, what: str, allowed: Iterable[str]) -> YMap:
        if not isinstance(node, YMap):
            raise self.fail(f"{what} must be a mapping, not {_kind(node)}", line)
        allowed = tuple(allowed)
        for key in node:
            if key not in allowed:
                raise self.fail(
                    f"unknown key {key!r} in {what}; allowed: {', '.join(allowed)}",
                    node.key_lines[key],
                )
        return node

    def need(self, node: YMap, key: str, what: str) -> Any:
        if key not in node or node[key] is None:
            raise self.fail(f"{what} needs '{key}'", node.line)
        return node[key]

    def line(self, node: YMap, key: str) -> int:
        return node.key_lines.get(key, node.line)

    def string(self, node: YMap, key: str, what: str, required: bool = True) -> str | None:
        if not required and node.get(key) is None:
            return None
        value = self.need(node, key, what)
        if isinstance(value, bool) or not isinstance(value, str | int) or str(value).strip() == "":
            raise self.fail(f"'{key}' in {what} must be non-empty text", self.line(node, key))
        return str(value)

    def ident(self, node: YMap, key: str, what: str) -> str:
        value = self.string(node, key, what)
        assert value is not None
        if not set(value) <= _ID_CHARS or value[0] == "-":
            raise self.fail(
                f"id {value!r} in {what} may use only a-z, 0-9 and '-'", self.line(node, key)
            )
        return value

    def text(self, node: YMap, key: str, what: str, required: bool = True) -> Text | None:
        if not required and node.get(key) is None:
            return None
        value = self.need(node, key, what)
        line = self.line(node, key)
        where = f"'{key}' in {what}"
        if not isinstance(value, YMap):
            raise self.fail(f"{where} must give the text in {', '.join(LANGS)}", line)
        missing = [lang for lang in LANGS if lang not in value]
        if missing:
            raise self.fail(f"{where} has no translation for: {', '.join(missing)}", line)
        for lang, text in value.items():
            if lang not in LANGS:
                raise self.fail(
                    f"{where}: unknown language {lang!r}; use {', '.join(LANGS)}",
                    value.key_lines[lang],
                )
            if not isinstance(text, str) or not text.strip():
                raise self.fail(f"{where}: the {lang} text must be non-empty text", value.key_lines[lang])
        return Text(**{lang: str(value[lang]).strip() for lang in LANGS})

    def items(self, node: YMap, key: str, what: str, required: bool = True) -> list[tuple[Any, int]]:
        if node.get(key) is None:
            if required:
                raise self.fail(f"{what} needs '{key}'", node.line)
            return []
        value = node[key]
        if not isinstance(value, YList):
            raise self.fail(f"'{key}' in {what} must be a list", self.line(node, key))
        return list(zip(value, value.item_lines, strict=True))

    def ids(self, node: YMap, key: str, what: str, known: Iterable[str], kind: str) -> tuple[str, ...]:
        known = set(known)
        result = []
        for item, line in self.items(node, key, what, required=False):
            if not isinstance(item, str) or item not in known:
                raise self.fail(f"unknown {kind} {item!r} in {what}", line)
            result.append(item)
        return tuple(result)

    def cite(self, node: Any, line: int, what: str) -> Cite:
        node = self.mapping(node, line, f"the cite of {what}", ("source", "section", "quote"))
        source_id = self.string(node, "source", f"the cite of {what}")
        source = self.sources.get(source_id or "")
        if source is None:
            raise self.fail(
                f"unknown source {source_id!r} in {what}; known: {', '.join(self.sources)}",
                self.line(node, "source"),
            )
        section = self.string(node, "section", f"the cite of {what}", required=False)
        if section is not None and section not in source.sections:
            raise self.fail(
                f"unknown section {section!r} of source {source_id!r} in {what}",
                self.line(node, "section"),
            )
        quote = self.text(node, "quote", f"the cite of {what}", required=False)
        return Cite(source=source, section=section, quote=quote)


def _kind(node: Any) -> str:
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YList):
        return "a list"
    if node is None:
        return "empty"
    return f"{type(node).__name__} {node!r}"


class _Builder:
    """Merges the core and one council file into a Pack, checking every reference."""

    def __init__(self) -> None:
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

    # -- shared parts -------------------------------------------------------------------------

    def add_sources(self, doc: _Doc, node: YMap) -> None:
        for item, line in doc.items(node, "sources", "the pack", required=False):
            what = "a source"
            item = doc.mapping(item, line, what, ("id", "title", "publisher", "sections"))
            source_id = doc.ident(item, "id", what)
            what = f"source {source_id!r}"
            if source_id in self.sources:
                raise doc.fail(f"duplicate source id {source_id!r}", doc.line(item, "id"))
            sections: dict[str, Text] = {}
            raw = item.get("sections") or YMap()
            raw = doc.mapping(raw, doc.line(item, "sections"), f"the sections of {what}", raw)
            for section_id in raw:
                holder = YMap({"title": raw[section_id]})
                holder.key_lines = {"title": raw.key_lines[section_id]}
                holder.line = raw.key_lines[section_id]
                title = doc.text(holder, "title", f"section {section_id!r} of {what}")
                assert title is not None
                sections[section_id] = title
            title = doc.text(item, "title", what)
            publisher = doc.text(item, "publisher", what)
            assert title is not None and publisher is not None
            self.sources[source_id] = Source(source_id, title, publisher, sections)
        doc.sources = self.sources

    def add_question(self, doc: _Doc, question: Question, line: int) -> None:
        if question.id in self.questions:
            raise doc.fail(f"duplicate question id {question.id!r}", line)
        self.questions[question.id] = question

    def parse_questions(
        self, doc: _Doc, node: YMap, key: str, what: str, kind: str, topic: str | None = None
    ) -> list[str]:
        ids = []
        for item, line in doc.items(node, key, what, required=False):
            item = doc.mapping(item, line, f"a question of {what}", ("id", "text", "help"))
            qid = self.question_id(doc, item, f"a question of {what}")
            text = doc.text(item, "text", f"question {qid!r}")
            assert text is not None
            help_text = doc.text(item, "help", f"question {qid!r}", required=False)
            self.add_question(doc, Question(qid, kind, text, help_text, topic=topic), line)  # type: ignore[arg-type]
            ids.append(qid)
        return ids

    @staticmethod
    def question_id(doc: _Doc, item: YMap, what: str) -> str:
        qid = doc.string(item, "id", what)
        assert qid is not None
        if not all(part and set(part) <= _ID_CHARS for part in qid.split(".")):
            raise doc.fail(
                f"question id {qid!r} may use only a-z, 0-9, '-' and '.'", doc.line(item, "id")
            )
        return qid

    def add_contacts(self, doc: _Doc, node: YMap) -> None:
        allowed = ("id", "role", "name", "phone", "email", "address", "note", "cite")
        for item, line in doc.items(node, "contacts", "the pack", required=False):
            item = doc.mapping(item, line, "a contact", allowed)
            cid = doc.ident(item, "id", "a contact")
            what = f"contact {cid!r}"
            if cid in self.contacts:
                raise doc.fail(f"duplicate contact id {cid!r}", doc.line(item, "id"))
            role = doc.text(item, "role", what)
            assert role is not None
            cite = doc.cite(item["cite"], doc.line(item, "cite"), what) if "cite" in item else None
            self.contacts[cid] = Contact(
                id=cid,
                role=role,
                name=doc.string(item, "name", what, required=False),
                phone=doc.string(item, "phone", what, required=False),
                email=doc.string(item, "email", what, required=False),
                address=doc.string(item, "address", what, required=False),
                note=doc.text(item, "note", what, required=False),
                cite=cite,
            )

    def universe(self, question: str) -> frozenset[str]:
        kind = self.questions[question].kind
        return _OPTIONAL_SET if kind == "value" else _ANSWER_SET

    def parse_rules(self, doc: _Doc, node: YMap, what: str, topic: str | None = None) -> list[Rule]:
        allowed = ("id", "when", "verdict", "message", "cite", "values", "contacts", "actions")
        value_ids = [value.id for value in self.values]
        rules = []
        for item, line in doc.items(node, "rules", what, required=False):
            item = doc.mapping(item, line, f"a rule of {what}", allowed)
            rid = doc.ident(item, "id", f"a rule of {what}")
            rwhat = f"rule {rid!r}"
            if rid in self.rule_ids:
                raise doc.fail(f"duplicate rule id {rid!r}", doc.line(item, "id"))
            self.rule_ids.add(rid)
            verdict = doc.string(item, "verdict", rwhat)
            if verdict not in VERDICTS:
                raise doc.fail(
                    f"verdict {verdict!r} of {rwhat} is not one of: {', '.join(VERDICTS)}",
                    doc.line(item, "verdict"),
                )
            try:
                when = compile_condition(doc.need(item, "when", rwhat), doc.line(item, "when"), self.universe)
            except ConditionError as exc:
                raise doc.fail(f"{exc.problem} (in {rwhat})", exc.line) from None
            message = doc.text(item, "message", rwhat)
            assert message is not None
            actions = []
            for action, aline in doc.items(item, "actions", rwhat, required=False):
                holder = YMap({"action": action})
                holder.key_lines, holder.line = {"action": aline}, aline
                text = doc.text(holder, "action", rwhat)
                assert text is not None
                actions.append(text)
            rules.append(
                Rule(
                    id=rid,
                    when=when,
                    verdict=verdict,
                    message=message,
                    cite=doc.cite(item["cite"], doc.line(item, "cite"), rwhat) if "cite" in item else None,
                    values=doc.ids(item, "values", rwhat, value_ids, "value"),
                    contacts=doc.ids(item, "contacts", rwhat, self.contacts, "contact"),
                    actions=tuple(actions),
                    topic=topic,
                    line=line,
                    file=doc.file,
                )
            )
        return rules

    # -- the core -----------------------------------------------------------------------------

    def add_core(self, doc: _Doc, node: YMap) -> None:
        allowed = ("format", "id", "version", "lang", "sources", "questions", "contacts",
                   "referrals", "verdicts", "fallback", "rules")
        node = doc.mapping(node, 1, "the core file", allowed)
        _check_format(doc, node)
        self.add_sources(doc, node)
        self.parse_questions(doc, node, "questions", "the core", "core")
        missing = [q for q in CORE_QUESTIONS if q not in self.questions]
        if missing or len(self.questions) != len(CORE_QUESTIONS):
            raise doc.fail(
                f"the core must define exactly the questions {', '.join(CORE_QUESTIONS)}"
                + (f"; missing: {', '.join(missing)}" if missing else ""),
                doc.line(node, "questions"),
            )
        self.add_contacts(doc, node)
        self.referrals = doc.ids(node, "referrals", "the core", self.contacts, "contact")
        verdicts = doc.mapping(doc.need(node, "verdicts", "the core"), doc.line(node, "verdicts"),
                               "verdicts", VERDICTS)
        for verdict in VERDICTS:
            item = doc.mapping(doc.need(verdicts, verdict, "verdicts"), doc.line(verdicts, verdict),
                               f"verdict {verdict!r}", ("label", "next_step", "cite"))
            label = doc.text(item, "label", f"verdict {verdict!r}")
            next_step = doc.text(item, "next_step", f"verdict {verdict!r}")
            assert label is not None and next_step is not None
            cite = doc.cite(item["cite"], doc.line(item, "cite"), f"verdict {verdict!r}") if "cite" in item else None
            self.verdicts[verdict] = VerdictText(label, next_step, cite)
        fallback = doc.mapping(doc.need(node, "fallback", "the core"), doc.line(node, "fallback"),
                               "fallback", ("message", "contacts"))
        message = doc.text(fallback, "message", "fallback")
        assert message is not None
        self.fallback = Rule(
            id="no-rule-fired",
            when=(),
            verdict="seek_advice",
            message=message,
            cite=None,
            contacts=doc.ids(fallback, "contacts", "fallback", self.contacts, "contact"),
            line=fallback.line,
            file=doc.file,
        )

    # -- a council pack -----------------------------------------------------------------------

    def add_council(self, doc: _Doc, node: YMap, core_doc: _Doc, core_node: YMap) -> Pack:
        allowed = ("format", "id", "version", "lang", "council", "source", "sources", "values",
                   "contacts", "referrals", "rules", "topics")
        node = doc.mapping(node, 1, "the pack file", allowed)
        _check_format(doc, node)
        pack_id = doc.ident(node, "id", "the pack")
        version = doc.string(node, "version", "the pack")
        lang = doc.string(node, "lang", "the pack")
        if lang not in LANGS:
            raise doc.fail(f"lang {lang!r} is not one of: {', '.join(LANGS)}", doc.line(node, "lang"))
        council = doc.text(node, "council", "the pack")
        assert council is not None and version is not None
        self.add_sources(doc, node)
        source_id = doc.string(node, "source", "the pack")
        if source_id not in self.sources:
            raise doc.fail(f"unknown source {source_id!r}", doc.line(node, "source"))
        self.fill_council(council)
        self.add_values(doc, node)
        self.add_contacts(doc, node)
        if node.get("referrals") is not None:
            self.referrals = doc.ids(node, "referrals", "the pack", self.contacts, "contact")
        # Rules come last: they may name any question, value or contact defined above.
        self.rules.extend(self.parse_rules(core_doc, core_node, "the core"))
        self.rules.extend(self.parse_rules(doc, node, "the pack"))
        self.add_topics(doc, node)
        assert self.fallback is not None
        return Pack(
            id=pack_id,
            version=version,
            sha256="",
            council=council,
            lang=lang,
            source=self.sources[source_id],
            questions=self.questions,
            values=tuple(self.values),
            contacts=self.contacts,
            referrals=self.referrals,
            rules=tuple(self.rules),
            topics=self.topics,
            verdicts=self.verdicts,
            fallback=self.fallback,
        )

    def fill_council(self, council: Text) -> None:
        """Put the council's name where the core says {council} (question 4 names the city)."""

        def fill(text: Text | None) -> Text | None:
            if text is None:
                return None
            return Text(**{lang: text.get(lang).replace(COUNCIL_PLACEHOLDER, council.get(lang))
                           for lang in LANGS})

        for qid, question in self.questions.items():
            self.questions[qid] = replace(
                question, text=fill(question.text) or question.text, help=fill(question.help)
            )

    def add_values(self, doc: _Doc, node: YMap) -> None:
        for item, line in doc.items(node, "values", "the pack"):
            item = doc.mapping(item, line, "a value", ("id", "name", "statements", "cite"))
            vid = doc.ident(item, "id", "a value")
            what = f"value {vid!r}"
            name = doc.text(item, "name", what)
            assert name is not None
            statements = []
            for statement, sline in doc.items(item, "statements", what):
                holder = YMap({"statement": statement})
                holder.key_lines, holder.line = {"statement": sline}, sline
                text = doc.text(holder, "statement", what)
                assert text is not None
                statements.append(text)
            if not statements:
                raise doc.fail(f"{what} needs at least one statement", doc.line(item, "statements"))
            cite = doc.cite(doc.need(item, "cite", what), doc.line(item, "cite"), what)
            value = Value(vid, name, tuple(statements), cite)
            self.add_question(
                doc, Question(value.question_id, "value", name, statements[0], value=vid), line
            )
            self.values.append(value)
        if not self.values:
            raise doc.fail("the pack needs at least one value", doc.line(node, "values"))

    def add_topics(self, doc: _Doc, node: YMap) -> None:
        allowed = ("id", "title", "description", "guidance", "questions", "actions", "contacts",
                   "quotes", "rules")
        for item, line in doc.items(node, "topics", "the pack", required=False):
            item = doc.mapping(item, line, "a topic", allowed)
            tid = doc.ident(item, "id", "a topic")
            what = f"topic {tid!r}"
            if tid in self.topics:
                raise doc.fail(f"duplicate topic id {tid!r}", doc.line(item, "id"))
            title = doc.text(item, "title", what)
            description = doc.text(item, "description", what)
            assert title is not None and description is not None
            questions = self.parse_questions(doc, item, "questions", what, "topic", topic=tid)
            actions = []
            for action, aline in doc.items(item, "actions", what, required=False):
                holder = YMap({"action": action})
                holder.key_lines, holder.line = {"action": aline}, aline
                text = doc.text(holder, "action", what)
                assert text is not None
                actions.append(text)
            quotes = tuple(doc.cite(q, qline, what) for q, qline in doc.items(item, "quotes", what, required=False))
            self.topics[tid] = Topic(
                id=tid,
                title=title,
                description=description,
                guidance=doc.text(item, "guidance", what, required=False),
                questions=tuple(questions),
                actions=tuple(actions),
                contacts=doc.ids(item, "contacts", what, self.contacts, "contact"),
                quotes=quotes,
                rules=tuple(self.parse_rules(doc, item, what, topic=tid)),
            )


def _check_format(doc: _Doc, node: YMap) -> None:
    if node.get("format") != FORMAT:
        raise doc.fail(
            f"'format' must be {FORMAT} (this etikcheck reads pack format {FORMAT})",
            doc.line(node, "format"),
        )


# -- finding packs -----------------------------------------------------------------------------


def rules_dir() -> Path:
    return resources.data_path("rules")


def bundled_ids() -> list[str]:
    base = rules_dir()
    return sorted(p.parent.name for p in base.glob(f"*/{PACK_FILE}"))


def resolve(council: str) -> Path:
    """The pack.yaml of a bundled council id; InputError listing the known ids otherwise."""
    path = rules_dir() / council / PACK_FILE
    if not council or "/" in council or "\\" in council or council.startswith(".") or not path.is_file():
        raise InputError(
            f"unknown council {council!r}; known councils: {', '.join(bundled_ids())}", "council"
        )
    return path


def _display(path: Path) -> str:
    """A short file name for messages: relative to the bundled rules, else as given."""
    try:
        return str(Path("rules") / path.resolve().relative_to(rules_dir().resolve()))
    except ValueError:
        return str(path)


def load(council: str) -> Pack:
    return load_path(resolve(council))


def load_path(pack_file: Path, core_file: Path | None = None) -> Pack:
    """Load and validate the pack at ``pack_file`` (merged with the core)."""
    core_file = core_file or rules_dir() / CORE_FILE
    files = (core_file, pack_file)
    digest = hashlib.sha256()
    for path in files:
        try:
            digest.update(path.read_bytes())
        except OSError as exc:
            raise PackError(f"cannot read the file: {exc.strerror or exc}", _display(path)) from None
        digest.update(b"\0")
    core_doc = _Doc(_display(core_file))
    core_node = read_yaml(core_file, core_doc.file)
    pack_doc = _Doc(_display(pack_file))
    pack_node = read_yaml(pack_file, pack_doc.file)
    builder = _Builder()
    builder.add_core(core_doc, core_node)
    core_doc.sources = builder.sources
    pack = builder.add_council(pack_doc, pack_node, core_doc, core_node)
    if pack.id != pack_file.parent.name and pack_file.parent.parent == rules_dir():
        raise PackError(
            f"pack id {pack.id!r} must match its folder name {pack_file.parent.name!r}",
            pack_doc.file,
            pack_node.key_lines.get("id"),
        )
    return replace(pack, sha256=digest.hexdigest(), files=tuple(_display(f) for f in files))
