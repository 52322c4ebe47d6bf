"""The layout's contracts (docs/architecture.md): what each layer may import.

The pipeline runs one way: packs -> engine -> output -> front ends (interview, training, cli).
The core (model, engine, packs) never imports a front end, the rich part of the output, or a UI
library; no module imports another's private names; package __init__ files stay empty.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

SRC = ROOT / "src"
UI_LIBRARIES = ("questionary", "typer", "rich", "prompt_toolkit", "click")
FRONT_ENDS = ("etikcheck.cli", "etikcheck.interview", "etikcheck.training")


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def imports(path: Path) -> list[tuple[str, list[str], int]]:
    """Every import in a module (module level or inside functions): (module, names, line)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: use absolute imports"
            found.append((node.module or "", [a.name for a in node.names], node.lineno))
    return found


def _starts(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def layer_rules(module: str) -> tuple[str, ...]:
    """What ``module`` must not import."""
    core = _starts(
        module,
        (
            "etikcheck.model",
            "etikcheck.engine",
            "etikcheck.frozen",
            "etikcheck.errors",
            "etikcheck.reading",
            "etikcheck.packs",
        ),
    )
    if core:  # store.files (private, atomic writes) is infrastructure, not the member's data
        user_data = ("etikcheck.store.settings", "etikcheck.store.journal")
        return (*UI_LIBRARIES, *FRONT_ENDS, "etikcheck.output", *user_data)
    if _starts(module, ("etikcheck.output",)) and module != "etikcheck.output.screen":
        return (*UI_LIBRARIES, *FRONT_ENDS)
    if _starts(module, ("etikcheck.store", "etikcheck.i18n", "etikcheck.resolve")):
        return (*UI_LIBRARIES, *FRONT_ENDS, "etikcheck.output.screen")
    return ()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_each_layer_imports_only_what_it_may(module: str) -> None:
    forbidden = layer_rules(module)
    bad = [
        f"{MODULES[module].name}:{line}: {name}"
        for name, _, line in imports(MODULES[module])
        if _starts(name, forbidden)
    ]
    assert not bad, f"{module} must not import: " + ", ".join(bad)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_private_name_of_another(module: str) -> None:
    bad = [
        f"{name}.{item} (line {line})"
        for name, items, line in imports(MODULES[module])
        if name.startswith("etikcheck")
        for item in items
        if item.startswith("_") and item != "__version__"
    ]
    assert not bad, f"{module} imports private names: {', '.join(bad)}"


def test_package_init_files_are_empty() -> None:
    for path in SRC.rglob("__init__.py"):
        if path.parent == SRC / "etikcheck":
            continue  # the package's own __init__ holds only __version__
        assert path.read_text(encoding="utf-8").strip() == "", path


def test_the_contract_catches_a_core_module_importing_the_ui(tmp_path: Path) -> None:
    assert "rich" in layer_rules("etikcheck.engine")
    assert "etikcheck.cli" in layer_rules("etikcheck.packs.loader")
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from rich.text import Text\n", encoding="utf-8")
    assert imports(sample) == [("rich.text", ["Text"], 2)]


def test_the_architecture_page_names_every_module() -> None:
    page = (SRC.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    tree = page.split("## The tree", 1)[1].split("##", 1)[0]
    missing = []
    for module, path in MODULES.items():
        if path.name in ("__init__.py", "__main__.py"):
            continue
        parent = path.parent.name
        listed = path.name in tree and (parent == "etikcheck" or f"{parent}/" in tree)
        if not listed:
            missing.append(module)
    assert not missing, f"docs/architecture.md does not list: {', '.join(missing)}"
    for folder in sorted({p.parent for p in MODULES.values()} - {SRC / "etikcheck"}):
        assert f"  {folder.name}/" in tree, folder
