"""Scenario decks for training sessions: ``rules/scenarios/<council>.yaml``.

Validated like packs (file:line errors, exit 3): every text in sv, da and en; each scenario's
topic and values must exist in its council's pack, and its cites must name the pack's sources.
"""

from __future__ import annotations

from pathlib import Path

from etikcheck.errors import InputError
from etikcheck.model import Deck, Pack, Scenario
from etikcheck.packs import registry as packs
from etikcheck.packs.loader import FORMAT, _Doc, read_yaml

DECKS_DIR = "scenarios"
MIN_VARIATIONS, MAX_VARIATIONS = 2, 4


def decks_dir() -> Path:
    return packs.rules_dir() / DECKS_DIR


def bundled_deck(council: str) -> Path:
    return decks_dir() / f"{council}.yaml"


def resolve(deck: str | None, pack: Pack) -> Path:
    """``--deck``: a file path, or None for the council's bundled deck."""
    if deck is None:
        path = bundled_deck(pack.id)
        if not path.is_file():
            raise InputError(
                f"council {pack.id!r} has no bundled scenario deck; use --deck FILE", "deck"
            )
        return path
    path = Path(deck)
    if not path.is_file():
        raise InputError(f"--deck {deck}: no such file", "deck")
    return path


def load_deck(path: Path, pack: Pack) -> Deck:
    name = packs.display_name(path)
    doc = _Doc(name, sources=pack.all_sources())
    root = doc.mapping(
        read_yaml(path, name), 1, "the deck", ("format", "id", "council", "title", "scenarios")
    )
    if root.get("format") != FORMAT or isinstance(root.get("format"), bool):
        raise doc.fail(f"'format' must be {FORMAT}", doc.line(root, "format"))
    council = doc.string(root, "council", "the deck")
    if council != pack.id:
        raise doc.fail(
            f"the deck is for council {council!r}, not {pack.id!r}", doc.line(root, "council")
        )
    scenarios: dict[str, Scenario] = {}
    allowed = (
        "id",
        "title",
        "situation",
        "topic",
        "values",
        "variations",
        "discussion",
        "note",
        "cites",
    )
    value_ids = [v.id for v in pack.values]
    for item, line in doc.items(root, "scenarios", "the deck"):
        item = doc.mapping(item, line, "a scenario", allowed)
        sid = doc.ident(item, "id", "a scenario")
        what = f"scenario {sid!r}"
        if sid in scenarios:
            raise doc.fail(f"duplicate scenario id {sid!r}", doc.line(item, "id"))
        topic = doc.opt_string(item, "topic", what)
        if topic is not None and topic not in pack.topics:
            raise doc.fail(
                f"unknown topic {topic!r} in {what}; the {pack.id} pack has: "
                + ", ".join(pack.topics),
                doc.line(item, "topic"),
            )
        variations = doc.text_list(item, "variations", what, required=True)
        if not MIN_VARIATIONS <= len(variations) <= MAX_VARIATIONS:
            raise doc.fail(
                f"{what} needs {MIN_VARIATIONS} to {MAX_VARIATIONS} variations, "
                f"not {len(variations)}",
                doc.line(item, "variations"),
            )
        scenarios[sid] = Scenario(
            id=sid,
            title=doc.text(item, "title", what),
            situation=doc.text(item, "situation", what),
            topic=topic,
            values=doc.ids(item, "values", what, value_ids, "value"),
            variations=tuple(variations),
            discussion=tuple(doc.text_list(item, "discussion", what, required=True)),
            note=doc.text(item, "note", what),
            cites=tuple(doc.cite(c, cl, what) for c, cl in doc.items(item, "cites", what)),
        )
    if not scenarios:
        raise doc.fail("the deck has no scenarios", root.line)
    return Deck(
        id=doc.ident(root, "id", "the deck"),
        council=council,
        title=doc.text(root, "title", "the deck"),
        scenarios=scenarios,
        file=name,
    )
