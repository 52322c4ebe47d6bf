"""Read one pack's YAML (the core plus a council file) and validate it into a Pack.

Every problem is a :class:`PackError` naming the file and line. Only this module (and the
strict YAML loader it uses) runs on a cache miss; a cached pack never imports YAML.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from etikcheck.errors import PackError
from etikcheck.frozen import replace
from etikcheck.model import (
    ABSENT,
    ANSWERS,
    CORE_QUESTIONS,
    LANGS,
    SOURCE_KINDS,
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
from etikcheck.packs.conditions import ConditionError, compile_condition
from etikcheck.packs.strict_yaml import YList, YMap, loads
from etikcheck.reading import TextError, decode

FORMAT = 1
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
    except TextError as exc:
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

    def string(self, node: YMap, key: str, what: str) -> str:
        value = self.need(node, key, what)
        if isinstance(value, bool) or not isinstance(value, str | int) or str(value).strip() == "":
            raise self.fail(f"'{key}' in {what} must be non-empty text", self.line(node, key))
        return str(value)

    def opt_string(self, node: YMap, key: str, what: str) -> str | None:
        return None if node.get(key) is None else self.string(node, key, what)

    def ident(self, node: YMap, key: str, what: str) -> str:
        value = self.string(node, key, what)
        if not set(value) <= _ID_CHARS or value[0] == "-":
            raise self.fail(
                f"id {value!r} in {what} may use only a-z, 0-9 and '-'", self.line(node, key)
            )
        return value

    def text(self, node: YMap, key: str, what: str) -> Text:
        value = self.need(node, key, what)
        return self.text_value(value, self.line(node, key), f"'{key}' in {what}")

    def opt_text(self, node: YMap, key: str, what: str) -> Text | None:
        return None if node.get(key) is None else self.text(node, key, what)

    def text_list(self, node: YMap, key: str, what: str, required: bool = False) -> list[Text]:
        return [
            self.text_value(item, line, f"an item of '{key}' in {what}")
            for item, line in self.items(node, key, what, required=required)
        ]

    def text_value(self, value: Any, line: int, where: str) -> Text:
        """A text in every language: a mapping with exactly the keys sv, da and en."""
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
                raise self.fail(
                    f"{where}: the {lang} text must be non-empty text", value.key_lines[lang]
                )
        return Text(**{lang: str(value[lang]).strip() for lang in LANGS})

    def items(
        self, node: YMap, key: str, what: str, required: bool = True
    ) -> list[tuple[Any, int]]:
        if node.get(key) is None:
            if required:
                raise self.fail(f"{what} needs '{key}'", node.line)
            return []
        value = node[key]
        if not isinstance(value, YList):
            raise self.fail(f"'{key}' in {what} must be a list", self.line(node, key))
        return list(zip(value, value.item_lines, strict=True))

    def entries(
        self,
        node: YMap,
        key: str,
        kind: str,
        allowed: tuple[str, ...],
        taken: Container[str],
        where: str = "the pack",
        required: bool = False,
    ) -> Iterator[tuple[YMap, str, int]]:
        """Each item of the list ``key``: a mapping of ``allowed`` keys with a new ``id``."""
        for item, line in self.items(node, key, where, required=required):
            item = self.mapping(item, line, f"a {kind}", allowed)
            ident = self.ident(item, "id", f"a {kind}")
            if ident in taken:
                raise self.fail(f"duplicate {kind} id {ident!r}", self.line(item, "id"))
            yield item, ident, line

    def ids(
        self, node: YMap, key: str, what: str, known: Iterable[str], kind: str
    ) -> tuple[str, ...]:
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
        section = self.opt_string(node, "section", f"the cite of {what}")
        if section is not None and section not in source.sections:
            raise self.fail(
                f"unknown section {section!r} of source {source_id!r} in {what}",
                self.line(node, "section"),
            )
        if source.kind == "law" and section is None:
            raise self.fail(
                f"the cite of {what} names the law {source_id!r} without a section; "
                "a law is cited by name and section",
                node.line,
            )
        quote = self.opt_text(node, "quote", f"the cite of {what}")
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

    def add_sources(self, doc: _Doc, node: YMap, file_lang: str) -> None:
        allowed = ("id", "title", "publisher", "lang", "kind", "sections")
        for item, source_id, _ in doc.entries(node, "sources", "source", allowed, self.sources):
            what = f"source {source_id!r}"
            lang = _lang(doc, item, what, default=file_lang)
            kind = doc.opt_string(item, "kind", what) or "code"
            if kind not in SOURCE_KINDS:
                raise doc.fail(
                    f"kind {kind!r} of {what} is not one of: {', '.join(SOURCE_KINDS)}",
                    doc.line(item, "kind"),
                )
            sections: dict[str, Text] = {}
            raw = item.get("sections") or YMap()
            raw = doc.mapping(raw, doc.line(item, "sections"), f"the sections of {what}", raw)
            for section_id, section_title in raw.items():
                sections[section_id] = doc.text_value(
                    section_title, raw.key_lines[section_id], f"section {section_id!r} of {what}"
                )
            title = doc.text(item, "title", what)
            publisher = doc.text(item, "publisher", what)
            self.sources[source_id] = Source(
                source_id,
                title,
                publisher,
                sections,
                lang,
                kind,  # type: ignore[arg-type]
            )
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
            help_text = doc.opt_text(item, "help", f"question {qid!r}")
            self.add_question(doc, Question(qid, kind, text, help_text, topic=topic), line)  # type: ignore[arg-type]
            ids.append(qid)
        return ids

    @staticmethod
    def question_id(doc: _Doc, item: YMap, what: str) -> str:
        qid = doc.string(item, "id", what)
        if not all(part and set(part) <= _ID_CHARS for part in qid.split(".")):
            raise doc.fail(
                f"question id {qid!r} may use only a-z, 0-9, '-' and '.'", doc.line(item, "id")
            )
        return qid

    def add_contacts(self, doc: _Doc, node: YMap) -> None:
        allowed = ("id", "role", "name", "phone", "email", "address", "note", "cite", "general")
        for item, cid, line in doc.entries(node, "contacts", "contact", allowed, self.contacts):
            what = f"contact {cid!r}"
            role = doc.text(item, "role", what)
            cite = doc.cite(item["cite"], doc.line(item, "cite"), what) if "cite" in item else None
            general = item.get("general", False)
            if not isinstance(general, bool):
                raise doc.fail(
                    f"'general' in {what} must be true or false", doc.line(item, "general")
                )
            if general == (cite is not None):
                raise doc.fail(
                    f"{what} must either cite the source that names it or be marked "
                    "'general: true' (a generic role, shown as general advice), not both"
                    if general
                    else f"{what} cites no source: give the 'cite' of the code that names it, "
                    "or mark it 'general: true' (a generic role, shown as general advice)",
                    line,
                )
            self.contacts[cid] = Contact(
                id=cid,
                role=role,
                name=doc.opt_string(item, "name", what),
                phone=doc.opt_string(item, "phone", what),
                email=doc.opt_string(item, "email", what),
                address=doc.opt_string(item, "address", what),
                note=doc.opt_text(item, "note", what),
                cite=cite,
                general=general,
            )

    def universe(self, question: str) -> frozenset[str]:
        kind = self.questions[question].kind
        return _OPTIONAL_SET if kind == "value" else _ANSWER_SET

    def scope(self, topic: str | None) -> Callable[[str], frozenset[str]]:
        """The questions a rule may name: the core, value items, and its own topic's."""

        def universe(question: str) -> frozenset[str]:
            owner = self.questions[question].topic
            if owner is not None and owner != topic:
                raise KeyError(question)
            return self.universe(question)

        return universe

    def parse_rules(self, doc: _Doc, node: YMap, what: str, topic: str | None = None) -> list[Rule]:
        allowed = ("id", "when", "verdict", "message", "cite", "values", "contacts", "actions")
        value_ids = [value.id for value in self.values]
        rules = []
        for item, rid, line in doc.entries(node, "rules", "rule", allowed, self.rule_ids, what):
            rwhat = f"rule {rid!r}"
            self.rule_ids.add(rid)
            verdict = doc.string(item, "verdict", rwhat)
            if verdict not in VERDICTS:
                raise doc.fail(
                    f"verdict {verdict!r} of {rwhat} is not one of: {', '.join(VERDICTS)}",
                    doc.line(item, "verdict"),
                )
            try:
                when = compile_condition(
                    doc.need(item, "when", rwhat), doc.line(item, "when"), self.scope(topic)
                )
            except ConditionError as exc:
                raise doc.fail(f"{exc.problem} (in {rwhat})", exc.line) from None
            message = doc.text(item, "message", rwhat)
            actions = doc.text_list(item, "actions", rwhat)
            rules.append(
                Rule(
                    id=rid,
                    when=when,
                    verdict=verdict,
                    message=message,
                    cite=doc.cite(item["cite"], doc.line(item, "cite"), rwhat)
                    if "cite" in item
                    else None,
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
        allowed = (
            "format",
            "id",
            "version",
            "lang",
            "sources",
            "questions",
            "contacts",
            "referrals",
            "verdicts",
            "fallback",
            "topics",
            "rules",
        )
        node = doc.mapping(node, 1, "the core file", allowed)
        _check_format(doc, node)
        self.add_sources(doc, node, _lang(doc, node, "the core"))
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
        verdicts = doc.mapping(
            doc.need(node, "verdicts", "the core"), doc.line(node, "verdicts"), "verdicts", VERDICTS
        )
        for verdict in VERDICTS:
            item = doc.mapping(
                doc.need(verdicts, verdict, "verdicts"),
                doc.line(verdicts, verdict),
                f"verdict {verdict!r}",
                ("label", "next_step", "cite"),
            )
            label = doc.text(item, "label", f"verdict {verdict!r}")
            next_step = doc.text(item, "next_step", f"verdict {verdict!r}")
            cite = (
                doc.cite(item["cite"], doc.line(item, "cite"), f"verdict {verdict!r}")
                if "cite" in item
                else None
            )
            self.verdicts[verdict] = VerdictText(label, next_step, cite)
        fallback = doc.mapping(
            doc.need(node, "fallback", "the core"),
            doc.line(node, "fallback"),
            "fallback",
            ("message", "contacts"),
        )
        message = doc.text(fallback, "message", "fallback")
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
        self.add_core_topics(doc, node)

    # -- a council pack -----------------------------------------------------------------------

    def add_council(self, doc: _Doc, node: YMap, core_doc: _Doc, core_node: YMap) -> Pack:
        allowed = (
            "format",
            "id",
            "version",
            "lang",
            "council",
            "source",
            "sources",
            "questions",
            "values",
            "contacts",
            "referrals",
            "rules",
            "topics",
            "overrides",
        )
        node = doc.mapping(node, 1, "the pack file", allowed)
        _check_format(doc, node)
        pack_id = doc.ident(node, "id", "the pack")
        version = doc.string(node, "version", "the pack")
        lang = _lang(doc, node, "the pack")
        council = doc.text(node, "council", "the pack")
        self.add_sources(doc, node, lang)
        source_id = doc.string(node, "source", "the pack")
        if source_id not in self.sources:
            raise doc.fail(f"unknown source {source_id!r}", doc.line(node, "source"))
        core_questions, core_contacts = tuple(self.questions), tuple(self.contacts)
        # A pack may extend the four test questions with its own, asked after them.
        self.parse_questions(doc, node, "questions", "the pack", "core")
        self.add_values(doc, node)
        self.add_contacts(doc, node)
        if node.get("referrals") is not None:
            self.referrals = doc.ids(node, "referrals", "the pack", self.contacts, "contact")
        # Rules come last: they may name any question, value or contact defined above.
        core_rules = self.parse_rules(core_doc, core_node, "the core")
        self.rules.extend(core_rules)
        self.rules.extend(self.parse_rules(doc, node, "the pack"))
        self.add_topics(doc, node)
        if node.get("overrides") is not None:
            rule_ids = [r.id for r in core_rules]
            self.apply_overrides(doc, node, core_questions, rule_ids, core_contacts)
        self.fill_council(council)
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

    def apply_overrides(
        self,
        doc: _Doc,
        node: YMap,
        core_questions: tuple[str, ...],
        core_rules: list[str],
        core_contacts: tuple[str, ...],
    ) -> None:
        """The council's own wording for texts of the core: a question's text or help, a core
        rule's message, cite and contacts, a core contact's role and note, a verdict's label,
        next step and cite. Conditions and verdicts of the core cannot be overridden."""
        raw = doc.mapping(
            node["overrides"], doc.line(node, "overrides"), "overrides", OVERRIDE_KEYS
        )
        for qid, item, what in _overrides(doc, raw, "questions", core_questions, ("text", "help")):
            question = self.questions[qid]
            self.questions[qid] = replace(
                question,
                text=doc.opt_text(item, "text", what) or question.text,
                help=doc.opt_text(item, "help", what) or question.help,
            )
        allowed = ("message", "cite", "contacts")
        for rid, item, what in _overrides(doc, raw, "rules", core_rules, allowed):
            index = next(i for i, rule in enumerate(self.rules) if rule.id == rid)
            rule = self.rules[index]
            self.rules[index] = replace(
                rule,
                message=doc.opt_text(item, "message", what) or rule.message,
                cite=doc.cite(item["cite"], doc.line(item, "cite"), what)
                if item.get("cite") is not None
                else rule.cite,
                contacts=doc.ids(item, "contacts", what, self.contacts, "contact")
                if item.get("contacts") is not None
                else rule.contacts,
            )
        allowed = ("role", "note", "general")
        for cid, item, what in _overrides(doc, raw, "contacts", core_contacts, allowed):
            contact = self.contacts[cid]
            general = item.get("general", contact.general)
            if general is not True and general is not contact.general:
                raise doc.fail(f"'general' in {what} can only be true", doc.line(item, "general"))
            self.contacts[cid] = replace(
                contact,
                role=doc.opt_text(item, "role", what) or contact.role,
                note=doc.opt_text(item, "note", what) or contact.note,
                general=general,
                # a role the core's source names, which this council's own code does not
                cite=None if general else contact.cite,
            )
        allowed = ("label", "next_step", "cite")
        for verdict, item, what in _overrides(doc, raw, "verdicts", VERDICTS, allowed):
            text = self.verdicts[verdict]
            self.verdicts[verdict] = VerdictText(
                label=doc.opt_text(item, "label", what) or text.label,
                next_step=doc.opt_text(item, "next_step", what) or text.next_step,
                cite=doc.cite(item["cite"], doc.line(item, "cite"), what)
                if item.get("cite") is not None
                else text.cite,
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

    def add_values(self, doc: _Doc, node: YMap) -> None:
        allowed = ("id", "name", "statements", "cite")
        taken: set[str] = set()
        for item, vid, line in doc.entries(node, "values", "value", allowed, taken, required=True):
            taken.add(vid)
            what = f"value {vid!r}"
            name = doc.text(item, "name", what)
            cite = doc.cite(doc.need(item, "cite", what), doc.line(item, "cite"), what)
            statements = [
                self.statement(doc, raw, sline, what, cite)
                for raw, sline in doc.items(item, "statements", what)
            ]
            if not statements:
                raise doc.fail(f"{what} needs at least one statement", doc.line(item, "statements"))
            value = Value(vid, name, tuple(statements), cite)
            first = statements[0].quote
            self.add_question(
                doc, Question(value.question_id, "value", name, first, value=vid), line
            )
            self.values.append(value)
        if not self.values:
            raise doc.fail("the pack needs at least one value", doc.line(node, "values"))

    @staticmethod
    def statement(doc: _Doc, raw: Any, line: int, what: str, cite: Cite) -> Cite:
        """A value's statement: the code's own sentence, quoted from the value's source under
        the value's heading, or under its own ``section`` when it stands elsewhere."""
        where = f"a statement of {what}"
        if not (isinstance(raw, YMap) and "text" in raw):
            return Cite(cite.source, cite.section, doc.text_value(raw, line, where))
        raw = doc.mapping(raw, line, where, ("text", "section"))
        section = doc.opt_string(raw, "section", where)
        if section is not None and section not in cite.source.sections:
            raise doc.fail(
                f"unknown section {section!r} of source {cite.source.id!r} in {where}",
                doc.line(raw, "section"),
            )
        text = doc.text_value(doc.need(raw, "text", where), doc.line(raw, "text"), where)
        return Cite(cite.source, section or cite.section, text)

    def add_core_topics(self, doc: _Doc, node: YMap) -> None:
        """The topics every pack shares: ids, titles and their questions (no rules)."""
        allowed = ("id", "title", "description", "questions")
        for item, tid, _ in doc.entries(node, "topics", "topic", allowed, self.topics, "the core"):
            what = f"topic {tid!r}"
            questions = self.parse_questions(doc, item, "questions", what, "topic", topic=tid)
            self.topics[tid] = Topic(
                id=tid,
                title=doc.text(item, "title", what),
                description=doc.text(item, "description", what),
                guidance=None,
                questions=tuple(questions),
                actions=(),
                contacts=(),
                quotes=(),
                rules=(),
            )

    def add_topics(self, doc: _Doc, node: YMap) -> None:
        """A council's guidance on the core topics (and any topics of its own)."""
        allowed = (
            "id",
            "title",
            "description",
            "guidance",
            "questions",
            "actions",
            "contacts",
            "quotes",
            "rules",
        )
        seen: set[str] = set()
        for item, tid, _ in doc.entries(node, "topics", "topic", allowed, seen):
            what = f"topic {tid!r}"
            seen.add(tid)
            base = self.topics.get(tid)
            # a core topic may keep its title and description; a new topic must give them
            title = doc.opt_text(item, "title", what) or (
                base.title if base else doc.text(item, "title", what)
            )
            description = doc.opt_text(item, "description", what) or (
                base.description if base else doc.text(item, "description", what)
            )
            questions = self.parse_questions(doc, item, "questions", what, "topic", topic=tid)
            quotes = tuple(
                doc.cite(q, qline, what)
                for q, qline in doc.items(item, "quotes", what, required=False)
            )
            self.topics[tid] = Topic(
                id=tid,
                title=title,
                description=description,
                guidance=doc.opt_text(item, "guidance", what),
                questions=(base.questions if base else ()) + tuple(questions),
                actions=tuple(doc.text_list(item, "actions", what)),
                contacts=doc.ids(item, "contacts", what, self.contacts, "contact"),
                quotes=quotes,
                rules=tuple(self.parse_rules(doc, item, what, topic=tid)),
            )


OVERRIDE_KEYS = ("questions", "rules", "contacts", "verdicts")


def _overrides(
    doc: _Doc, raw: YMap, key: str, known: Iterable[str], allowed: tuple[str, ...]
) -> Iterator[tuple[str, YMap, str]]:
    """Each ``id: {...}`` of one overrides section, checked against the core's ids."""
    if raw.get(key) is None:
        return
    known = tuple(known)
    section = doc.mapping(raw[key], doc.line(raw, key), f"the overrides of {key}", raw[key])
    kind = key.rstrip("s")
    for ident, item in section.items():
        line = section.key_lines[ident]
        if ident not in known:
            raise doc.fail(
                f"overrides: {ident!r} is not a {kind} of the core; known: {', '.join(known)}",
                line,
            )
        what = f"the override of {kind} {ident!r}"
        yield ident, doc.mapping(item, line, what, allowed), what


def _lang(doc: _Doc, node: YMap, what: str, default: str | None = None) -> str:
    """The ``lang`` of a file or source: sv, da or en (required unless there is a default)."""
    if default is not None and node.get("lang") is None:
        return default
    lang = doc.string(node, "lang", what)
    if lang not in LANGS:
        raise doc.fail(f"lang {lang!r} is not one of: {', '.join(LANGS)}", doc.line(node, "lang"))
    return lang


def _check_format(doc: _Doc, node: YMap) -> None:
    value = node.get("format")
    if isinstance(value, bool) or value != FORMAT:
        raise doc.fail(
            f"'format' must be {FORMAT} (this etikcheck reads pack format {FORMAT})",
            doc.line(node, "format"),
        )


def build(
    core_file: Path, pack_file: Path, core_name: str, pack_name: str, folder_is_id: bool = False
) -> Pack:
    """Validate the core and one council file into a Pack (sha256 and files left empty).

    ``folder_is_id``: the pack's id must equal its folder's name (bundled packs, and packs in
    the settings' packs folder, are found by that name).
    """
    core_doc = _Doc(core_name)
    core_node = read_yaml(core_file, core_name)
    pack_doc = _Doc(pack_name)
    pack_node = read_yaml(pack_file, pack_name)
    builder = _Builder()
    builder.add_core(core_doc, core_node)
    core_doc.sources = builder.sources
    pack = builder.add_council(pack_doc, pack_node, core_doc, core_node)
    if folder_is_id and pack_file.parent.name != pack.id:
        raise PackError(
            f"pack id {pack.id!r} must match its folder name {pack_file.parent.name!r}",
            pack_name,
            pack_node.key_lines.get("id"),
        )
    return pack
