"""The decks' training texts the content checks of test_content.py do not walk: each scenario's
action (the glossary's forbidden words, each language's quotation marks, an infinitive phrase)
and each deck's follow_up quotes (verbatim under their heading in the seed, translations in the
terms of the Västerås texts, whose code they quote)."""

from __future__ import annotations

import pytest

from etikcheck.model import LANGS
from etikcheck.packs import registry as packs
from etikcheck.training import decks
from tests.contracts.test_content import (
    SEEDS,
    WRONG_QUOTES,
    Item,
    forbidden_words,
    normalise,
    seed_sections,
)

COUNCILS = packs.bundled_ids()
INFINITIVE = {"sv": "att ", "da": ("at ", "ikke at "), "en": "to "}


def _actions(council: str) -> list[Item]:
    pack = packs.load(council)
    deck = decks.load_deck(decks.bundled_deck(council), pack)
    return [
        Item(f"deck scenario {s.id} action", lang, s.action.get(lang), verbatim=False)
        for s in deck.scenarios.values()
        for lang in LANGS
    ]


@pytest.mark.parametrize("council", COUNCILS)
def test_every_action_is_an_infinitive_phrase_in_every_language(council: str) -> None:
    bad = [
        f"{item.where} ({item.lang}): {item.text}"
        for item in _actions(council)
        if not item.text.startswith(INFINITIVE[item.lang]) or item.text.endswith((".", "?"))
    ]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("council", COUNCILS)
def test_actions_use_the_glossary_and_each_languages_quotation_marks(council: str) -> None:
    problems = [
        f"{item.where} ({item.lang}): {', '.join(words)}"
        for item in _actions(council)
        if (words := forbidden_words(council, item))
    ]
    problems += [
        f"{item.where} ({item.lang}): {item.text}"
        for item in _actions(council)
        if WRONG_QUOTES[item.lang].search(item.text)
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("council", COUNCILS)
def test_the_follow_up_quotes_stand_verbatim_in_the_seed(council: str) -> None:
    pack = packs.load(council)
    deck = decks.load_deck(decks.bundled_deck(council), pack)
    assert deck.follow_up
    for cite in deck.follow_up:
        source = cite.source
        assert cite.quote is not None
        assert cite.section_title is not None
        sections = seed_sections(SEEDS[source.id])
        body = sections[normalise(cite.section_title.get(source.lang))]
        assert normalise(cite.quote.get(source.lang)) in body, cite.quote.get(source.lang)
        for lang in LANGS:
            if lang == source.lang:
                continue
            item = Item("deck follow_up quote", lang, cite.quote.get(lang), verbatim=False)
            # a translation of the Västerås code's words keeps the Västerås texts' terms
            # ("boards and committees" for "styrelser och nämnder"), in every deck
            assert not forbidden_words("vasteras", item), (lang, item.text)
            assert not WRONG_QUOTES[lang].search(item.text), (lang, item.text)


def test_the_follow_up_is_the_same_in_every_deck() -> None:
    """The rhythm is one text of one code: every deck quotes it, and quotes it alike."""
    seen = set()
    for council in COUNCILS:
        pack = packs.load(council)
        deck = decks.load_deck(decks.bundled_deck(council), pack)
        seen.add(tuple((c.section, c.quote) for c in deck.follow_up))
    assert len(seen) == 1
