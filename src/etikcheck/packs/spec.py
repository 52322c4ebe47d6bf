"""The format of the files in ``rules/``, once: the one definition the loader, the JSON Schemas
and the Keys tables of docs/rule-packs.md all come from.

Four kinds of file: the shared core (``core.yaml``), a council pack (``pack.yaml``), a scenario
deck (``rules/scenarios/<council>.yaml``) and a pack's test cases (``cases.yaml``). For each
mapping this says which keys it allows, which are required, what each value is and what it means.
The loader (``loader.py``) walks it for structure and reports every problem with file and line;
``python -m etikcheck.packs.schema`` writes the JSON Schemas in ``schemas/`` and the tables of
the docs from it. What no schema can check stays in the loader: references (a source, section,
question, value, contact or topic that must exist), unique ids, the ``{council}`` fill, the
overrides' ids and the compilation of conditions.

Two rules hold everywhere:

- A text, an id, a version, a phone number or any other string must be a YAML *string*. An
  unquoted ``version: 1`` or ``phone: 99311505`` is an integer and is refused, with a message
  telling the author to quote it. ``format`` is the integer 1.
- ``null`` (``~`` or nothing) on an optional key counts as the key not given; on a required key
  it counts as missing.

This module is imported on a cache miss only (by the loader), never by a run that reads a cached
pack. Only the first half (the vocabulary) is code; the second half is the format.
"""

from __future__ import annotations

from etikcheck.model import ANSWERS, LANGS, SOURCE_KINDS, VERDICTS

FORMAT = 1

# -- the vocabulary ----------------------------------------------------------------------------
#
# Messages name where a value sits. ``title`` and ``named`` of a Record, ``item`` of a ListOf and
# ``title``/``entry`` of a MapOf are templates over: {owner} (the enclosing mapping, e.g. "rule
# 'care-no'"), {key} (the key the value, list or mapping is under), {entry} (a mapping's key) and,
# in ``named``, {id} (the record's own id).


class Plain:
    """Plain text, not translated: a non-empty YAML string."""

    def __init__(self, name: str, description: str) -> None:
        self.name, self.description = name, description


class Ident:
    """An id: a-z, 0-9 and '-', not starting with '-'; ``dotted``: parts like that joined by '.'."""

    def __init__(self, name: str, description: str, dotted: bool = False) -> None:
        self.name, self.description, self.dotted = name, description, dotted


class Translated:
    """A text in every language: a mapping of exactly sv, da and en to non-empty strings."""

    def __init__(self, name: str, description: str) -> None:
        self.name, self.description = name, description


class Choice:
    """One of a few strings."""

    def __init__(self, values: tuple[str, ...], name: str | None, description: str) -> None:
        self.values, self.name, self.description = values, name, description


class Exactly:
    """This one value (``format: 1``, ``always: true``); ``why`` is said when it is not."""

    def __init__(self, value: int | bool, why: str = "") -> None:
        self.value, self.why = value, why


class Flag:
    """``true`` or ``false``."""


class Anything:
    """Any value: checked elsewhere (the answers of a test case are checked by the engine)."""

    def __init__(self, description: str) -> None:
        self.description = description


class ListOf:
    """A list of ``item``; ``noun`` names an item in "needs at least one {noun}"."""

    def __init__(
        self,
        item: Spec,
        min: int = 0,
        max: int | None = None,
        noun: str = "item",
        item_label: str = "an item of '{key}' in {owner}",
    ) -> None:
        self.item, self.min, self.max, self.noun, self.item_label = item, min, max, noun, item_label


class MapOf:
    """A mapping of ``key`` (None: any string) to ``value``, e.g. section id to its title."""

    def __init__(
        self,
        key: Ident | Choice | None,
        value: Spec,
        min: int = 0,
        title: str = "'{key}' in {owner}",
        entry: str = "{entry!r} in '{key}' of {owner}",
    ) -> None:
        self.key, self.value, self.min, self.title, self.entry = key, value, min, title, entry


class Key:
    """One key of a Record: its value's type, what it means, whether it must be given."""

    def __init__(self, name: str, type: Spec, description: str, required: bool = False) -> None:
        self.name, self.type, self.description, self.required = name, type, description, required


class OneOfKeys:
    """Exactly one of two keys is given (a flag counts as given when true)."""

    def __init__(self, keys: tuple[str, str], neither: str, both: str) -> None:
        self.keys, self.neither, self.both = keys, neither, both


class Record:
    """A mapping with fixed keys. ``ident``: the key that names it (checked first, then the
    record is called ``named`` in messages); ``name``: its name in the schemas' $defs and docs."""

    def __init__(
        self,
        *keys: Key,
        title: str,
        description: str,
        named: str | None = None,
        ident: str | None = None,
        name: str | None = None,
        noun: str | None = None,
        exactly_one: OneOfKeys | None = None,
    ) -> None:
        self.keys = {key.name: key for key in keys}
        self.title, self.description = title, description
        self.named, self.ident, self.name = named or title, ident, name
        self.noun = noun or name or "mapping"
        self.exactly_one = exactly_one


class Either:
    """A mapping with the key ``marker`` is ``then``; anything else is ``otherwise``."""

    def __init__(self, marker: str, then: Record, otherwise: Spec, name: str) -> None:
        self.marker, self.then, self.otherwise, self.name = marker, then, otherwise, name


class Condition:
    """A mapping with exactly one of its keys (the condition vocabulary, recursive by Ref)."""

    def __init__(self, *keys: Key, name: str, description: str) -> None:
        self.keys = {key.name: key for key in keys}
        self.name, self.description = name, description


class Ref:
    """The definition named ``name`` in DEFINITIONS (for recursion)."""

    def __init__(self, name: str) -> None:
        self.name = name


class FileSpec:
    """One kind of file: its top-level record and its JSON Schema's id, title and description."""

    def __init__(
        self, kind: str, record: Record, schema_id: str, title: str, description: str
    ) -> None:
        self.kind, self.record = kind, record
        self.schema_id, self.title, self.description = schema_id, title, description


Spec = (
    Plain
    | Ident
    | Translated
    | Choice
    | Exactly
    | Flag
    | Anything
    | ListOf
    | MapOf
    | Record
    | Either
    | Condition
    | Ref
)

# -- the format --------------------------------------------------------------------------------

ID = Ident("id", "An id: a-z, 0-9 and '-', not starting with '-'.")
QUESTION_ID = Ident(
    "question_id",
    "A question id: parts of a-z, 0-9 and '-' joined by '.', e.g. `lawful`, `values.care`, "
    "`gifts.small`.",
    dotted=True,
)
PLAIN = Plain(
    "plain",
    'Plain text, not translated: a non-empty YAML string (quote numbers: `"1.0.0"`, '
    '`"99 31 15 05"`).',
)
TEXT = Translated(
    "text",
    "A translated text: exactly sv, da and en, each a non-empty string (surrounding whitespace "
    "is trimmed).",
)
LANG = Choice(LANGS, "lang", "A language: sv, da or en.")
ANSWER = Choice(ANSWERS, "answer", "An answer to a question.")
VERDICT = Choice(VERDICTS, "verdict", "A verdict, mildest first: proceed, seek_advice, reconsider.")
FORMAT_ONE = Exactly(FORMAT, why=f"this etikcheck reads format {FORMAT}")

CONDITION = Condition(
    Key(
        "is",
        MapOf(QUESTION_ID, ANSWER, min=1),
        "Every listed question has that answer, e.g. `{lawful: no}`.",
    ),
    Key(
        "in",
        MapOf(QUESTION_ID, ListOf(ANSWER, min=1, noun="answer"), min=1),
        "Every listed question has one of those answers, e.g. `{reputation: [no, unsure]}`.",
    ),
    Key("all", ListOf(Ref("condition"), min=1, noun="condition"), "Every condition holds."),
    Key("any", ListOf(Ref("condition"), min=1, noun="condition"), "At least one condition holds."),
    Key("not", Ref("condition"), "The condition does not hold."),
    Key(
        "always",
        Exactly(True),
        "Always holds (a topic's standing advice); only `true` is allowed.",
    ),
    name="condition",
    description="A condition: a mapping with exactly one of is, in, all, any, not, always.",
)

CITE = Record(
    Key("source", ID, "A source of the core or the pack.", required=True),
    Key("section", ID, "A section of that source (a key of its `sections`)."),
    Key("quote", TEXT, "The source's own sentence, with faithful translations (never for a law)."),
    title="the cite of {owner}",
    name="cite",
    description="Where something is said: a source, optionally its section and its own words. "
    "A cite of a law must name a section.",
)

SOURCE = Record(
    Key("id", ID, "The source's id, unique across core and pack.", required=True),
    Key("title", TEXT, "The document's real title.", required=True),
    Key("publisher", TEXT, "Who issued it.", required=True),
    Key(
        "lang",
        LANG,
        "The language the document is written in (default: the file's `lang`): its title, "
        "headings and quotes in this language are the original, the others translations.",
    ),
    Key(
        "kind",
        Choice(SOURCE_KINDS, None, "What kind of document."),
        "What the document is: a code of conduct (the default), guidance, or a law (every cite "
        "of a law names its section, and a law is never quoted).",
    ),
    Key(
        "sections",
        MapOf(ID, TEXT, title="the sections of {owner}", entry="section {entry!r} of {owner}"),
        "The document's sections: section id to its heading; cites name these ids.",
    ),
    title="a source",
    named="source {id!r}",
    ident="id",
    name="source",
    description="A document the file cites: a code of conduct, guidance or a law.",
)

QUESTION = Record(
    Key("id", QUESTION_ID, "The question's id, e.g. `lawful` or `gifts.small`.", required=True),
    Key("text", TEXT, "The question.", required=True),
    Key("help", TEXT, "Help for answering it."),
    title="a question of {owner}",
    named="question {id!r}",
    ident="id",
    name="question",
    description="A question, answered yes, no or unsure.",
)

STATEMENT = Either(
    "text",
    Record(
        Key("text", TEXT, "The statement, as the code words it.", required=True),
        Key("section", ID, "The heading it stands under: a section id of the value's source."),
        title="a statement of {owner}",
        noun="statement under its own heading",
        description="A statement that stands under another heading of the value's source.",
    ),
    TEXT,
    name="statement",
)

VALUE = Record(
    Key("id", ID, "The value's id; its question is `values.<id>`.", required=True),
    Key("name", TEXT, "The value's name; also the text of its question.", required=True),
    Key(
        "statements",
        ListOf(STATEMENT, min=1, noun="statement", item_label="a statement of {owner}"),
        "The value's statements as the code words them, under the `cite`'s section; one that "
        "stands under another heading of the same source gives that `section`. The first is the "
        "question's help.",
        required=True,
    ),
    Key("cite", CITE, "Where the source states the value.", required=True),
    title="a value",
    named="value {id!r}",
    ident="id",
    name="value",
    description="One of the council's values; it creates the optional question `values.<id>`.",
)

CONTACT = Record(
    Key(
        "id",
        ID,
        "The contact's id, unique across core and pack (a pack cannot redefine `group-leader`).",
        required=True,
    ),
    Key("role", TEXT, 'The role, e.g. "Your group leader".', required=True),
    Key("name", PLAIN, "The name, exactly as the source gives it (not translated)."),
    Key("phone", PLAIN, 'The phone number as the source gives it; quote it (`"99 31 15 05"`).'),
    Key("email", PLAIN, "The e-mail address, as the source gives it."),
    Key("address", PLAIN, "The postal address, as the source gives it."),
    Key("note", TEXT, "When to turn to this contact."),
    Key("cite", CITE, "Where the source names this contact."),
    Key(
        "general",
        Flag(),
        "`true`: a generic role no source names (e.g. the municipality's lawyers), shown as "
        "general advice, not as the code's contact.",
    ),
    title="a contact",
    named="contact {id!r}",
    ident="id",
    name="contact",
    description="A person or role to turn to. Give only what the source gives. A contact either "
    "cites the source that names it or is marked `general: true`, not both.",
    exactly_one=OneOfKeys(
        ("cite", "general"),
        neither="cites no source: give the 'cite' of the code that names it, or mark it "
        "'general: true' (a generic role, shown as general advice)",
        both="must either cite the source that names it or be marked 'general: true' (a generic "
        "role, shown as general advice), not both",
    ),
)

IDS = ListOf(ID, noun="id")
TEXTS = ListOf(TEXT, noun="text")

RULE = Record(
    Key("id", ID, "The rule's id, unique across core, pack and all topics.", required=True),
    Key(
        "when",
        CONDITION,
        "When the rule fires. It may name the core questions, the value items "
        "`values.<id>` and, in a topic rule, that topic's questions.",
        required=True,
    ),
    Key("verdict", VERDICT, "The verdict of the reason.", required=True),
    Key("message", TEXT, "The reason in plain words.", required=True),
    Key("cite", CITE, "The sentence the reason rests on (bundled packs always give one)."),
    Key("values", IDS, "The values the reason is about (shown with the reason)."),
    Key("contacts", IDS, "The contacts to refer to when the rule fires."),
    Key("actions", TEXTS, "Concrete steps to take."),
    title="a rule",
    named="rule {id!r}",
    ident="id",
    name="rule",
    description="A rule: when its condition holds, it gives a reason with this verdict.",
)

CORE_TOPIC = Record(
    Key("id", ID, "The topic's id (`--topic ID`).", required=True),
    Key("title", TEXT, "The topic's title.", required=True),
    Key("description", TEXT, "What situations the topic covers.", required=True),
    Key(
        "questions",
        ListOf(QUESTION, noun="question"),
        "The topic's questions, asked when a check names the topic.",
    ),
    title="a topic",
    named="topic {id!r}",
    ident="id",
    name="core_topic",
    noun="core topic",
    description="A situation topic every pack shares (no rules: each pack adds its own guidance).",
)

TOPIC = Record(
    Key("id", ID, "The topic's id (`--topic ID`): a core topic's id, or a new one.", required=True),
    Key("title", TEXT, "The title; required for a topic not in the core, whose title it keeps."),
    Key("description", TEXT, "What situations the topic covers; required as `title` is."),
    Key("guidance", TEXT, "What to say when the council's code has nothing specific on it."),
    Key(
        "questions",
        ListOf(QUESTION, noun="question"),
        "More questions, asked after the core topic's own.",
    ),
    Key("actions", TEXTS, "Steps listed before the rules' actions."),
    Key("contacts", IDS, "Contacts, referred to after the fired rules' contacts."),
    Key("quotes", ListOf(CITE, noun="cite"), "What the code says on the topic."),
    Key("rules", ListOf(RULE, noun="rule"), "Rules that apply when the check names the topic."),
    title="a topic",
    named="topic {id!r}",
    ident="id",
    name="topic",
    description="A kind of situation with its own questions and rules. A core topic keeps its "
    "title, description and questions unless given here; a topic of the pack's own must give "
    "title and description.",
)

VERDICT_TEXT = Record(
    Key("label", TEXT, 'The verdict\'s name, e.g. "Go ahead".', required=True),
    Key("next_step", TEXT, "What to do next.", required=True),
    Key("cite", CITE, "Where the code says it."),
    title="verdict {key!r}",
    name="verdict_text",
    noun="verdict text",
    description="How a verdict is shown.",
)

VERDICT_TEXTS = Record(
    *(
        Key(verdict, VERDICT_TEXT, f"The texts of `{verdict}`.", required=True)
        for verdict in VERDICTS
    ),
    title="verdicts",
    noun="verdict texts",
    description="The texts of each verdict.",
)

FALLBACK = Record(
    Key("message", TEXT, "The reason given when no rule fires.", required=True),
    Key("contacts", IDS, "The contacts to refer to then."),
    title="fallback",
    noun="fallback",
    description="The reason given when no rule fires (verdict seek_advice: fail closed).",
)

OVERRIDES = Record(
    Key(
        "questions",
        MapOf(
            QUESTION_ID,
            Record(
                Key("text", TEXT, "The question."),
                Key("help", TEXT, "Help for answering it."),
                title="the override of question {entry!r}",
                noun="question override",
                description="The pack's wording of a core question.",
            ),
            title="the overrides of {key}",
        ),
        "A question of the core (the four, and the core topics' questions) to its new `text` "
        "and `help`.",
    ),
    Key(
        "rules",
        MapOf(
            ID,
            Record(
                Key("message", TEXT, "The reason in plain words."),
                Key("cite", CITE, "The sentence the reason rests on."),
                Key("contacts", IDS, "The contacts to refer to when the rule fires."),
                title="the override of rule {entry!r}",
                noun="rule override",
                description="The pack's wording of a core rule (its condition and verdict stay).",
            ),
            title="the overrides of {key}",
        ),
        "A core rule (`core-no`, `core-unsure`, `core-lawful-unsure`, `core-all-yes`) to its new "
        "`message`, `cite` and `contacts`; its condition and verdict cannot change.",
    ),
    Key(
        "contacts",
        MapOf(
            ID,
            Record(
                Key("role", TEXT, "The role."),
                Key("note", TEXT, "When to turn to this contact."),
                Key(
                    "general",
                    Exactly(True, "only true: the contact becomes general advice"),
                    "`true`: for this council the contact is only general advice (its own code "
                    "does not name it); its cite is dropped.",
                ),
                title="the override of contact {entry!r}",
                noun="contact override",
                description="The pack's wording of a core contact.",
            ),
            title="the overrides of {key}",
        ),
        "A core contact to its new `role` and `note`, or marked `general: true`.",
    ),
    Key(
        "verdicts",
        MapOf(
            VERDICT,
            Record(
                Key("label", TEXT, "The verdict's name."),
                Key("next_step", TEXT, "What to do next."),
                Key("cite", CITE, "Where the code says it."),
                title="the override of verdict {entry!r}",
                noun="verdict override",
                description="The pack's wording of a verdict.",
            ),
            title="the overrides of {key}",
        ),
        "A verdict to its new `label`, `next_step` and `cite`.",
    ),
    title="overrides",
    noun="overrides",
    description="The council's own wording for texts of the core. Conditions and verdicts of "
    "core rules cannot change; only texts, cites and contacts.",
)

SOURCES = ListOf(SOURCE, noun="source")
CONTACTS = ListOf(CONTACT, noun="contact")
RULES = ListOf(RULE, noun="rule")

CORE = Record(
    Key("format", FORMAT_ONE, "The format this etikcheck reads.", required=True),
    Key("id", ID, "The core's id (`core`)."),
    Key("version", PLAIN, 'The core\'s version, e.g. `"1.1.0"` (quote it).'),
    Key("lang", LANG, "The language the core is written in: its sources' default.", required=True),
    Key("sources", SOURCES, "The documents the core cites."),
    Key(
        "questions",
        ListOf(QUESTION, noun="question"),
        "Exactly the four test questions `lawful`, `values`, `ethical`, `reputation`; "
        "`{council}` in a text or help is filled with the pack's `council`.",
        required=True,
    ),
    Key(
        "contacts",
        CONTACTS,
        "The contacts every pack has (`group-leader`, `party-colleague`, `legal-function`).",
    ),
    Key("referrals", IDS, "The contacts named in every result, unless the pack gives its own."),
    Key("verdicts", VERDICT_TEXTS, "The texts of the three verdicts.", required=True),
    Key("fallback", FALLBACK, "The reason given when no rule fires.", required=True),
    Key("topics", ListOf(CORE_TOPIC, noun="core topic"), "The situation topics every pack shares."),
    Key(
        "rules",
        RULES,
        "The core rules (`core-no`, `core-unsure`, `core-lawful-unsure`, `core-all-yes`).",
    ),
    title="the core file",
    named="the core",
    noun="core",
    description="The shared core of every pack.",
)

PACK = Record(
    Key("format", FORMAT_ONE, "The pack format this etikcheck reads.", required=True),
    Key("id", ID, "The pack's id; for a bundled pack, its folder name.", required=True),
    Key(
        "version",
        PLAIN,
        'The pack\'s version, reported in every result, e.g. `"1.0.0"`.',
        required=True,
    ),
    Key(
        "lang",
        LANG,
        "The council's own language, the default output language (`--lang`, the input's `lang` "
        "and the locale come first).",
        required=True,
    ),
    Key("council", TEXT, "The council's name; it fills `{council}` in the core.", required=True),
    Key(
        "aliases",
        ListOf(PLAIN, noun="alias"),
        "Other names the council goes by, e.g. `[Århus]`. `--council`, a check's `council` and "
        "the settings accept them as they accept the pack's `id` and its `council` names; case, "
        "spacing and the letters å, ä, æ, ö, ø do not matter (`aalborg kommune` is `Aalborg "
        "Kommune`).",
    ),
    Key(
        "source",
        ID,
        "The source the pack rests on: one of `sources`, or a source of the core.",
        required=True,
    ),
    Key("sources", SOURCES, "The documents the pack cites (ids unique across core and pack)."),
    Key(
        "questions",
        ListOf(QUESTION, noun="question"),
        "Questions of the council's own, asked after the four test questions: required in every "
        "check and usable in rules (write the rules for them too).",
    ),
    Key(
        "values",
        ListOf(VALUE, min=1, noun="value"),
        "The council's values; each creates an optional question `values.<id>`.",
        required=True,
    ),
    Key("contacts", CONTACTS, "People or roles to turn to (ids unique across core and pack)."),
    Key(
        "referrals",
        IDS,
        "The contacts (core or pack) named in every result. Replaces the core's list; `[]` names "
        "none; left out, the core's apply.",
    ),
    Key("rules", RULES, "Rules that apply to every check, after the core's rules."),
    Key(
        "topics",
        ListOf(TOPIC, noun="topic"),
        "The council's guidance on the core topics, and any topics of its own.",
    ),
    Key("overrides", OVERRIDES, "The council's own wording for texts of the core."),
    title="the pack file",
    named="the pack",
    noun="pack",
    description="A council's pack header.",
)

SCENARIO = Record(
    Key("id", ID, "The scenario's id (answer files name it).", required=True),
    Key("title", TEXT, "A short title.", required=True),
    Key("situation", TEXT, "The dilemma, told as a situation.", required=True),
    Key(
        "action",
        TEXT,
        "The action the group tests, as an infinitive phrase in each language (`att tacka ja "
        "till biljetterna`, `at sige ja tak til billetterne`, `to accept the tickets`): the "
        "four test questions are asked about it.",
        required=True,
    ),
    Key("topic", ID, "One of the pack's topics, whose questions the group also votes on."),
    Key("values", IDS, "The pack's values in play."),
    Key(
        "variations",
        ListOf(TEXT, min=2, max=4, noun="variation"),
        '"What if…?" texts that move the tipping point.',
        required=True,
    ),
    Key("discussion", TEXTS, "Questions for the group.", required=True),
    Key("note", TEXT, "For the facilitator: what the code says.", required=True),
    Key(
        "cites",
        ListOf(CITE, min=1, noun="cite"),
        "The code's own words the note rests on (laws: name and section only, no quote).",
        required=True,
    ),
    title="a scenario",
    named="scenario {id!r}",
    ident="id",
    name="scenario",
    description="A dilemma for a training session.",
)

DECK = Record(
    Key("format", FORMAT_ONE, "The deck format this etikcheck reads.", required=True),
    Key("id", ID, "The deck's id (answer files name it).", required=True),
    Key("council", ID, "The pack the deck belongs to.", required=True),
    Key("title", TEXT, "The deck's title.", required=True),
    Key(
        "scenarios",
        ListOf(SCENARIO, min=1, noun="scenario"),
        "The dilemmas; a scenario's number (shown in handouts, sessions and reports, and taken "
        "by `--scenario`) is its place in this list.",
        required=True,
    ),
    Key(
        "follow_up",
        ListOf(CITE, min=1, noun="cite"),
        "The code's own words on how often a group discusses and follows up the code: "
        "`train plan` quotes them in every session it plans.",
    ),
    title="the deck",
    noun="deck",
    description="A scenario deck for training sessions.",
)

CASE = Record(
    Key("name", PLAIN, "Unique within the file; names the test.", required=True),
    Key(
        "answers",
        MapOf(None, Anything("An answer, as in a check."), title="the answers of {owner}"),
        "Question id to answer, as in a check (value items, topic questions); answers the "
        "engine rejects make the case fail, not the run.",
        required=True,
    ),
    Key("topic", ID, "The topic, as `--topic`."),
    Key("verdict", VERDICT, "The verdict the case must get.", required=True),
    Key("fires", IDS, "Rules that must all be among the fired rules."),
    Key("not_fires", IDS, "Rules none of which may fire."),
    Key(
        "referrals",
        IDS,
        "Contacts that must all be among the referrals (order and extra contacts do not matter).",
    ),
    title="a case",
    named="case {id!r}",
    ident="name",
    name="case",
    description="One test case: answers and what must come out.",
)

CASES = Record(
    Key("cases", ListOf(CASE, noun="case"), "The test cases.", required=True),
    title="the cases file",
    noun="cases file",
    description="A pack's test cases.",
)

DEFINITIONS: dict[str, Spec] = {"condition": CONDITION}

_EDITORS = (
    "For editors: put `# yaml-language-server: $schema=<path or URL of this file>` on the first "
    "line to get completion, hover help and errors as you type."
)
_LOADER = (
    "The file is read as strict YAML (docs/rule-packs.md section 2): quote version numbers and "
    "phone numbers (an unquoted number is an integer, and is refused where text is expected), "
    "and write answers unquoted (`lawful: no`). `null` (`~` or nothing) on an optional key "
    "counts as the key not given. The schema checks keys, required keys, types, ids, texts and "
    "conditions; it cannot check references (that a source, section, value, contact, topic or "
    "question exists), unique ids{more}: `etikcheck` checks those when it loads the file, and "
    "its word is final. Generated from src/etikcheck/packs/spec.py by `python -m "
    "etikcheck.packs.schema`; do not edit."
)

FILES: dict[str, FileSpec] = {
    "pack": FileSpec(
        "pack",
        PACK,
        "urn:etikcheck:pack:1",
        "etikcheck council pack (pack.yaml)",
        "A council's rule pack file, `rules/<id>/pack.yaml` or a custom pack's `pack.yaml`, "
        f"format {FORMAT}; it is merged with the shared core (`core.yaml`, core.schema.json). "
        + _EDITORS
        + " "
        + _LOADER.format(
            more=", that a topic without title and description is a core topic, or what the "
            "overrides name"
        )
        + " Format: docs/rule-packs.md (`etikcheck rules guide`).",
    ),
    "core": FileSpec(
        "core",
        CORE,
        "urn:etikcheck:core:1",
        "etikcheck shared core (core.yaml)",
        "The shared core every pack is merged with: `rules/core.yaml`, or a custom pack's own "
        f"`core.yaml`, format {FORMAT}. "
        + _EDITORS
        + " "
        + _LOADER.format(more=", or that the questions are exactly the four test questions")
        + " Format: docs/rule-packs.md (`etikcheck rules guide`).",
    ),
    "deck": FileSpec(
        "deck",
        DECK,
        "urn:etikcheck:deck:1",
        "etikcheck scenario deck (rules/scenarios/<council>.yaml)",
        "A deck of training dilemmas for `etikcheck train`, format "
        f"{FORMAT}; its topics, values and cites must exist in its council's pack. "
        + _EDITORS
        + " "
        + _LOADER.format(more="")
        + " Format: docs/training.md.",
    ),
    "cases": FileSpec(
        "cases",
        CASES,
        "urn:etikcheck:cases:1",
        "etikcheck pack test cases (cases.yaml)",
        "A pack's test cases, `rules/<id>/cases.yaml`, run by `etikcheck rules test`. "
        + _EDITORS
        + " "
        + _LOADER.format(more="")
        + " Format: docs/rule-packs.md section 6 (`etikcheck rules guide`).",
    ),
}
