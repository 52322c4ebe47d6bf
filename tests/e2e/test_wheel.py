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
        "etikcheck/schemas/decision.schema.json",
        "etikcheck/schemas/check-input.schema.json",
    ):
        assert name in names


@pytest.mark.slow
def test_installed_wheel_runs_outside_the_repo(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)], check=True
    )
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
