"""Installed from a built wheel into a fresh venv, etikcheck works from another directory."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True,
    )
    (found,) = out.glob("etikcheck-*.whl")
    return found


def test_wheel_contains_packs_translations_and_schemas(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "etikcheck/rules/core.yaml",
        "etikcheck/rules/aalborg/pack.yaml",
        "etikcheck/rules/aarhus/cases.yaml",
        "etikcheck/rules/vasteras/pack.yaml",
        "etikcheck/translations/sv.json",
        "etikcheck/translations/da.json",
        "etikcheck/translations/en.json",
        "etikcheck/docs/rule-packs.md",  # etikcheck rules guide
    ):
        assert name in names
    from etikcheck.cli.schema import CATALOG

    for schema in CATALOG:  # every schema `etikcheck schema` lists
        assert f"etikcheck/schemas/{schema}.schema.json" in names


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh venv with the wheel installed."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)], check=True
    )
    return bin_dir


@pytest.mark.slow
def test_installed_wheel_runs_outside_the_repo(installed: Path, tmp_path: Path) -> None:
    bin_dir = installed
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    stdin = json.dumps(
        {
            "council": "aalborg",
            "answers": {"lawful": "yes", "values": "unsure", "ethical": "yes", "reputation": "yes"},
        }
    )
    result = subprocess.run(
        [str(bin_dir / "etikcheck"), "check", "--json"],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env={"PATH": str(bin_dir), "LANG": "C.UTF-8", "HOME": str(tmp_path)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["verdict"] == "seek_advice"
    assert "99 31 15 05" in [r["phone"] for r in data["referrals"]]
    module = subprocess.run(
        [str(bin_dir / "python"), "-m", "etikcheck", "councils"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        check=True,
    )
    assert module.stdout.split()[0] == "aalborg"


@pytest.mark.slow
def test_installed_wheel_serves_pack_authors_and_scripts(installed: Path, tmp_path: Path) -> None:
    """From a folder that is no checkout: the guide, the schemas, and the rules commands
    taking council ids."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(installed / "etikcheck"), *args],
            capture_output=True,
            text=True,
            cwd=elsewhere,
            env={"PATH": str(installed), "LANG": "C.UTF-8", "HOME": str(tmp_path)},
            check=False,
        )

    guide = run("rules", "guide")
    assert guide.returncode == 0, guide.stderr
    assert guide.stdout == (ROOT / "docs" / "rule-packs.md").read_text(encoding="utf-8")
    schema = run("schema", "batch-line")
    assert schema.returncode == 0, schema.stderr
    assert json.loads(schema.stdout)["$id"] == "urn:etikcheck:batch-line:1"
    assert run("rules", "lint", "aalborg").returncode == 0
    tested = run("rules", "test", "vasteras")
    assert tested.returncode == 0, tested.stdout
    missing = run("rules", "lint", "nosuch")
    assert missing.returncode == 2
    assert "no pack 'nosuch'" in missing.stdout
    created = run("rules", "new", "Testby Kommune")
    assert created.returncode == 0, created.stderr
    assert run("rules", "lint", "--strict", "testby-kommune").returncode == 1  # placeholders
    head = (elsewhere / "testby-kommune" / "pack.yaml").read_text(encoding="utf-8")
    assert head.startswith("# yaml-language-server: $schema=./pack.schema.json\n")
    assert str(installed.parent) not in head  # nothing of this venv in a shared pack
