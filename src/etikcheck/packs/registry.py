"""Find and load rule packs: bundled councils, custom packs, and the compiled-pack cache.

A pack is the shared core (``rules/core.yaml``) merged with one council's ``pack.yaml``. Its
identity is the sha256 of those two files; a compiled copy is kept per hash in the user cache
dir (``packcache.py``), so a run with an unchanged pack parses no YAML. Validation lives in
``packfile.py``. The format is documented in ``docs/rule-packs.md``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from etikcheck import resources
from etikcheck.errors import InputError, PackError, excerpt
from etikcheck.frozen import replace
from etikcheck.model import Pack
from etikcheck.packs import cache as packcache
from etikcheck.reading import TextError, read_file

PACK_FILE = "pack.yaml"
CORE_FILE = "core.yaml"
CASES_FILE = "cases.yaml"


# -- finding packs -----------------------------------------------------------------------------


def rules_dir() -> Path:
    return resources.data_path("rules")


def bundled_ids() -> list[str]:
    base = rules_dir()
    return sorted(p.parent.name for p in base.glob(f"*/{PACK_FILE}"))


def custom_ids(packs_dir: Path | None) -> list[str]:
    """The packs in the folder named by the ``packs`` setting (each a folder with pack.yaml)."""
    if packs_dir is None or not packs_dir.is_dir():
        return []
    return sorted(p.parent.name for p in packs_dir.glob(f"*/{PACK_FILE}"))


def known_ids(packs_dir: Path | None = None) -> list[str]:
    bundled = bundled_ids()
    return bundled + [c for c in custom_ids(packs_dir) if c not in bundled]


_FOLD = str.maketrans({"å": "a", "ä": "a", "æ": "ae", "ö": "o", "ø": "o", " ": "-"})


def resolve(council: str, packs_dir: Path | None = None) -> Path:
    """The pack.yaml of a council id: bundled first, then the packs folder of the settings.

    Case and Scandinavian letters are folded, so "Västerås" finds ``vasteras``.
    """
    safe = bool(council) and not ({"/", "\\"} & set(council)) and not council.startswith(".")
    for name in dict.fromkeys((council, council.lower().translate(_FOLD))):
        for base in (rules_dir(), packs_dir):
            if safe and base is not None and (base / name / PACK_FILE).is_file():
                return base / name / PACK_FILE
    raise InputError(
        f"unknown council {excerpt(council)}; known councils: {', '.join(known_ids(packs_dir))}",
        "council",
    )


def display_name(path: Path) -> str:
    """A short file name for messages: relative to the bundled rules, else as given."""
    try:
        return str(Path("rules") / path.resolve().relative_to(rules_dir().resolve()))
    except ValueError:
        return str(path)


def load(council: str, cache_dir: Path | None = None, packs_dir: Path | None = None) -> Pack:
    path = resolve(council, packs_dir)
    if path.parent.parent == rules_dir():
        return load_path(path, cache_dir=cache_dir)
    return load_custom(path.parent, cache_dir)


def load_custom(path: Path, cache_dir: Path | None = None) -> Pack:
    """A pack given by the user: its folder or its pack.yaml.

    A ``core.yaml`` beside the pack replaces the bundled core (its own test questions' texts,
    verdict texts and core rules); otherwise the bundled core is used.
    """
    pack_file = path / PACK_FILE if path.is_dir() else path
    if not pack_file.exists() or pack_file.is_dir():  # not is_file(): a device is read, bounded
        raise InputError(
            f"--rules {path}: no such pack (expected a folder with {PACK_FILE})", "rules"
        )
    own_core = pack_file.parent / CORE_FILE
    core_file = own_core if own_core.exists() and not own_core.is_dir() else None
    return load_path(pack_file, core_file, cache_dir)


def find_pack(
    council: str | None,
    rules: Path | None,
    cache_dir: Path | None = None,
    packs_dir: Path | None = None,
) -> Pack:
    """The pack for a command: a custom one from --rules, else the council by its id."""
    if rules is not None:
        pack = load_custom(rules, cache_dir)
        if council and council != pack.id:
            raise InputError(
                f"council: {excerpt(council)} does not match the pack in --rules "
                f"({excerpt(pack.id)})",
                "council",
            )
        return pack
    if not council:
        raise InputError(
            f"council: no council given (known: {', '.join(known_ids(packs_dir))})", "council"
        )
    return load(council, cache_dir, packs_dir)


def load_path(
    pack_file: Path, core_file: Path | None = None, cache_dir: Path | None = None
) -> Pack:
    """Load the pack at ``pack_file`` (merged with the core), from the cache when it is there."""
    core_file = core_file or rules_dir() / CORE_FILE
    files = (core_file, pack_file)
    digest = hashlib.sha256()
    for path in files:
        try:
            digest.update(read_file(path))
        except OSError as exc:
            raise PackError(
                f"cannot read the file: {exc.strerror or exc}", display_name(path)
            ) from None
        except TextError as exc:
            raise PackError(exc.problem, display_name(path)) from None
        digest.update(b"\0")
    names = tuple(display_name(f) for f in files)
    sha256 = digest.hexdigest()
    cached = packcache.read(cache_dir, sha256) if cache_dir is not None else None
    if cached is not None:
        return cached
    from etikcheck.packs.loader import build  # YAML is parsed only on a cache miss

    bundled = pack_file.parent.parent.resolve() == rules_dir().resolve()
    core_name, pack_name = names
    pack = build(core_file, pack_file, core_name, pack_name, folder_is_id=bundled)
    pack = replace(pack, sha256=sha256, files=names)
    if cache_dir is not None:
        packcache.write(cache_dir, pack)
    return pack
