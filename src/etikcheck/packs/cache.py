"""Compiled packs cached per content hash, so a run with an unchanged pack parses no YAML.

A cache file is one header line (format, pack hash, checksum of the body) and a JSON body: the
pack with its conditions already compiled. The codec is derived from the model: every record is
written as ``{"@Class": [its fields in order]}`` and read back by the JSON decoder's object
hook, so a field added to the model needs no change here, and the cache file's name carries a
fingerprint of the model's classes and fields, so a changed model never reads an old entry.

An entry is never trusted blindly: one that is unreadable, of another format, for another hash,
whose checksum does not match, or of any wrong shape is ignored (and rebuilt by the caller).
Whatever it says, the engine's floor (any no, any unsure) is not in the cache but in the code.
Deleting the cache directory is always safe.
"""

from __future__ import annotations

import json
import os
from binascii import crc32

from etikcheck import __version__, model
from etikcheck.frozen import Frozen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from etikcheck.model import Pack

# The records a pack is made of; Source is written once and referred to by id after that.
RECORDS: tuple[type[Frozen], ...] = (
    model.Text,
    model.Source,
    model.Cite,
    model.Question,
    model.Value,
    model.Contact,
    model.Rule,
    model.Topic,
    model.VerdictText,
    model.Pack,
)
SHARED = "Source"
_BY_NAME = {cls.__name__: cls for cls in RECORDS}
FINGERPRINT = ";".join(f"{cls.__name__}({','.join(cls._fields)})" for cls in RECORDS)
CACHE_FORMAT = f"etikcheck-pack-cache/3 {__version__} {crc32(FINGERPRINT.encode()):08x}"
MAX_BYTES = 16 * 1024 * 1024
MAX_STAT_BYTES = 64 * 1024


def cache_file(cache_dir: Path, sha256: str) -> Path:
    return cache_dir / "packs" / f"{sha256}-{crc32(FINGERPRINT.encode()):08x}.json"


# -- the codec ---------------------------------------------------------------------------------


def encode(value: Any, seen: set[str]) -> Any:
    """Plain JSON data for a record and everything in it."""
    if isinstance(value, Frozen):
        name = type(value).__name__
        if name == SHARED:
            key = value.id  # type: ignore[attr-defined]
            if key in seen:
                return {"@ref": key}
            seen.add(key)
        return {f"@{name}": [encode(getattr(value, f), seen) for f in value._fields]}
    if isinstance(value, frozenset):
        return {"@set": sorted(value)}
    if isinstance(value, (tuple, list)):
        return [encode(item, seen) for item in value]
    if isinstance(value, dict):
        return {key: encode(item, seen) for key, item in value.items()}
    return value


def _tuples(value: Any) -> Any:
    return tuple(_tuples(item) for item in value) if type(value) is list else value


def decode(body: bytes) -> Any:
    """The records in a body written by :func:`encode` (raises ValueError on a wrong shape)."""
    shared: dict[str, Any] = {}

    def hook(obj: dict[str, Any]) -> Any:
        if len(obj) != 1:
            return obj
        ((key, value),) = obj.items()
        if key[:1] != "@":
            return obj
        if key == "@set":
            return frozenset(value)
        if key == "@ref":
            return shared[value]
        record = _BY_NAME[key[1:]](*[_tuples(item) for item in value])
        if key[1:] == SHARED:
            shared[record.id] = record  # type: ignore[attr-defined]
        return record

    try:
        return json.loads(body, object_hook=hook)
    except (KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise ValueError(f"not a cache body: {exc!r}") from None


# -- the files ---------------------------------------------------------------------------------


def checksum(body: bytes) -> str:
    return f"{crc32(body):08x}-{len(body)}"


def read(cache_dir: Path, sha256: str) -> Pack | None:
    """The cached pack for this hash, or None when there is none usable (never raises)."""
    try:
        with open(cache_file(cache_dir, sha256), "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return None
        header, _, body = raw.partition(b"\n")
        if len(header) > 1024:
            return None
        meta = json.loads(header)
        if not isinstance(meta, dict) or meta.get("format") != CACHE_FORMAT:
            return None
        if meta.get("sha256") != sha256 or meta.get("checksum") != checksum(body):
            return None
        pack = decode(body)
        if not isinstance(pack, model.Pack) or pack.sha256 != sha256 or not _well_formed(pack):
            return None
    except (OSError, ValueError, RecursionError, AttributeError, TypeError, KeyError):
        return None
    return pack


def _well_formed(pack: Pack) -> bool:
    """What the engine relies on, beyond the JSON shape: known verdicts, the verdict texts."""
    rules = [*pack.rules, pack.fallback, *(r for t in pack.topics.values() for r in t.rules)]
    return (
        all(isinstance(r, model.Rule) and r.verdict in model.VERDICTS for r in rules)
        and set(pack.verdicts) == set(model.VERDICTS)
        and all(isinstance(q, model.Question) for q in pack.questions.values())
    )


def write(cache_dir: Path, pack: Pack) -> None:
    """Store the compiled pack (0600, atomically); a cache that cannot be written is skipped."""
    records = encode(pack, set())
    try:
        body = json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode()
    except UnicodeEncodeError:  # a file name that is not UTF-8 (a lone surrogate): escaped
        body = json.dumps(records, separators=(",", ":")).encode()
    meta = {"format": CACHE_FORMAT, "sha256": pack.sha256, "checksum": checksum(body)}
    _write(cache_file(cache_dir, pack.sha256), json.dumps(meta).encode() + b"\n" + body)


def _write(target: Path, data: bytes) -> None:
    import contextlib
    import tempfile

    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".pack.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except OSError:  # nothing to report: the next run rebuilds the entry
        with contextlib.suppress(OSError):
            os.unlink(tmp)


# -- which hash the pack files have, without reading them ---------------------------------------
#
# Hashing the pack files needs hashlib, whose OpenSSL costs a start 3-4 ms and 3.5 MiB, more
# than the rest of a warm `check`. So the hash of files that have not changed since it was
# computed is remembered by their stat (device, inode, size, mtime and ctime in ns), as git's
# index does. As in git, a file changed less than SETTLED_NS ago is never remembered: within
# the file system's timestamp granularity a second same-size write could keep the same mtime.
# Any change after that moves the ctime, which no tool can set back.

SETTLED_NS = 2_000_000_000
_SHA256_HEX = frozenset("0123456789abcdef")


def _stat_line(files: tuple[Path, ...]) -> str | None:
    import time

    now = time.time_ns()
    parts = []
    for path in files:
        try:
            st = os.stat(path)
        except OSError:
            return None
        if now - max(st.st_mtime_ns, st.st_ctime_ns) < SETTLED_NS:
            return None
        parts.append(
            f"{os.path.abspath(path)}|{st.st_dev}|{st.st_ino}|{st.st_size}"
            f"|{st.st_mtime_ns}|{st.st_ctime_ns}"
        )
    return "\n".join(parts)


def _stat_file(cache_dir: Path, line: str) -> Path:
    key = crc32(line.encode("utf-8", "surrogateescape"))
    return cache_dir / "packs" / f"stat-{key:08x}-{crc32(FINGERPRINT.encode()):08x}.json"


def known_sha256(cache_dir: Path, files: tuple[Path, ...]) -> str | None:
    """The sha256 remembered for these files as they are now, or None (never raises)."""
    line = _stat_line(files)
    if line is None:
        return None
    try:
        with open(_stat_file(cache_dir, line), "rb") as handle:
            raw = handle.read(MAX_STAT_BYTES + 1)
        memo = json.loads(raw) if len(raw) <= MAX_STAT_BYTES else None
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(memo, dict) or memo.get("stat") != line:
        return None
    sha256 = memo.get("sha256")
    if not isinstance(sha256, str) or len(sha256) != 64 or not _SHA256_HEX.issuperset(sha256):
        return None
    return sha256


def remember_sha256(cache_dir: Path, files: tuple[Path, ...], sha256: str) -> None:
    """Remember the files' hash by their stat, when they have settled (see above)."""
    line = _stat_line(files)
    if line is not None:
        memo = {"stat": line, "sha256": sha256}
        _write(_stat_file(cache_dir, line), json.dumps(memo).encode())
