"""Scenario decks for training sessions: ``rules/scenarios/<council>.yaml``.

Validated like packs (file:line errors, exit 3): every text in sv, da and en; each scenario's
topic and values must exist in its council's pack, and its cites must name the pack's sources.
A scenario's number is its place in the deck (1, 2, …): handouts, sessions and reports show it,
and ``--scenario`` takes it as well as the id.
"""

from __future__ import annotations

from pathlib import Path

from etikcheck.errors import InputError, Message, excerpt
from etikcheck.model import Deck, Pack, Scenario
from etikcheck.packs import registry as packs
from etikcheck.packs.loader import items, read_document, text, texts

DECKS_DIR = "scenarios"


def decks_dir() -> Path:
    return packs.rules_dir() / DECKS_DIR


def bundled_deck(council: str) -> Path:
    return decks_dir() / f"{council}.yaml"


def resolve(deck: str | None, pack: Pack) -> Path:
    """``--deck``: a file path, or None for the council's bundled deck."""
    if deck is None:
        path = bundled_deck(pack.id)
        if not path.is_file():
            raise InputError(Message("error.no_deck", council=excerpt(pack.id)), "deck")
        return path
    path = Path(deck)
    if not path.exists() or path.is_dir():
        raise InputError(Message("error.no_such_file", path=f"--deck {deck}"), "deck")
    return path


def load_deck(path: Path, pack: Pack) -> Deck:
    """A deck for ``pack`` (its structure is spec.DECK, checked as it is read)."""
    name = packs.display_name(path)
    doc = read_document(path, name, "deck", sources=pack.all_sources())
    root = doc.root
    council = root["council"]
    if council != pack.id:
        raise doc.fail(
            f"the deck is for council {excerpt(council)}, not {excerpt(pack.id)}",
            doc.line(root, "council"),
        )
    scenarios: dict[str, Scenario] = {}
    value_ids = [v.id for v in pack.values]
    for item, _ in items(root, "scenarios"):
        sid = doc.unique(item, "id", scenarios, "scenario")
        what = f"scenario {excerpt(sid)}"
        topic = item.get("topic")
        if topic is not None and topic not in pack.topics:
            raise doc.fail(
                f"unknown topic {excerpt(topic)} in {what}; the {pack.id} pack has: "
                + ", ".join(pack.topics),
                doc.line(item, "topic"),
            )
        scenarios[sid] = Scenario(
            id=sid,
            title=text(item["title"]),
            situation=text(item["situation"]),
            action=text(item["action"]),
            topic=topic,
            values=doc.ids(item, "values", what, value_ids, "value"),
            variations=texts(item, "variations"),
            discussion=texts(item, "discussion"),
            note=text(item["note"]),
            cites=tuple(doc.cite(cite, what) for cite, _ in items(item, "cites")),
        )
    return Deck(
        id=root["id"],
        council=council,
        title=text(root["title"]),
        scenarios=scenarios,
        file=name,
        follow_up=tuple(
            doc.cite(cite, "the deck's follow_up") for cite, _ in items(root, "follow_up")
        ),
    )


def find_scenario(deck: Deck, key: str) -> Scenario | None:
    """``--scenario``: a scenario's number within the deck (``3``) or its id."""
    if key.isascii() and key.isdigit():
        number = int(key)
        ids = list(deck.scenarios)
        return deck.scenarios[ids[number - 1]] if 1 <= number <= len(ids) else None
    return deck.scenarios.get(key)
