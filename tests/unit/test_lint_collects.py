"""`rules lint` reports every problem of a pack in one run; a command stops at the first.

The two must agree: whatever is wrong with a pack, the problem the loader raises is among the
problems lint reports, lint never reports a problem for a pack that loads, and lint never
needs its last resort (stopping the reference checks when they trip over a broken shape).
Checked on the bundled packs broken at random, key by key and line by line.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from etikcheck.errors import PackError
from etikcheck.packs import loader, registry
from etikcheck.packs.strict_yaml import YList, YMap, loads

CORE = registry.rules_dir() / registry.CORE_FILE
VALUES: list[Any] = [None, 5, True, "x", "Not An Id", [], {}, ["a"], {"sv": "a"}, [{"id": 1}]]


def _plain(node: Any) -> Any:
    if isinstance(node, YMap):
        return {k: _plain(v) for k, v in node.items()}
    if isinstance(node, YList):
        return [_plain(v) for v in node]
    return node


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if path:
        yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


def _mutate(document: Any, rnd: random.Random) -> Any:
    result = copy.deepcopy(document)
    for _ in range(rnd.randint(1, 3)):
        path = rnd.choice(list(_paths(result)))
        parent = result
        for step in path[:-1]:
            parent = parent[step]
        if rnd.random() < 0.4:
            del parent[path[-1]]
        else:
            parent[path[-1]] = copy.deepcopy(rnd.choice(VALUES))
    return result


def _agree(pack_file: Path) -> int:
    """Lint and the loader agree on ``pack_file``; the number of problems lint found."""
    try:
        loader.build(CORE, pack_file, "core.yaml", "pack.yaml")
        first = None
    except PackError as error:
        first = (error.file, error.line, error.problem)
    found = loader.problems(CORE, pack_file, "core.yaml", "pack.yaml")
    if first is None:
        assert found == []
    else:
        assert first in {(e.file, e.line, e.problem) for e in found}
    return len(found)


@pytest.mark.parametrize("council", registry.bundled_ids())
def test_lint_and_the_loader_agree_on_packs_broken_at_random(
    council: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "_BUILD_ERRORS", ())  # a crash must show, not be caught
    rnd = random.Random(f"lint-{council}")
    source = registry.rules_dir() / council / registry.PACK_FILE
    document = _plain(loads(source.read_text(encoding="utf-8")))
    lines = source.read_text(encoding="utf-8").splitlines()
    pack_file = tmp_path / council / registry.PACK_FILE
    pack_file.parent.mkdir()
    several = 0
    for _ in range(30):  # key by key: types, missing keys, wrong shapes
        pack_file.write_text(yaml.safe_dump(_mutate(document, rnd), allow_unicode=True), "utf-8")
        several += _agree(pack_file) > 1
    for _ in range(20):  # line by line: what an editor leaves behind
        broken = list(lines)
        for _ in range(rnd.randint(1, 3)):
            index = rnd.randrange(len(broken))
            if rnd.random() < 0.5:
                del broken[index]
            else:
                broken[index] = broken[index].replace(rnd.choice(["id", "sv", ": ", "-"]), "x")
        pack_file.write_text("\n".join(broken) + "\n", encoding="utf-8")
        several += _agree(pack_file) > 1
    assert several > 5  # many of them have more than one problem, and lint shows them all


def test_several_problems_of_each_kind_in_one_run(tmp_path: Path) -> None:
    """Structure problems in both a value and the header, and reference problems of the rules
    that are left once the broken value is left out."""
    pack_file = tmp_path / "p" / registry.PACK_FILE
    pack_file.parent.mkdir()
    text = (registry.rules_dir() / "aalborg" / registry.PACK_FILE).read_text(encoding="utf-8")
    text = text.replace('version: "2.0.0"', "version: 2", 1)
    text = text.replace("source: aalborg-adfaerdskodeks\n", "source: nowhere\n", 1)
    text = text.replace("contacts: [", "contacts: [nobody, ", 1)
    pack_file.write_text(text, encoding="utf-8")
    found = [e.problem for e in loader.problems(CORE, pack_file, "core.yaml", "pack.yaml")]
    assert any(p.startswith("'version' in the pack must be non-empty text") for p in found)
    assert "unknown source 'nowhere'" in found
    assert any(p.startswith("unknown contact 'nobody'") for p in found)
