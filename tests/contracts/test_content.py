"""The content checks: every quote stands verbatim under its heading in the seed, every law is
cited with its section, the glossary's forbidden words appear nowhere, quotation marks follow
each language.

The seeds are the source documents (``../shared/seeds/``); normalised copies with their headings
marked live in ``tests/data/seeds/`` so that CI needs nothing outside the repository.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pytest

from etikcheck.model import LANGS, Cite, Pack, Text
from etikcheck.packs import registry as packs
from etikcheck.packs import strict_yaml
from etikcheck.training import decks
from tests.conftest import ROOT, TESTS

SEEDS_DIR = TESTS / "data" / "seeds"
TRANSLATIONS = ROOT / "translations"
# Each source a pack quotes, and the normalised seed it is quoted from.
SEEDS = {
    "vasteras-bemotandekod": "vasteras-bemotandekod.md",
    "aalborg-adfaerdskodeks": "aalborg-adfaerdskodeks.md",
    "aarhus-samarbejdskultur": "aarhus-samarbejdskultur.md",
    "aarhus-god-ledelse": "aarhus-god-ledelse.md",
}
COUNCILS = packs.bundled_ids()


@dataclass(frozen=True)
class Quote:
    where: str
    cite: Cite
    text: str  # the verbatim original, in the source's language


@dataclass(frozen=True)
class Item:
    where: str
    lang: str
    text: str
    verbatim: bool  # the code's own words in its own language: exempt from the glossary


def normalise(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("*", "")
    return re.sub(r"\s+", " ", text).strip().casefold()


@cache
def seed_sections(name: str) -> dict[str, str]:
    """Heading (normalised) -> the text under it, up to the next heading of the same level."""
    lines = (SEEDS_DIR / name).read_text(encoding="utf-8").splitlines()
    heads = [
        (i, len(m.group(1)), m.group(2))
        for i, line in enumerate(lines)
        if (m := re.match(r"^(#+) (.*)$", line))
    ]
    sections = {}
    for n, (start, level, title) in enumerate(heads):
        end = next((i for i, lv, _ in heads[n + 1 :] if lv <= level), len(lines))
        sections[normalise(title)] = normalise("\n".join(lines[start + 1 : end]))
    return sections


def _cites(pack: Pack) -> Iterator[tuple[str, Cite]]:
    for rule in (*pack.rules, pack.fallback):
        if rule.cite:
            yield f"rule {rule.id}", rule.cite
    for verdict, text in pack.verdicts.items():
        if text.cite:
            yield f"verdict {verdict}", text.cite
    for contact in pack.contacts.values():
        if contact.cite:
            yield f"contact {contact.id}", contact.cite
    for topic in pack.topics.values():
        for cite in topic.quotes:
            yield f"topic {topic.id}", cite
        for rule in topic.rules:
            if rule.cite:
                yield f"rule {rule.id}", rule.cite
    for value in pack.values:
        yield f"value {value.id}", value.cite


def quotes(council: str) -> Iterator[Quote]:
    """Every verbatim quote of a pack and its deck: cites and value statements."""
    pack = packs.load(council)
    deck = decks.load_deck(decks.bundled_deck(council), pack)
    found = list(_cites(pack))
    found += [(f"deck scenario {s.id}", cite) for s in deck.scenarios.values() for cite in s.cites]
    for where, cite in found:
        if cite.quote is not None:
            yield Quote(f"{council}: {where}", cite, cite.quote.get(cite.source.lang))
    for value in pack.values:
        for statement in value.statements:
            assert statement.quote is not None
            yield Quote(
                f"{council}: value {value.id} statement",
                statement,
                statement.quote.get(statement.source.lang),
            )


def _texts(where: str, text: Text | None, verbatim_lang: str | None = None) -> Iterator[Item]:
    if text is not None:
        for lang in LANGS:
            yield Item(where, lang, text.get(lang), lang == verbatim_lang)


def texts(council: str) -> Iterator[Item]:
    """Every text of a pack and its deck, in every language."""
    pack = packs.load(council)
    yield from _texts("council name", pack.council)
    for source in pack.all_sources().values():
        own = source.lang
        yield from _texts(f"source {source.id} title", source.title, own)
        yield from _texts(f"source {source.id} publisher", source.publisher, own)
        for sid, title in source.sections.items():
            yield from _texts(f"source {source.id} section {sid}", title, own)
    for question in pack.questions.values():
        if question.kind != "value":
            yield from _texts(f"question {question.id}", question.text)
            yield from _texts(f"question {question.id} help", question.help)
    for value in pack.values:
        own = value.cite.source.lang
        yield from _texts(f"value {value.id} name", value.name, own)
        for statement in value.statements:
            yield from _texts(f"value {value.id} statement", statement.quote, own)
    for contact in pack.contacts.values():
        yield from _texts(f"contact {contact.id} role", contact.role)
        yield from _texts(f"contact {contact.id} note", contact.note)
    rules = [*pack.rules, pack.fallback, *(r for t in pack.topics.values() for r in t.rules)]
    for rule in rules:
        yield from _texts(f"rule {rule.id} message", rule.message)
        for action in rule.actions:
            yield from _texts(f"rule {rule.id} action", action)
    for verdict, vtext in pack.verdicts.items():
        yield from _texts(f"verdict {verdict} label", vtext.label)
        yield from _texts(f"verdict {verdict} next step", vtext.next_step)
    for topic in pack.topics.values():
        yield from _texts(f"topic {topic.id} title", topic.title)
        yield from _texts(f"topic {topic.id} description", topic.description)
        yield from _texts(f"topic {topic.id} guidance", topic.guidance)
        for action in topic.actions:
            yield from _texts(f"topic {topic.id} action", action)
    for where, cite in _cites(pack):
        yield from _texts(f"{where} quote", cite.quote, cite.source.lang)
    deck = decks.load_deck(decks.bundled_deck(council), pack)
    yield from _texts("deck title", deck.title)
    for s in deck.scenarios.values():
        where = f"deck scenario {s.id}"
        for field, text in (("title", s.title), ("situation", s.situation), ("note", s.note)):
            yield from _texts(f"{where} {field}", text)
        for text in (*s.variations, *s.discussion):
            yield from _texts(f"{where} variation or discussion", text)
        for cite in s.cites:
            yield from _texts(f"{where} quote", cite.quote, cite.source.lang)


def ui_texts() -> Iterator[Item]:
    for lang in LANGS:
        catalog = json.loads((TRANSLATIONS / f"{lang}.json").read_text(encoding="utf-8"))
        for key, text in catalog.items():
            yield Item(f"UI string {key}", lang, text, verbatim=False)


def all_texts() -> Iterator[tuple[str, Item]]:
    for council in COUNCILS:
        for item in texts(council):
            yield council, item
    for item in ui_texts():
        yield "ui", item


# -- quotes -------------------------------------------------------------------------------------


@pytest.mark.parametrize("council", COUNCILS)
def test_every_quote_stands_verbatim_under_its_heading_in_the_seed(council: str) -> None:
    problems = []
    for quote in quotes(council):
        source = quote.cite.source
        if source.id not in SEEDS:
            problems.append(f"{quote.where}: {source.id} ({source.kind}) has no seed to quote")
            continue
        sections = seed_sections(SEEDS[source.id])
        if quote.cite.section is None:
            problems.append(f"{quote.where}: a quote must name the heading it stands under")
            continue
        heading = normalise(quote.cite.section_title.get(source.lang))  # type: ignore[union-attr]
        if heading not in sections:
            problems.append(f"{quote.where}: no heading {heading!r} in {SEEDS[source.id]}")
            continue
        # "…" marks words left out: each part must appear, in order, under the heading
        body, start = sections[heading], 0
        for part in normalise(quote.text).strip(".").split("…"):
            part = part.strip(" .,")
            found = body.find(part, start)
            if not part:
                continue
            if found < 0:
                problems.append(f"{quote.where}: {part!r} is not under {heading!r}")
                break
            start = found + len(part)
    assert not problems, "\n".join(problems)


def test_the_seed_check_catches_a_misplaced_quote() -> None:
    sections = seed_sections("vasteras-bemotandekod.md")
    sentence = normalise("Vi ska dock alltid skilja på sak och person.")
    assert sentence in sections[normalise("Uppdraget")]
    assert sentence not in sections[normalise("Att agera i enlighet med värdegrunden")]


# -- law ----------------------------------------------------------------------------------------

LAW_NAMES = re.compile(
    r"straffelov\w*|strafflag\w*|forvaltningslov\w*|förvaltningslag\w*|kommunestyrelseslov\w*"
    r"|brottsbalk\w*|kommunallag\w*|offentlighets- och sekretesslag\w*|sekretesslag\w*"
    r"|tryckfrihetsförordning\w*|criminal code|penal code|public administration act"
    r"|local government act|freedom of the press act|secrecy act",
    re.IGNORECASE,
)
SECTION_MARK = re.compile(r"§|\bkap\.|\bchapter\b|\bsections?\b", re.IGNORECASE)
NEAR = 60


def law_mentions_without_section(text: str) -> list[str]:
    bad = []
    for match in LAW_NAMES.finditer(text):
        window = text[max(0, match.start() - NEAR) : match.end() + NEAR]
        if not SECTION_MARK.search(window):
            bad.append(match.group())
    return bad


def test_the_law_check_catches_a_law_without_section() -> None:
    assert law_mentions_without_section("Tjek forvaltningsloven, før du handler.")
    assert not law_mentions_without_section("Tjek forvaltningsloven § 6, før du handler.")
    assert not law_mentions_without_section("see section 144 of the Danish Criminal Code")


@pytest.mark.parametrize("council", COUNCILS)
def test_every_law_cite_and_mention_names_a_section(council: str) -> None:
    pack = packs.load(council)
    problems = [
        f"{where}: {cite.source.id} is cited without a section"
        for where, cite in _cites(pack)
        if cite.source.kind == "law" and cite.section is None
    ]
    problems += [
        f"{item.where} ({item.lang}): {name!r} without a section: {item.text[:80]}…"
        for item in texts(council)
        if not item.where.startswith("source ")  # a law's own title names it, not a rule of it
        for name in law_mentions_without_section(item.text)
    ]
    assert not problems, "\n".join(problems)


# -- glossary and typography --------------------------------------------------------------------


@cache
def glossary() -> dict[str, list[dict[str, object]]]:
    # the packs' strict loader: a key given twice (an entry swallowed by the one above) fails
    data = strict_yaml.loads((TRANSLATIONS / "glossary.yaml").read_text(encoding="utf-8"))
    assert set(data) == set(LANGS)
    return data  # type: ignore[no-any-return]


def forbidden_words(scope: str, item: Item) -> list[str]:
    found = []
    for entry in glossary()[item.lang]:
        allowed_scope = entry.get("scope")
        if allowed_scope is not None and scope not in allowed_scope:  # type: ignore[operator]
            continue
        for word in entry["avoid"]:  # type: ignore[attr-defined]
            if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", item.text, re.IGNORECASE):
                found.append(f"{word!r} (use {entry['use']!r})")
    return found


def test_the_glossary_gives_every_language_a_term_for_the_same_things() -> None:
    for lang, entries in glossary().items():
        for entry in entries:
            assert entry["use"], (lang, entry)
            assert entry["avoid"], (lang, entry)
    concepts = {lang: {e["concept"] for e in glossary()[lang]} for lang in LANGS}
    shared = set.intersection(*concepts.values())
    assert "a person who leads a training session (not the chair of a meeting)" in shared
    assert "the point in a scenario where the answer changes" in shared


def test_the_glossary_check_catches_a_forbidden_word() -> None:
    item = Item("test", "da", "Tænk om, og anmeld det til din gruppeformand.", verbatim=False)
    assert len(forbidden_words("aarhus", item)) == 2
    assert not forbidden_words("aarhus", Item("test", "da", "Tænk dig om.", verbatim=False))


def test_no_text_uses_a_word_the_glossary_forbids() -> None:
    problems = [
        f"{scope}: {item.where} ({item.lang}): {', '.join(words)}"
        for scope, item in all_texts()
        if not item.verbatim and (words := forbidden_words(scope, item))
    ]
    assert not problems, "\n".join(problems)


WRONG_QUOTES = {
    "sv": re.compile(r'[«»“"]'),  # ”…”
    "da": re.compile(r'[“”"]|«\w|\w»'),  # »…«
    "en": re.compile(r'[«»"]'),  # “…”
}


# The straight quotation mark as itself, named in parentheses (a JSON error tells the member
# to type it): ("…") or (").
SHOWN_AS_ITSELF = re.compile(r'\("…"\)|\("\)')


def test_quotation_marks_follow_each_language() -> None:
    problems = [
        f"{scope}: {item.where} ({item.lang}): {item.text[:80]}"
        for scope, item in all_texts()
        if not item.verbatim and WRONG_QUOTES[item.lang].search(SHOWN_AS_ITSELF.sub("", item.text))
    ]
    assert not problems, "\n".join(problems)
