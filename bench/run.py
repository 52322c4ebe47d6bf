"""Benchmark etikcheck against the budgets in DESIGN.md (not part of the test suite).

Run: python bench/run.py [--runs N] [--write docs/performance.md]

Every comparison is measured in the same run, interleaved, so machine load affects both sides.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASE = {
    "council": "aalborg",
    "answers": {"lawful": "yes", "values": "unsure", "ethical": "yes", "reputation": "yes"},
}


def etikcheck_cmd() -> list[str]:
    exe = shutil.which("etikcheck", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "etikcheck"]


def wall(cmd: list[str], stdin: bytes, env: dict[str, str]) -> tuple[float, int]:
    """Wall time (s) and peak RSS (KiB) of one run of ``cmd``."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    assert proc.stdin is not None
    proc.stdin.write(stdin)
    proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err}")
    return elapsed, usage.ru_maxrss


def compare(runs: int, env: dict[str, str]) -> dict[str, float]:
    check = [*etikcheck_cmd(), "check", "--json"]
    typer = [sys.executable, "-c", "import typer"]
    stdin = json.dumps(CASE).encode()
    wall(check, stdin, env)  # warm the OS file cache and the compiled-pack cache
    ours, base, rss = [], [], []
    for _ in range(runs):
        t, r = wall(check, stdin, env)
        ours.append(t)
        rss.append(r)
        base.append(wall(typer, b"", env)[0])
    return {
        "check_ms": statistics.median(ours) * 1000,
        "typer_ms": statistics.median(base) * 1000,
        "ratio": statistics.median(ours) / statistics.median(base),
        "rss_mib": max(rss) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--write", type=Path, help="also write the table to this Markdown file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "HOME": home, "XDG_CACHE_HOME": f"{home}/cache", "LANG": "C.UTF-8"}
        result = compare(args.runs, env)
    rows = [
        ("`check --json`, one case (median wall time)", f"{result['check_ms']:.1f} ms", ""),
        ('`python -c "import typer"` (median wall time)', f"{result['typer_ms']:.1f} ms", ""),
        (
            "ratio check / import typer",
            f"{result['ratio']:.2f}x",
            "≤ 1.25x " + ("met" if result["ratio"] <= 1.25 else "**not met**"),
        ),
        (
            "peak RSS of `check --json`",
            f"{result['rss_mib']:.1f} MiB",
            "≤ 30 MiB " + ("met" if result["rss_mib"] <= 30 else "**not met**"),
        ),
    ]
    table = ["| measure | value | budget |", "|---|---|---|"]
    table += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    text = "\n".join(table) + f"\n\nMachine: {machine}; {args.runs} interleaved runs.\n"
    print(text)
    if args.write:
        args.write.write_text(
            "# Performance\n\nMeasured by `python bench/run.py --write docs/performance.md`.\n\n"
            + text,
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
