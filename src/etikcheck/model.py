"""Typed, immutable data: what a pack holds and what an evaluation returns.

Nothing here reads files or prints; the pack loader builds these objects and ``engine.py`` uses
them. The classes are :class:`~etikcheck.frozen.Frozen` records (frozen, slotted, typed), not
dataclasses, because this module is on the start-up path of every command (see frozen.py).
"""

from __future__ import annotations

from etikcheck.frozen import Frozen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Literal

    QuestionKind = Literal["core", "value", "topic"]
    SourceKind = Literal["code", "guidance", "law"]

LANGS: tuple[str, ...] = ("sv", "da", "en")
ANSWERS: tuple[str, ...] = ("yes", "no", "unsure")
VERDICTS: tuple[str, ...] = ("proceed", "seek_advice", "reconsider")  # mildest first
SEVERITY: Mapping[str, int] = {verdict: rank for rank, verdict in enumerate(VERDICTS)}
# How bad an answer is, for deriving ``values`` from its items: the worst answer wins.
ANSWER_WEIGHT: Mapping[str, int] = {"yes": 0, "unsure": 1, "no": 2}
CORE_QUESTIONS: tuple[str, ...] = ("lawful", "values", "ethical", "reputation")
VALUE_PREFIX = "values."
ABSENT = ""  # the "answer" of a question that was not asked, in compiled conditions
# The seeds' own logic, enforced by the engine whatever a pack says: any no to a test question
# means at least reconsider; any unsure at least seek advice.
FLOOR: tuple[tuple[str, str], ...] = (("no", "reconsider"), ("unsure", "seek_advice"))
NO_FLOOR: Mapping[str, Text] = {}


class Text(Frozen):
    """One text in every language etikcheck speaks."""

    sv: str
    da: str
    en: str

    def get(self, lang: str) -> str:
        return str(getattr(self, lang))


SOURCE_KINDS: tuple[str, ...] = ("code", "guidance", "law")


class Source(Frozen):
    """A document a pack quotes: a code of conduct, guidance, or a law.

    ``lang`` is the language the document is written in: its title, section headings and
    quotes in that language are the original, every other language is a translation.
    """

    id: str
    title: Text
    publisher: Text
    sections: Mapping[str, Text]
    lang: str
    kind: SourceKind = "code"


class Cite(Frozen):
    source: Source
    section: str | None
    quote: Text | None

    @property
    def section_title(self) -> Text | None:
        return self.source.sections[self.section] if self.section else None


class Question(Frozen):
    id: str
    kind: QuestionKind
    text: Text
    help: Text | None
    value: str | None = None  # for kind "value": the value this item asks about
    topic: str | None = None  # for kind "topic"


class Value(Frozen):
    id: str
    name: Text
    statements: tuple[Cite, ...]  # the code's own sentences, each with the heading it is under
    cite: Cite

    @property
    def question_id(self) -> str:
        return VALUE_PREFIX + self.id


class Contact(Frozen):
    id: str
    role: Text
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    note: Text | None = None
    cite: Cite | None = None
    general: bool = False  # a generic role no source names: general advice, not the code's


# A condition compiled to disjunctive normal form: the rule fires when, for some term, every
# question's answer (or ABSENT) is in that term's allowed set.
Atom = tuple[str, frozenset[str]]
Term = tuple[Atom, ...]


class Rule(Frozen):
    id: str
    when: tuple[Term, ...]
    verdict: str
    message: Text
    cite: Cite | None
    values: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    actions: tuple[Text, ...] = ()
    topic: str | None = None
    line: int = 0
    file: str = ""


class Topic(Frozen):
    id: str
    title: Text
    description: Text
    guidance: Text | None  # said when the council's code has nothing specific on this topic
    questions: tuple[str, ...]
    actions: tuple[Text, ...]
    contacts: tuple[str, ...]
    quotes: tuple[Cite, ...]
    rules: tuple[Rule, ...]


class VerdictText(Frozen):
    label: Text
    next_step: Text
    cite: Cite | None


class Pack(Frozen):
    id: str
    version: str
    sha256: str
    council: Text
    lang: str
    source: Source
    questions: Mapping[str, Question]  # in the order they are asked
    values: tuple[Value, ...]
    contacts: Mapping[str, Contact]
    referrals: tuple[str, ...]  # contacts named in every result
    rules: tuple[Rule, ...]
    topics: Mapping[str, Topic]
    verdicts: Mapping[str, VerdictText]
    fallback: Rule  # the reason given when no rule fires (fail closed)
    files: tuple[str, ...] = ()
    # what a reason says when the engine's floor raised the verdict ("no", "unsure" -> text)
    floor: Mapping[str, Text] = NO_FLOOR
    # the document the four test questions come from: the core's first source
    method: Source | None = None
    # other names the council goes by (`aliases` in pack.yaml), besides its id and `council`
    aliases: tuple[str, ...] = ()

    def core_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions.values() if q.kind == "core")

    def value_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions.values() if q.kind == "value")

    def all_sources(self) -> dict[str, Source]:
        """Every source the pack refers to, by id."""
        found: dict[str, Source] = {self.source.id: self.source}
        if self.method is not None:
            found[self.method.id] = self.method
        cites = [v.cite for v in self.values] + [c.cite for c in self.contacts.values()]
        rules = [*self.rules, self.fallback]
        for topic in self.topics.values():
            cites += list(topic.quotes)
            rules += list(topic.rules)
        cites += [r.cite for r in rules] + [v.cite for v in self.verdicts.values()]
        for cite in cites:
            if cite is not None:
                found[cite.source.id] = cite.source
        return found


class Reason(Frozen):
    """One fired rule: why the verdict is what it is."""

    rule: Rule
    rests_on: tuple[tuple[str, str], ...]  # (question id, answer) pairs that made it fire

    @property
    def verdict(self) -> str:
        return self.rule.verdict


class Counterfactual(Frozen):
    """One answer whose change alone would change the recommendation: the member answered
    ``answer`` to ``question``; had they answered ``would_be``, the verdict would be
    ``verdict``."""

    question: str
    answer: str
    would_be: str
    verdict: str


class Decision(Frozen):
    pack: Pack
    verdict: str
    answers: Mapping[str, str]  # as given, plus ``values`` when derived from its items
    reasons: tuple[Reason, ...]
    referrals: tuple[Contact, ...]
    actions: tuple[Text, ...] = ()
    topic: str | None = None
    derived: tuple[str, ...] = ()  # answers the engine derived (``values`` from its items)
    fallback: bool = False  # no rule fired: fail closed
    counterfactuals: tuple[Counterfactual, ...] = ()


class Scenario(Frozen):
    """A dilemma for a training session, with its "what if…?" variations."""

    id: str
    title: Text
    situation: Text
    action: Text  # what the group tests ("to accept the tickets"): the questions are about it
    topic: str | None
    values: tuple[str, ...]
    variations: tuple[Text, ...]
    discussion: tuple[Text, ...]
    note: Text  # for the facilitator: what the code says
    cites: tuple[Cite, ...]


class Deck(Frozen):
    id: str
    council: str
    title: Text
    scenarios: Mapping[str, Scenario]  # in deck order: a scenario's number is its place here
    file: str
    follow_up: tuple[Cite, ...] = ()  # the code's words on how often a group follows up

    def number(self, scenario_id: str) -> int:
        """The scenario's short number within the deck (1, 2, …), shown everywhere."""
        return list(self.scenarios).index(scenario_id) + 1
