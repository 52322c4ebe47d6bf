"""The compiled-pack cache: used when valid, ignored and rebuilt when stale or corrupt."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from etikcheck import engine
from etikcheck.environment import Environment
from etikcheck.model import CORE_QUESTIONS
from etikcheck.packs import cache as packcache
from etikcheck.packs import loader as packfile
from etikcheck.packs import registry as packs


def test_a_cached_pack_equals_the_parsed_one_and_skips_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for council in packs.bundled_ids():
        parsed = packs.load(council)
        first = packs.load(council, tmp_path)
        assert packcache.cache_file(tmp_path, parsed.sha256).exists()

        def no_yaml(*args: object) -> None:
            raise AssertionError("parsed YAML although the cache was valid")

        with monkeypatch.context() as patch:
            patch.setattr(packfile, "build", no_yaml)
            cached = packs.load(council, tmp_path)
        assert cached == parsed == first


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: b"not json at all",
        lambda raw: raw[: len(raw) // 2],
        lambda raw: raw.replace(b'"reconsider"', b'"proceed"'),  # checksum no longer matches
        lambda raw: raw.split(b"\n", 1)[0] + b"\n" + b'{"id": "x"}',
        lambda raw: raw.replace(b"etikcheck-pack-cache/3", b"etikcheck-pack-cache/0"),
    ],
    ids=["empty", "garbage", "truncated", "tampered", "wrong-shape", "old-format"],
)
def test_a_corrupt_cache_is_ignored_and_rebuilt(tmp_path: Path, damage: object) -> None:
    pack = packs.load("aarhus", tmp_path)
    path = packcache.cache_file(tmp_path, pack.sha256)
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    again = packs.load("aarhus", tmp_path)
    assert again == packs.load("aarhus")
    answers = dict.fromkeys(CORE_QUESTIONS, "yes") | {"lawful": "no"}
    assert engine.evaluate(again, answers).verdict == "reconsider"
    assert packcache.read(tmp_path, pack.sha256) == again  # rebuilt


def test_a_changed_pack_gets_a_new_entry(tmp_path: Path) -> None:
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(packs.rules_dir(), rules)
    cache = tmp_path / "cache"
    before = packs.load_path(rules / "aalborg" / "pack.yaml", rules / "core.yaml", cache)
    pack_file = rules / "aalborg" / "pack.yaml"
    pack_file.write_text(
        re.sub(
            r"^version: .*$", 'version: "9.9.9"', pack_file.read_text(encoding="utf-8"), flags=re.M
        ),
        encoding="utf-8",
    )
    after = packs.load_path(pack_file, rules / "core.yaml", cache)
    assert after.version == "9.9.9"
    assert after.sha256 != before.sha256
    assert len(list((cache / "packs").glob("*.json"))) == 2


def test_an_unwritable_cache_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert packs.load("vasteras", blocker / "sub").id == "vasteras"


FENCE = """
import io, json, sys
from etikcheck.cli.main import run
from etikcheck.environment import Environment
from pathlib import Path
cache = Path(sys.argv[1])
answers = {"lawful": "yes", "values": "unsure", "ethical": "yes", "reputation": "yes"}
stdin = json.dumps({"council": "aalborg", "answers": answers}).encode()
out = io.StringIO()
env = Environment(stdin=io.BytesIO(stdin), stdout=out, stderr=io.StringIO(), stdin_isatty=False,
                  environ={}, cache_dir=cache, config_dir=cache, data_dir=cache)
assert run(["check", "--json"], env) == 0
assert json.loads(out.getvalue())["verdict"] == "seek_advice"
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def test_check_json_imports_no_ui_and_no_yaml_when_cached(tmp_path: Path) -> None:
    def modules() -> set[str]:
        result = subprocess.run(
            [sys.executable, "-c", FENCE, str(tmp_path)], capture_output=True, text=True, check=True
        )
        return set(json.loads(result.stdout))

    assert "yaml" in modules()  # the first run parses the packs and fills the cache
    loaded = modules()
    for heavy in ("rich", "questionary", "prompt_toolkit", "typer", "pydantic", "yaml"):
        assert heavy not in loaded, f"check --json imported {heavy}"
    # what the start-up work (issue 16) took off the path: the model's classes are not
    # dataclasses, the files' hash is remembered by their stat (hashlib's OpenSSL), writers
    # import tempfile when they write, help and did-you-mean import argparse and difflib
    lean = ("dataclasses", "inspect", "typing", "tempfile", "shutil", "random", "argparse")
    for module in (*lean, "difflib", "platformdirs", "datetime", "locale"):
        assert module not in loaded, f"check --json imported {module}"
    if _settled(packs.rules_dir()):  # files edited in the last seconds are hashed again
        assert "hashlib" not in loaded, "check --json hashed unchanged pack files"


def _settled(folder: Path) -> bool:
    newest = max(max(p.stat().st_mtime_ns, p.stat().st_ctime_ns) for p in folder.rglob("*.yaml"))
    return time.time_ns() - newest > packcache.SETTLED_NS


def test_the_hash_remembered_by_stat_follows_every_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    pack_file = folder / "pack.yaml"
    pack_file.write_bytes((packs.rules_dir() / "aarhus" / "pack.yaml").read_bytes())
    core = packs.rules_dir() / "core.yaml"
    cache = tmp_path / "cache"
    monkeypatch.setattr(packcache, "SETTLED_NS", 0)  # instead of waiting two seconds
    first = packs.load_path(pack_file, core, cache)
    assert packcache.known_sha256(cache, packs.hashed_files(core, pack_file)) == first.sha256
    # the same size, the same mtime, other content: the ctime moved, so it is hashed again
    before = pack_file.stat()
    pack_file.write_bytes(pack_file.read_bytes().replace(b"version: ", b"version:\t", 1))
    os.utime(pack_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert pack_file.stat().st_size == before.st_size
    assert pack_file.stat().st_mtime_ns == before.st_mtime_ns
    assert packcache.known_sha256(cache, packs.hashed_files(core, pack_file)) is None
    second = packs.load_path(pack_file, core, cache)
    assert second.sha256 != first.sha256
    assert packcache.known_sha256(cache, packs.hashed_files(core, pack_file)) == second.sha256


def test_a_file_changed_just_now_is_hashed_every_time(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    pack_file = folder / "pack.yaml"
    pack_file.write_bytes((packs.rules_dir() / "aarhus" / "pack.yaml").read_bytes())
    core = packs.rules_dir() / "core.yaml"
    packs.load_path(pack_file, core, tmp_path)
    assert packcache.known_sha256(tmp_path, packs.hashed_files(core, pack_file)) is None
    assert not list((tmp_path / "packs").glob("stat-*"))


@pytest.mark.parametrize(
    "memo",
    [b"", b"[]", b'{"stat": "x", "sha256": "y"}', b"[" * 100_000, b"{" + b" " * 70_000 + b"}"],
    ids=["empty", "list", "other-stat", "deep", "too-long"],
)
def test_a_damaged_stat_memo_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memo: bytes
) -> None:
    monkeypatch.setattr(packcache, "SETTLED_NS", 0)
    pack = packs.load("aalborg", tmp_path)
    (memo_file,) = (tmp_path / "packs").glob("stat-*")
    memo_file.write_bytes(memo)
    rules = packs.rules_dir()
    files = packs.hashed_files(rules / "core.yaml", rules / "aalborg" / "pack.yaml")
    assert packcache.known_sha256(tmp_path, files) is None
    assert packs.load("aalborg", tmp_path) == pack


def test_the_codec_is_derived_from_the_model() -> None:
    for council in packs.bundled_ids():
        pack = packs.load(council)
        assert packcache.decode(json.dumps(packcache.encode(pack, set())).encode()) == pack
    # every field of every record is in the fingerprint, so a changed model changes the key
    for cls in packcache.RECORDS:
        assert f"{cls.__name__}({','.join(cls._fields)})" in packcache.FINGERPRINT
    assert packcache.FINGERPRINT.count("(") == len(packcache.RECORDS)


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b'{"@Pack": []}',
        b'{"@Nope": [1]}',
        b'{"@ref": "missing"}',
        b'{"@Text": ["a", "b"]}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"@Pack": [' + b"1," * 15 + b"1]}",
        b'{"@Pack": ["aarhus","1","x",{},"da",{},{},[],{},[],[],{"t": 5},{},1]}',
        b'{"@Text": ["a", "b", "c"]}',
    ],
    ids=[
        "list",
        "empty-pack",
        "unknown-class",
        "dangling-ref",
        "short-text",
        "deep",
        "ints",
        "wrong-fields",
        "not-a-pack",
    ],
)
def test_a_body_of_any_wrong_shape_is_ignored(tmp_path: Path, body: bytes) -> None:
    pack = packs.load("aarhus", tmp_path)
    path = packcache.cache_file(tmp_path, pack.sha256)
    header = {
        "format": packcache.CACHE_FORMAT,
        "sha256": pack.sha256,
        "checksum": packcache.checksum(body),
    }
    path.write_bytes(json.dumps(header).encode() + b"\n" + body)
    assert packcache.read(tmp_path, pack.sha256) is None
    assert packs.load("aarhus", tmp_path) == packs.load("aarhus")  # rebuilt


def test_the_folders_follow_the_xdg_base_directories(tmp_path: Path) -> None:
    """An unset or blank variable means the default under HOME, as the XDG spec (and
    platformdirs, which etikcheck no longer needs on Linux) say."""
    blank = Environment(environ={"HOME": str(tmp_path), "XDG_CONFIG_HOME": "  "})
    assert blank.config_path() == tmp_path / ".config" / "etikcheck"
    assert blank.data_path() == tmp_path / ".local" / "share" / "etikcheck"
    assert blank.cache_path() == tmp_path / ".cache" / "etikcheck"
    chosen = Environment(
        environ={
            "HOME": "/h",
            "XDG_DATA_HOME": "/d",
            "XDG_CACHE_HOME": "/c",
            "XDG_CONFIG_HOME": "/f",
        }
    )
    assert (chosen.config_path(), chosen.data_path(), chosen.cache_path()) == (
        Path("/f/etikcheck"),
        Path("/d/etikcheck"),
        Path("/c/etikcheck"),
    )
    moved = Environment(environ={"HOME": "/h", "ETIKCHECK_DATA_DIR": str(tmp_path / "j")})
    assert moved.data_path() == tmp_path / "j"


def test_a_changed_ui_string_file_changes_the_packs_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pack holds texts of the UI strings (the floor's, a topic's default): a cached pack
    built with older strings is not used."""
    strings = tmp_path / "en.json"
    strings.write_bytes((packs.rules_dir().parent / "translations" / "en.json").read_bytes())
    monkeypatch.setattr(packs, "catalog_files", lambda: (strings,))
    first = packs.load("aarhus", tmp_path)
    assert packs.load("aarhus", tmp_path).sha256 == first.sha256
    strings.write_bytes(strings.read_bytes().replace(b'"text.', b'"text. ', 1))
    assert packs.load("aarhus", tmp_path).sha256 != first.sha256


def test_a_pack_at_a_path_that_is_not_utf8_is_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / os.fsdecode(b"pack-\xff")  # a file name no UTF-8 text can spell
    folder.mkdir()
    pack_file = folder / "pack.yaml"
    pack_file.write_bytes((packs.rules_dir() / "aarhus" / "pack.yaml").read_bytes())
    core = packs.rules_dir() / "core.yaml"
    monkeypatch.setattr(packcache, "SETTLED_NS", 0)
    first = packs.load_path(pack_file, core, tmp_path / "cache")
    files = packs.hashed_files(core, pack_file)
    assert packcache.known_sha256(tmp_path / "cache", files) == first.sha256
