"""Benchmark etikcheck against the budgets in DESIGN.md (not part of the test suite).

Run: python bench/run.py [--runs N] [--cases N] [--million] [--write docs/performance.md]

Every comparison is measured in the same run, interleaved where it is wall time, so machine load
affects both sides. Needs the test extras plus `pip install json-logic-qubit` for the rules-engine
comparison.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from etikcheck import engine
from etikcheck.cli.batch import run_batch
from etikcheck.cli.parse import parse
from etikcheck.environment import Environment
from etikcheck.model import ABSENT, ANSWERS, CORE_QUESTIONS, SEVERITY, Pack, Rule
from etikcheck.packs import registry as packs

CASE = {
    "council": "aalborg",
    "answers": {"lawful": "yes", "values": "unsure", "ethical": "yes", "reputation": "yes"},
}


def etikcheck_cmd() -> list[str]:
    exe = shutil.which("etikcheck", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "etikcheck"]


def wall(cmd: list[str], stdin: bytes, env: dict[str, str]) -> tuple[float, int]:
    """Wall time (s) of one run of ``cmd``, and its exit code."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    assert proc.stdin is not None
    proc.stdin.write(stdin)
    proc.stdin.close()
    code = proc.wait()
    elapsed = time.perf_counter() - start
    if code not in (0, 1):
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{' '.join(cmd)} failed ({code}): {err}")
    return elapsed, code


RSS_WRAPPER = (
    "import resource, subprocess, sys; "
    "null = subprocess.DEVNULL; "
    "subprocess.run(sys.argv[1:], stdin=null, stdout=null, check=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def peak_rss(cmd: list[str], env: dict[str, str]) -> float:
    """Peak RSS (MiB) of ``cmd``, run from a small wrapper so a large benchmark process's pages
    (shared with a forked child until it execs) are not counted."""
    out = subprocess.run(
        [sys.executable, "-c", RSS_WRAPPER, *cmd],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout.strip()) / 1024


def cold_start(runs: int, env: dict[str, str]) -> dict[str, float]:
    check = [*etikcheck_cmd(), "check", "--json"]
    typer = [sys.executable, "-c", "import typer"]
    stdin = json.dumps(CASE).encode()
    wall(check, stdin, env)  # fill the compiled-pack cache and the OS file cache
    ours, base = [], []
    for _ in range(runs):
        ours.append(wall(check, stdin, env)[0])
        base.append(wall(typer, b"", env)[0])
    case_file = Path(env["HOME"]) / "case.json"
    case_file.write_bytes(stdin)
    return {
        "check_ms": statistics.median(ours) * 1000,
        "typer_ms": statistics.median(base) * 1000,
        "ratio": statistics.median(ours) / statistics.median(base),
        "rss_mib": peak_rss([*check, "--input", str(case_file)], env),
    }


def first_question(runs: int, env: dict[str, str]) -> dict[str, float]:
    """Spawn to the first question on screen (pty), against importing typer and questionary."""
    import pexpect

    baseline = [sys.executable, "-c", "import typer, questionary"]
    ours, base = [], []
    cmd, *args = etikcheck_cmd()
    args += ["--council", "aarhus", "--lang", "en"]
    for i in range(runs + 1):
        start = time.perf_counter()
        child = pexpect.spawn(cmd, args, env=env, encoding="utf-8", timeout=30)
        child.expect("Describe briefly")
        elapsed = time.perf_counter() - start
        child.sendintr()
        child.expect(pexpect.EOF)
        child.close()
        b = wall(baseline, b"", env)[0]
        if i:  # the first pair warms caches
            ours.append(elapsed)
            base.append(b)
    return {
        "first_ms": statistics.median(ours) * 1000,
        "base_ms": statistics.median(base) * 1000,
        "ratio": statistics.median(ours) / statistics.median(base),
    }


# -- batch throughput against a general-purpose rules engine -----------------------------------


def json_logic_rule(rule: Rule) -> dict[str, Any]:
    """The rule's compiled condition (DNF) as JSON Logic; question ids become flat var names."""

    def var(question: str) -> dict[str, Any]:
        return {"var": [question.replace(".", "__"), ABSENT]}

    terms = [
        {"and": [{"in": [var(q), sorted(allowed)]} for q, allowed in term]} if term else True
        for term in rule.when
    ]
    return {"or": terms} if terms else False


def make_cases(pack: Pack, count: int, seed: int = 7) -> list[dict[str, Any]]:
    """Random checks over the pack's answer space: direct or item-wise values, topics."""
    rng = random.Random(seed)
    items = [q.id for q in pack.value_questions()]
    topic_ids = [None, *pack.topics]
    cases = []
    for _ in range(count):
        answers = {q: rng.choice(ANSWERS) for q in CORE_QUESTIONS}
        if rng.random() < 0.5:
            del answers["values"]
            answers |= {q: rng.choice(ANSWERS) for q in items}
        topic = rng.choice(topic_ids)
        case: dict[str, Any] = {"council": pack.id, "answers": answers}
        if topic:
            case["topic"] = topic
            answers |= {q: rng.choice(ANSWERS) for q in pack.topics[topic].questions}
        cases.append(case)
    return cases


def throughput(pack: Pack, cases: list[dict[str, Any]], cache: Path) -> dict[str, float]:
    from json_logic import jsonLogic

    # etikcheck: the engine alone, every case evaluated (no memo)
    start = time.perf_counter()
    ours = [engine.evaluate(pack, c["answers"], c.get("topic")).verdict for c in cases]
    engine_rate = len(cases) / (time.perf_counter() - start)

    # etikcheck: the batch command end to end (parse, evaluate, serialize), in-process
    lines = [json.dumps(c).encode() + b"\n" for c in cases]
    sink = io.StringIO()
    env = Environment(
        stdout=sink,
        stderr=io.StringIO(),
        stdin_isatty=False,
        environ={},
        cache_dir=cache,
        config_dir=cache,
        data_dir=cache,
    )
    start = time.perf_counter()
    run_batch(io.BytesIO(b"".join(lines)), env, parse(["batch"]))
    batch_rate = len(cases) / (time.perf_counter() - start)
    batch_verdicts = [json.loads(line)["verdict"] for line in sink.getvalue().splitlines()]

    # json-logic-qubit: the same compiled rules, translated, evaluated per case
    logic = {None: [(json_logic_rule(r), r.verdict) for r in pack.rules]}
    for tid, topic in pack.topics.items():
        logic[tid] = logic[None] + [(json_logic_rule(r), r.verdict) for r in topic.rules]
    start = time.perf_counter()
    theirs = []
    for case in cases:
        normalized, _ = engine.normalize(pack, case["answers"], case.get("topic"))
        data = {q.replace(".", "__"): a for q, a in normalized.items()}
        fired = [v for rule, v in logic[case.get("topic")] if jsonLogic(rule, data)]
        theirs.append(max(fired, key=SEVERITY.__getitem__) if fired else "seek_advice")
    logic_rate = len(cases) / (time.perf_counter() - start)
    if not (ours == theirs == batch_verdicts):
        raise SystemExit("json-logic and etikcheck disagree: the translation is wrong")
    distinct = len({line.strip() for line in lines})
    return {
        "engine_rate": engine_rate,
        "batch_rate": batch_rate,
        "logic_rate": logic_rate,
        "distinct": distinct,
        "cases": len(cases),
    }


def million(env: dict[str, str], cases: list[dict[str, Any]]) -> dict[str, float]:
    """Peak RSS of the batch command on 1,000,000 lines, against 10,000."""
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for count in (10_000, 1_000_000):
            path = Path(folder) / f"{count}.jsonl"
            with path.open("wb") as out:
                for case in itertools.islice(itertools.cycle(cases), count):
                    out.write(json.dumps(case).encode() + b"\n")
            start = time.perf_counter()
            rss = peak_rss([*etikcheck_cmd(), "batch", "--input", str(path)], env)
            results[count] = (time.perf_counter() - start, rss)
    return {
        "small_rss": results[10_000][1],
        "large_rss": results[1_000_000][1],
        "large_s": results[1_000_000][0],
    }


def lint_times(folder: Path) -> dict[str, float]:
    """`rules lint` on a 3,000-rule pack and on a 60-question topic (issue: within 10 s)."""
    from etikcheck.packs.lint import lint_path

    minimal = Path(__file__).resolve().parents[1] / "tests/fixtures/packs/minimal/pack.yaml"
    head = minimal.read_text(encoding="utf-8").split("\nrules:")[0]
    text = {"sv": "T", "da": "T", "en": "T"}
    many = [
        {"id": f"r{i}", "when": {"is": {"lawful": "no"}}, "verdict": "reconsider", "message": text}
        for i in range(3000)
    ]
    wide = {
        "id": "wide",
        "title": text,
        "description": text,
        "guidance": text,
        "questions": [{"id": f"wide.q{i}", "text": text} for i in range(60)],
        "rules": [
            {
                "id": "w",
                "when": {"is": {"wide.q0": "no"}},
                "verdict": "seek_advice",
                "message": text,
            }
        ],
    }
    times = {}
    for name, extra in (
        ("rules_3000", json.dumps({"rules": many})[1:-1]),
        ("topic_60", "topics: " + json.dumps([wide])),
    ):
        pack_dir = folder / name
        pack_dir.mkdir()
        (pack_dir / "pack.yaml").write_text(f"{head}\n{extra}\n", encoding="utf-8")
        start = time.perf_counter()
        lint_path(pack_dir)
        times[name] = time.perf_counter() - start
    return times


def verdict_word(met: bool) -> str:
    return "met" if met else "**not met**"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--million", action="store_true", help="also run 1,000,000 batch lines")
    parser.add_argument("--write", type=Path, help="also write the table to this Markdown file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "HOME": home,
            "XDG_CACHE_HOME": f"{home}/cache",
            "ETIKCHECK_CONFIG_DIR": f"{home}/config",
            "ETIKCHECK_DATA_DIR": f"{home}/data",
            "LANG": "C.UTF-8",
        }
        cold = cold_start(args.runs, env)
        first = first_question(max(5, args.runs // 2), env)
        pack = packs.load("aalborg")
        cases = make_cases(pack, args.cases)
        rates = throughput(pack, cases, Path(home) / "cache2")
        survey = [
            {"council": pack.id, "answers": dict(zip(CORE_QUESTIONS, combo, strict=True))}
            for combo in itertools.product(ANSWERS, repeat=4)
        ]
        # 10x the lines: the one-time cost of loading the pack is then a small part of the time
        repeated_cases = list(itertools.islice(itertools.cycle(survey), args.cases * 10))
        repeated = throughput(pack, repeated_cases, Path(home) / "cache3")
        big = million(env, cases) if args.million else None
        linted = lint_times(Path(home))
    ratio_engine = rates["engine_rate"] / rates["logic_rate"]
    ratio_batch = rates["batch_rate"] / rates["logic_rate"]
    rows = [
        ("`check --json`, one case (median wall time)", f"{cold['check_ms']:.1f} ms", ""),
        ('`python -c "import typer"` (median wall time)', f"{cold['typer_ms']:.1f} ms", ""),
        (
            "ratio check / import typer",
            f"{cold['ratio']:.2f}x",
            f"≤ 1.25x {verdict_word(cold['ratio'] <= 1.25)}",
        ),
        (
            "peak RSS of `check --json`",
            f"{cold['rss_mib']:.1f} MiB",
            f"≤ 30 MiB {verdict_word(cold['rss_mib'] <= 30)}",
        ),
        ("interview: spawn to first question (pty, median)", f"{first['first_ms']:.1f} ms", ""),
        ('`python -c "import typer, questionary"` (median)', f"{first['base_ms']:.1f} ms", ""),
        (
            "ratio first question / import typer, questionary",
            f"{first['ratio']:.2f}x",
            "(reported)",
        ),
        ("json-logic-qubit, same rules and cases", f"{rates['logic_rate']:,.0f} cases/s", ""),
        (
            "etikcheck engine, every case evaluated",
            f"{rates['engine_rate']:,.0f} cases/s",
            f"{ratio_engine:.0f}x json-logic",
        ),
        (
            "etikcheck `batch` (parse, evaluate, serialize)",
            f"{rates['batch_rate']:,.0f} cases/s",
            f"{ratio_batch:.0f}x json-logic; ≥ 100x {verdict_word(ratio_batch >= 100)}",
        ),
        (
            f"survey-like input ({repeated['cases']:,} lines, the 81 core combinations "
            "repeated): json-logic",
            f"{repeated['logic_rate']:,.0f} cases/s",
            "",
        ),
        (
            "survey-like input: etikcheck `batch`",
            f"{repeated['batch_rate']:,.0f} cases/s",
            f"{repeated['batch_rate'] / repeated['logic_rate']:.0f}x json-logic; ≥ 100x "
            + verdict_word(repeated["batch_rate"] / repeated["logic_rate"] >= 100),
        ),
    ]
    if big is not None:
        rows += [
            ("`batch` peak RSS, 10,000 lines", f"{big['small_rss']:.1f} MiB", ""),
            (
                "`batch` peak RSS, 1,000,000 lines",
                f"{big['large_rss']:.1f} MiB",
                f"{big['large_s']:.1f} s; flat: "
                + verdict_word(big["large_rss"] < big["small_rss"] * 1.2),
            ),
        ]
    rows += [
        (
            "`rules lint`, a 3,000-rule pack",
            f"{linted['rules_3000']:.1f} s",
            f"≤ 10 s {verdict_word(linted['rules_3000'] <= 10)}",
        ),
        (
            "`rules lint`, a 60-question topic",
            f"{linted['topic_60']:.1f} s",
            f"≤ 10 s {verdict_word(linted['topic_60'] <= 10)}",
        ),
    ]
    table = ["| measure | value | budget / note |", "|---|---|---|"]
    table += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    notes = (
        f"\nMachine: {machine}. Cold starts: {args.runs} interleaved runs, median. Throughput: "
        f"{rates['cases']:,} random Aalborg checks ({rates['distinct']:,} distinct lines; half "
        "answer question 2 value by value, most name a topic), verdicts checked equal on all "
        "three sides. json-logic-qubit evaluates the pack's compiled rules translated to JSON "
        "Logic (one `or` of `and`s of `in` tests per rule); the batch command also parses each "
        "JSON line and serialises each full decision, and reuses the output of a line it has "
        "seen before (bounded memo).\n"
    )
    text = "\n".join(table) + "\n" + notes
    print(text)
    if args.write:
        args.write.write_text(
            "# Performance\n\nMeasured in one run by "
            "`python bench/run.py --million --write docs/performance.md`.\n\n" + text,
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
