"""Find and load rule packs: bundled councils, custom packs, and the compiled-pack cache.

A pack is the shared core (``rules/core.yaml``) merged with one council's ``pack.yaml``. Its
identity is the sha256 of those two files and of the UI strings whose texts it holds (the floor's,
a topic's default); a compiled copy is kept per hash in the user cache
dir (``cache.py``), so a run with an unchanged pack parses no YAML. Validation lives in
``loader.py``. The format is documented in ``docs/rule-packs.md``.

A council is named by its id (its folder's name), by its name in any language, or by an alias
its pack declares; the id is found by its folder alone, a name by loading the known packs.
"""

from __future__ import annotations

import re
from pathlib import Path

from etikcheck import resources
from etikcheck.errors import EtikcheckError, InputError, Message, PackError, excerpt
from etikcheck.frozen import replace
from etikcheck.i18n import catalog_files
from etikcheck.model import LANGS, Pack, Rule
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


_LETTERS = str.maketrans({"å": "a", "ä": "a", "æ": "ae", "ö": "o", "ø": "o", "é": "e", "ü": "u"})
_SPACING = re.compile(r"[\s_-]+")


def fold(name: str) -> str:
    """A council's name as names are compared: case, spacing, '-' and '_', and the letters
    å, ä, æ, ö, ø do not matter, so "Västerås" is ``vasteras`` and "aalborg  kommune" is
    "Aalborg Kommune"."""
    import unicodedata  # only when a name is not an id

    text = unicodedata.normalize("NFC", name).casefold().translate(_LETTERS)
    return _SPACING.sub("-", text).strip("-")


def _safe(name: str) -> bool:
    """Whether ``name`` can only be a folder's name, never a path (``..``, ``a/b``)."""
    return bool(name) and not ({"/", "\\", "\0"} & set(name)) and not name.startswith(".")


def _folder(council: str, packs_dir: Path | None) -> Path | None:
    """The pack.yaml of a council given by its id (its folder's name), or None."""
    bases = [base for base in (rules_dir(), packs_dir) if base is not None]
    for name in (council, None):
        name = name if name is not None else fold(council)  # as typed first: no folding
        for base in bases if _safe(name) else ():
            if _is_file(base / name / PACK_FILE):
                return base / name / PACK_FILE
    return None


def _is_file(path: Path) -> bool:
    """``path.is_file()``, false also for a name the system refuses (too long, say), which
    ``is_file`` raises for: a council's name is what a user typed."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def council_names(
    packs_dir: Path | None = None, cache_dir: Path | None = None
) -> dict[str, list[str]]:
    """Every name a known council goes by, folded, to the ids that go by it: the id, the
    pack's ``council`` in each language and its ``aliases``. A pack that cannot be loaded is
    left out (the command that uses it says why)."""
    found: dict[str, list[str]] = {}
    for council in known_ids(packs_dir):
        try:
            pack = load(council, cache_dir, packs_dir)
        except EtikcheckError:
            continue
        for name in (council, *(pack.council.get(lang) for lang in LANGS), *pack.aliases):
            ids = found.setdefault(fold(name), [])
            if council not in ids:
                ids.append(council)
    return found


def suggestions(council: str, known: dict[str, list[str]]) -> list[str]:
    """The ids whose names are closest to ``council`` (for "did you mean …?")."""
    from difflib import get_close_matches

    close = get_close_matches(fold(council), list(known), n=6, cutoff=0.75)
    return list(dict.fromkeys(pid for name in close for pid in known[name]))[:3]


def council_id(
    council: str, packs_dir: Path | None = None, cache_dir: Path | None = None
) -> str | None:
    """The id of the council ``council`` names (its id, its name in any language, an alias),
    or None when no known pack goes by it. Two packs going by one name is an error."""
    path = _folder(council, packs_dir)
    if path is not None:
        return path.parent.name
    return _by_name(council, council_names(packs_dir, cache_dir))


def _by_name(council: str, known: dict[str, list[str]]) -> str | None:
    ids = known.get(fold(council), []) if fold(council) else []
    if len(ids) > 1:
        message = Message("error.ambiguous_council", council=excerpt(council), ids=", ".join(ids))
        raise InputError(message, "council")
    return ids[0] if ids else None


def resolve(council: str, packs_dir: Path | None = None, cache_dir: Path | None = None) -> Path:
    """The pack.yaml of a council: bundled first, then the packs folder of the settings.

    The council is named by its id, by its name in any language or by an alias its pack
    declares ("Västerås", "Aalborg Kommune", "Århus"); anything else is an error suggesting the
    closest ids. An id, the common case, is found by its folder alone; a name costs loading the
    known packs (through the cache).
    """
    path = _folder(council, packs_dir)
    if path is not None:
        return path
    known = council_names(packs_dir, cache_dir)
    found = _by_name(council, known)
    path = _folder(found, packs_dir) if found is not None else None
    if path is not None:
        return path
    raise InputError(unknown_council(council, known, known_ids(packs_dir)), "council")


def unknown_council(council: str, known: dict[str, list[str]], listed: list[str]) -> Message:
    """ "unknown council 'vesteras'; did you mean vasteras? Known councils: …" """
    hint = suggestions(council, known)
    shown, names = excerpt(council), ", ".join(listed)
    if hint:
        return Message("error.unknown_council_hint", council=shown, hint=either(hint), known=names)
    return Message("error.unknown_council", council=shown, known=names)


def either(words: list[str]) -> str | Message:
    """ "a", "a or b", "a, b or c", in the message's language."""
    if len(words) == 1:
        return words[0]
    return Message("error.either", first=", ".join(words[:-1]), last=words[-1])


def goes_by(pack: Pack, council: str) -> bool:
    """Whether ``council`` names ``pack``: its id, its name in a language, or an alias."""
    wanted = fold(council)
    own = (pack.id, *(pack.council.get(lang) for lang in LANGS), *pack.aliases)
    return any(fold(name) == wanted for name in own)


def display_name(path: Path) -> str:
    """A short file name for messages: relative to the bundled rules, else as given."""
    try:
        return str(Path("rules") / path.resolve().relative_to(rules_dir().resolve()))
    except ValueError:
        return str(path)


def load(council: str, cache_dir: Path | None = None, packs_dir: Path | None = None) -> Pack:
    """A council's pack, by its id, name or alias: bundled, or in the settings' packs folder
    (where, as in the bundled ones, a pack's id is its folder's name)."""
    path = resolve(council, packs_dir, cache_dir)
    if path.parent.parent == rules_dir():
        return load_path(path, cache_dir=cache_dir)
    return load_custom(path.parent, cache_dir, folder_is_id=True)


def pack_files(path: Path) -> tuple[Path, Path | None]:
    """A pack given by the user (its folder or its pack file): the pack file, and the
    ``core.yaml`` beside it if there is one (None: the bundled core)."""
    pack_file = path / PACK_FILE if _is_dir(path) else path
    if not _exists(pack_file) or pack_file.is_dir():  # not is_file(): a device is read, bounded
        shown = excerpt(str(path), 200)[1:-1]
        raise InputError(Message("error.no_such_pack", path=shown, file=PACK_FILE), "rules")
    own_core = pack_file.parent / CORE_FILE
    return pack_file, own_core if own_core.exists() and not own_core.is_dir() else None


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):  # a name the system refuses (too long, say)
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def load_custom(path: Path, cache_dir: Path | None = None, folder_is_id: bool = False) -> Pack:
    """A pack given by the user: its folder or its pack.yaml.

    A ``core.yaml`` beside the pack replaces the bundled core (its own test questions' texts,
    verdict texts and core rules); otherwise the bundled core is used.
    """
    pack_file, core_file = pack_files(path)
    pack = load_path(pack_file, core_file, cache_dir, folder_is_id)
    if folder_is_id and pack.id != pack_file.parent.name:  # a copy cached from elsewhere
        raise PackError(
            f"pack id {excerpt(pack.id)} must match its folder name "
            f"{excerpt(pack_file.parent.name)}",
            display_name(pack_file),
        )
    return pack


def problems(path: Path, folder_is_id: bool = False) -> list[PackError]:
    """Every problem of the pack at ``path`` (folder or pack file) and its core, in one list
    (``rules lint``); empty when it loads. See :func:`etikcheck.packs.loader.problems`."""
    from etikcheck.packs.loader import problems as collect

    pack_file, own_core = pack_files(path)
    core_file = own_core or rules_dir() / CORE_FILE
    bundled = pack_file.parent.parent.resolve() == rules_dir().resolve()
    core_name, pack_name = display_name(core_file), display_name(pack_file)
    return collect(core_file, pack_file, core_name, pack_name, folder_is_id or bundled)


def find_pack(
    council: str | None,
    rules: Path | None,
    cache_dir: Path | None = None,
    packs_dir: Path | None = None,
) -> Pack:
    """The pack for a command: a custom one from --rules, else the council by its id."""
    if rules is not None:
        pack = load_custom(rules, cache_dir)
        if council and not goes_by(pack, council):
            message = Message(
                "error.council_not_rules", council=excerpt(council), id=excerpt(pack.id)
            )
            raise InputError(message, "council")
        return pack
    if not council:
        known = ", ".join(known_ids(packs_dir))
        raise InputError(Message("error.no_council", known=known), "council")
    return load(council, cache_dir, packs_dir)


def hashed_files(core_file: Path, pack_file: Path) -> tuple[Path, ...]:
    """What a pack's hash covers: its two files and the UI strings it holds some texts of."""
    return (core_file, pack_file, *catalog_files())


def load_path(
    pack_file: Path,
    core_file: Path | None = None,
    cache_dir: Path | None = None,
    folder_is_id: bool = False,
) -> Pack:
    """Load the pack at ``pack_file`` (merged with the core), from the cache when it is there.

    ``folder_is_id``: the pack's id must be its folder's name (always so for a bundled pack)."""
    core_file = core_file or rules_dir() / CORE_FILE
    files = (core_file, pack_file)
    names = tuple(display_name(f) for f in files)
    hashed = hashed_files(core_file, pack_file)
    known = packcache.known_sha256(cache_dir, hashed) if cache_dir is not None else None
    if cache_dir is not None and known is not None:
        cached = packcache.read(cache_dir, known)
        if cached is not None:
            return cached if cached.files == names else _moved(cached, names)
    import hashlib  # only when the files changed: its OpenSSL is costly to start (see cache)

    digest = hashlib.sha256()
    for path in hashed:
        try:
            digest.update(read_file(path))
        except OSError as exc:
            raise PackError(
                f"cannot read the file: {exc.strerror or exc}", display_name(path)
            ) from None
        except TextError as exc:
            raise PackError(exc.problem, display_name(path)) from None
        digest.update(b"\0")
    sha256 = digest.hexdigest()
    if cache_dir is not None:
        cached = packcache.read(cache_dir, sha256)
        if cached is not None:
            packcache.remember_sha256(cache_dir, hashed, sha256)
            return cached if cached.files == names else _moved(cached, names)
    from etikcheck.packs.loader import build  # YAML is parsed only on a cache miss

    bundled = pack_file.parent.parent.resolve() == rules_dir().resolve()
    core_name, pack_name = names
    pack = build(core_file, pack_file, core_name, pack_name, folder_is_id or bundled)
    pack = replace(pack, sha256=sha256, files=names)
    if cache_dir is not None:
        packcache.write(cache_dir, pack)
        packcache.remember_sha256(cache_dir, hashed, sha256)
    return pack


def _moved(pack: Pack, names: tuple[str, ...]) -> Pack:
    """A cached pack read for the same content at other paths (a copy of a pack): its files,
    and the file of each rule, named as they are here, so that messages point at these."""
    where = dict(zip(pack.files, names, strict=False))

    def moved(rule: Rule) -> Rule:
        return replace(rule, file=where.get(rule.file, rule.file))

    topics = {tid: replace(t, rules=tuple(map(moved, t.rules))) for tid, t in pack.topics.items()}
    return replace(
        pack,
        files=names,
        rules=tuple(map(moved, pack.rules)),
        topics=topics,
        fallback=moved(pack.fallback),
    )
