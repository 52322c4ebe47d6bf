"""Benchmark etikcheck against the budgets in DESIGN.md and issue 16 (not part of the test suite).

Run: python bench/run.py            (the full run; writes docs/performance.md)
     python bench/run.py --quick    (smaller inputs, for development: under a minute; prints only)

Every comparison is measured in the same run, interleaved where it is wall time, so machine load
affects both sides. etikcheck runs as a whole process, the ``etikcheck`` console script (or
``python -m etikcheck`` where there is none) with this tree's ``src`` first on PYTHONPATH (so
the checkout is measured, not whatever is installed), with its config, data and cache in a
temporary folder; batch reads its input file on stdin and writes to a pipe that this script
drains. Peak RSS is each child's own (``os.wait4``). Needs the test extras
(pexpect, questionary) and ``pip install json-logic-qubit`` for the rules-engine comparison.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import json
import os
import platform
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from etikcheck import engine  # noqa: E402
from etikcheck.model import ABSENT, ANSWERS, CORE_QUESTIONS, SEVERITY, Pack, Rule  # noqa: E402
from etikcheck.packs import registry as packs  # noqa: E402

CASE = {
    "council": "aalborg",
    "answers": {"lawful": "yes", "values": "unsure", "ethical": "yes", "reputation": "yes"},
}


def _command() -> list[str]:
    """What a member runs: the console script next to this Python, run by this Python so that it
    imports this tree's ``src`` (first on PYTHONPATH); else ``python -m etikcheck``."""
    script = shutil.which("etikcheck", path=str(Path(sys.executable).parent))
    return [sys.executable, script] if script else [sys.executable, "-m", "etikcheck"]


ETIKCHECK = _command()
CHUNK = 256 * 1024  # as batch writes
PIPE_BYTES = 1024 * 1024  # as batch asks for

# the I/O floor: read each line, json.loads it, write as many bytes as batch wrote, in the same
# pieces and through as wide a pipe as batch (argv: bytes per line, bytes left over at the end,
# 1 to parse each line or 0 to only write: the pipe alone)
FLOOR = """
import fcntl, json, os, stat, sys
per, extra, parse = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
if stat.S_ISFIFO(os.fstat(1).st_mode):
    fcntl.fcntl(1, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
pad = b"x" * (per - 1) + b"\\n"
write, loads = sys.stdout.buffer.write, json.loads
pending, size = [], 0
for line in sys.stdin.buffer:
    if line.strip():
        if parse:
            loads(line)
        pending.append(pad)
        size += per
        if size >= CHUNK_BYTES:
            write(b"".join(pending))
            pending.clear()
            size = 0
pending.append(b"x" * extra)
write(b"".join(pending))
""".replace("CHUNK_BYTES", str(CHUNK)).replace("PIPE_BYTES", str(PIPE_BYTES))

# the interview's first screen in bare questionary: the same two lines and the same text prompt
BARE = """
import json, sys
import questionary
texts = json.loads(open(sys.argv[1], encoding="utf-8").read())
print("\\x1b[1m" + texts["app.title"] + "\\x1b[0m")
print("\\x1b[2m" + texts["app.intro"] + "\\x1b[0m")
questionary.text(texts["prompt.situation"], instruction=texts["hint.situation"]).unsafe_ask()
"""
CPR_REQUEST = "\x1b[6n"  # prompt_toolkit asks where the cursor is; a terminal answers
CPR_ANSWER = "\x1b[1;1R"


class Child:
    """One finished child process: wall time, exit code, peak RSS, what it wrote."""

    def __init__(self, seconds: float, code: int, rss_mib: float, out: int, lines: int) -> None:
        self.seconds, self.code, self.rss_mib = seconds, code, rss_mib
        self.out_bytes, self.out_lines = out, lines


# Runs a command and writes its wall time, exit code and peak RSS to a file. The bench starts
# commands through it: a child forked from the bench itself would count the bench's own pages
# (shared until it execs) in its peak RSS, while this wrapper is small.
WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[2:])
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(sys.argv[1], "w") as out:
    out.write(f"{seconds} {code} {peak}")
"""


def run_child(cmd: list[str], stdin: Path | bytes, env: dict[str, str]) -> Child:
    """Run ``cmd`` with ``stdin`` (a file, or bytes through a pipe), drain its stdout pipe,
    and take its wall time (spawn to exit) and its own peak RSS from the wrapper."""
    buffer = bytearray(1 << 20)
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as report:
        handle = stdin.open("rb") if isinstance(stdin, Path) else subprocess.PIPE
        wrapped = [sys.executable, "-c", WRAPPER, report.name, *cmd]
        proc = subprocess.Popen(wrapped, stdin=handle, stdout=subprocess.PIPE, stderr=err, env=env)
        if isinstance(stdin, bytes):
            assert proc.stdin is not None
            proc.stdin.write(stdin)
            proc.stdin.close()
        assert proc.stdout is not None
        out = lines = 0
        while count := proc.stdout.readinto(buffer):
            out += count
            lines += buffer.count(b"\n", 0, count)
        proc.wait()
        proc.stdout.close()
        if not isinstance(handle, int):
            handle.close()
        seconds, code, peak = report.read().split()
        if int(code) != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed ({code}): {err.read().decode()[-2000:]}")
    return Child(float(seconds), int(code), int(peak) / 1024, out, lines)


def cold_start(runs: int, env: dict[str, str]) -> dict[str, float]:
    """``check --json`` on one case against ``python -c "import json"``: paired, medians."""
    check = [*ETIKCHECK, "check", "--json"]
    floor = [sys.executable, "-c", "import json"]
    stdin = json.dumps(CASE).encode()
    run_child(check, stdin, env)  # fill the compiled-pack cache and the OS file cache
    ours, base = [], []
    for _ in range(runs):
        ours.append(run_child(check, stdin, env))
        base.append(run_child(floor, b"", env))
    return {
        "check_ms": statistics.median(c.seconds for c in ours) * 1000,
        "floor_ms": statistics.median(c.seconds for c in base) * 1000,
        "ratio": statistics.median(c.seconds for c in ours)
        / statistics.median(c.seconds for c in base),
        "rss_mib": max(c.rss_mib for c in ours),
        "floor_rss_mib": max(c.rss_mib for c in base),
    }


def _to_first_question(cmd: list[str], env: dict[str, str]) -> float:
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(cmd[0], cmd[1:], env=env, encoding="utf-8", timeout=30)
    child.delaybeforesend = None
    while child.expect_exact([CPR_REQUEST, "Briefly describe"]) == 0:
        child.send(CPR_ANSWER)
    elapsed = time.perf_counter() - start
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    return elapsed


def first_question(runs: int, env: dict[str, str]) -> dict[str, Any]:
    """Spawn to the first question on screen in a pty, against the same screen in bare
    questionary; the first pair warms the caches."""
    ours_cmd = [*ETIKCHECK, "--council", "aarhus", "--lang", "en"]
    bare_cmd = [sys.executable, "-c", BARE, str(ROOT / "translations" / "en.json")]
    ours, base = [], []
    for i in range(runs + 1):
        a = _to_first_question(ours_cmd, env)
        b = _to_first_question(bare_cmd, env)
        if i:
            ours.append(a)
            base.append(b)
    return {
        "first_ms": statistics.median(ours) * 1000,
        "base_ms": statistics.median(base) * 1000,
        "ratio": statistics.median(ours) / statistics.median(base),
        "imports_beyond": imports_beyond_questionary(env),
    }


INTERVIEW_PATH = (
    "import etikcheck.cli.main, etikcheck.cli.interview, etikcheck.interview.run, "
    "etikcheck.packs.cache, questionary"
)


def imports_beyond_questionary(env: dict[str, str]) -> list[tuple[str, int]]:
    """The modules the interview imports before its first question that bare questionary does
    not, with their own import time in µs (``-X importtime``), the dearest first."""

    def self_times(code: str) -> dict[str, int]:
        run = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        times = {}
        for line in run.stderr.splitlines():
            if line.startswith("import time:") and "self [us]" not in line:
                own, _, name = line.removeprefix("import time:").split("|")
                times[name.strip()] = int(own)
        return times

    ours, bare = self_times(INTERVIEW_PATH), self_times("import questionary")
    beyond = [(name, us) for name, us in ours.items() if name not in bare]
    return sorted(beyond, key=lambda item: -item[1])


# -- the batch workloads ---------------------------------------------------------------------


def make_cases(
    pack: Pack, count: int, seed: int = 7, topic_and_items: bool = False
) -> list[dict[str, Any]]:
    """Random checks over the pack's answer space: direct or item-wise values, topics (with
    ``topic_and_items``, always a topic and always value by value)."""
    rng = random.Random(seed)
    items = [q.id for q in pack.value_questions()]
    topic_ids = [None, *pack.topics]
    cases = []
    for _ in range(count):
        answers = {q: rng.choice(ANSWERS) for q in CORE_QUESTIONS}
        if topic_and_items or rng.random() < 0.5:
            del answers["values"]
            answers |= {q: rng.choice(ANSWERS) for q in items}
        topic = rng.choice(list(pack.topics) if topic_and_items else topic_ids)
        case: dict[str, Any] = {"council": pack.id, "answers": answers}
        if topic:
            case["topic"] = topic
            answers |= {q: rng.choice(ANSWERS) for q in pack.topics[topic].questions}
        cases.append(case)
    return cases


def workloads(cases: int, lines: int, survey_lines: int) -> dict[str, tuple[str, list[Any], int]]:
    """name -> (description, the cycle of cases, lines): the cases are repeated to ``lines``."""
    loaded = [packs.load(council) for council in packs.bundled_ids()]
    aalborg = packs.load("aalborg")
    survey = [
        {"council": pack.id, "answers": dict(zip(CORE_QUESTIONS, combo, strict=True))}
        for pack in loaded
        for combo in itertools.product(ANSWERS, repeat=4)
    ]
    random_cases = make_cases(aalborg, cases)
    per_pack = [make_cases(p, cases // len(loaded), topic_and_items=True) for p in loaded]
    mixed = [case for group in zip(*per_pack, strict=True) for case in group]
    return {
        "survey": (
            f"survey-like: the 81 core combinations × {len(loaded)} councils, repeated",
            survey,
            survey_lines,
        ),
        "random": (
            f"random: {cases:,} random Aalborg checks (`make_cases`), repeated",
            random_cases,
            lines,
        ),
        "topic_items": (
            f"topic plus value items: {len(mixed):,} random checks over the three councils, "
            "each with a topic and question 2 value by value, repeated",
            mixed,
            lines,
        ),
        "situation": (
            "unique situation: the random checks, each line with a situation of its own",
            random_cases,
            lines,
        ),
    }


def write_input(path: Path, name: str, cycle: list[dict[str, Any]], count: int) -> None:
    with path.open("wb") as out:
        for number, case in enumerate(itertools.islice(itertools.cycle(cycle), count)):
            if name == "situation":
                case = {**case, "situation": f"Situation {number}: an offer from a supplier"}
            out.write(json.dumps(case, ensure_ascii=False).encode() + b"\n")


def json_logic_rule(rule: Rule) -> dict[str, Any]:
    """The rule's compiled condition (DNF) as JSON Logic; question ids become flat var names."""

    def var(question: str) -> dict[str, Any]:
        return {"var": [question.replace(".", "__"), ABSENT]}

    terms = [
        {"and": [{"in": [var(q), sorted(allowed)]} for q, allowed in term]} if term else True
        for term in rule.when
    ]
    return {"or": terms} if terms else False


def json_logic_rate(cases: list[dict[str, Any]]) -> float:
    """json-logic-qubit on the same packs' compiled rules, translated, per case (cases/s);
    its verdicts are checked against etikcheck's engine."""
    from json_logic import jsonLogic

    tables: dict[str, dict[str | None, list[tuple[Any, str]]]] = {}
    loaded: dict[str, Pack] = {}
    for council in {c["council"] for c in cases}:
        pack = loaded[council] = packs.load(council)
        base = [(json_logic_rule(r), r.verdict) for r in pack.rules]
        tables[council] = {None: base}
        for tid, topic in pack.topics.items():
            tables[council][tid] = base + [(json_logic_rule(r), r.verdict) for r in topic.rules]
    start = time.perf_counter()
    theirs = []
    for case in cases:
        pack = loaded[case["council"]]
        normalized, _ = engine.normalize(pack, case["answers"], case.get("topic"))
        data = {q.replace(".", "__"): a for q, a in normalized.items()}
        logic = tables[case["council"]][case.get("topic")]
        fired = [v for rule, v in logic if jsonLogic(rule, data)]
        theirs.append(max(fired, key=SEVERITY.__getitem__) if fired else "seek_advice")
    rate = len(cases) / (time.perf_counter() - start)
    ours = [
        engine.evaluate(loaded[c["council"]], c["answers"], c.get("topic")).verdict for c in cases
    ]
    if ours != theirs:
        raise SystemExit("json-logic and etikcheck disagree: the translation is wrong")
    return rate


def batch_workload(
    path: Path, lines: int, env: dict[str, str], pairs: int
) -> dict[str, float | int]:
    """Batch as a whole process into a pipe, against the I/O floor, interleaved; medians."""
    ours, floors, pipes = [], [], []
    for _ in range(pairs):
        child = run_child([*ETIKCHECK, "batch"], path, env)
        if child.out_lines != lines or child.code != 0:
            raise SystemExit(f"batch wrote {child.out_lines:,} lines for {lines:,}")
        ours.append(child)
        per, extra = divmod(child.out_bytes, lines)
        floor = [sys.executable, "-c", FLOOR, str(per), str(extra)]
        floors.append(run_child([*floor, "1"], path, env))
        pipes.append(run_child([*floor, "0"], path, env))
        if not floors[-1].out_bytes == pipes[-1].out_bytes == child.out_bytes:
            raise SystemExit("the floor did not write what batch wrote")
    seconds = statistics.median(c.seconds for c in ours)
    floor_seconds = statistics.median(c.seconds for c in floors)
    return {
        "pipe_rate": lines / statistics.median(c.seconds for c in pipes),
        "lines": lines,
        "seconds": seconds,
        "rate": lines / seconds,
        "floor_rate": lines / floor_seconds,
        "rss_mib": max(c.rss_mib for c in ours),
        "floor_rss_mib": max(c.rss_mib for c in floors),
        "out_bytes": ours[0].out_bytes,
    }


def profile_batch(path: Path, lines: int, home: Path, top: int = 12) -> dict[str, Any]:
    """cProfile of batch in-process on the first ``lines`` lines of ``path`` (output thrown
    away through a binary stream): where a run's time goes."""
    from etikcheck.cli.batch import run_batch
    from etikcheck.cli.parse import parse
    from etikcheck.environment import Environment

    with path.open("rb") as handle:
        data = b"".join(itertools.islice(handle, lines))
    folder = home / "profile"
    sink = io.TextIOWrapper(open(os.devnull, "wb"), encoding="utf-8")  # noqa: SIM115
    env = Environment(
        stdout=sink,
        stderr=io.StringIO(),
        stdin_isatty=False,
        environ={},
        cache_dir=folder,
        config_dir=folder,
        data_dir=folder,
    )
    profiler = cProfile.Profile()
    profiler.runcall(run_batch, io.BytesIO(data), env, parse(["batch"]))
    sink.close()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("tottime").print_stats(top)
    body = text.getvalue()
    start = body.find("   ncalls")
    table = body[start:].rstrip().replace(str(ROOT) + "/", "")
    for prefix in {sys.prefix, sys.base_prefix}:
        table = table.replace(prefix, "<python>")
    total = stats.total_tt  # type: ignore[attr-defined]
    cumulative = {
        f"{Path(file).name}:{name}": (calls, ct)
        for (file, _, name), (_, calls, _, ct, _) in stats.stats.items()  # type: ignore[attr-defined]
    }
    shares = {
        "evaluate": cumulative.get("engine.py:evaluate", (0, 0.0)),
        "counterfactuals": cumulative.get("engine.py:counterfactuals", (0, 0.0)),
        "entry": cumulative.get("batch_memo.py:entry", (0, 0.0)),
        "view": cumulative.get("views.py:decision_json", (0, 0.0)),
    }
    return {"table": table, "total": total, "shares": shares, "lines": lines}


def lint_times(folder: Path) -> dict[str, float]:
    """`rules lint` on a 3,000-rule pack and on a 60-question topic (issue: within 10 s)."""
    from etikcheck.packs.lint import lint_path

    minimal = ROOT / "tests/fixtures/packs/minimal/pack.yaml"
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


def met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _machine() -> str:
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()} "
        f"({platform.python_implementation()}), {platform.system()} {platform.release()}"
        f" ({platform.freedesktop_os_release().get('PRETTY_NAME', '')})"
        if hasattr(platform, "freedesktop_os_release")
        else f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs; writes nothing")
    parser.add_argument("--runs", type=int, help="cold-start pairs (default 21, quick 7)")
    parser.add_argument("--pairs", type=int, default=1, help="batch/floor pairs per workload")
    parser.add_argument(
        "--write", type=Path, help="the Markdown file (default for a full run: docs/performance.md)"
    )
    args = parser.parse_args()
    quick = args.quick
    runs = args.runs or (7 if quick else 21)
    cases, lines, survey_lines = (3_000, 60_000, 30_000) if quick else (20_000, 1_000_000, 300_000)
    write = args.write or (None if quick else ROOT / "docs" / "performance.md")
    command = "python bench/run.py" + (" --quick" if quick else "")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        env = {
            **os.environ,
            "HOME": str(home),
            "PYTHONPATH": os.pathsep.join(
                p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p
            ),
            "XDG_CACHE_HOME": f"{home}/cache",
            "ETIKCHECK_CONFIG_DIR": f"{home}/config",
            "ETIKCHECK_DATA_DIR": f"{home}/data",
            "ETIKCHECK_CACHE_DIR": f"{home}/etikcheck-cache",
            "LANG": "C.UTF-8",
        }
        for variable in ("LC_ALL", "LC_MESSAGES", "COLUMNS"):
            env.pop(variable, None)
        cold = cold_start(runs, env)
        print(f"cold start: {cold}", file=sys.stderr)
        first = first_question(max(5, runs // 2), env)
        print(f"first question: {first}", file=sys.stderr)
        results: dict[str, dict[str, Any]] = {}
        for name, (what, cycle, count) in workloads(cases, lines, survey_lines).items():
            path = home / f"{name}.jsonl"
            write_input(path, name, cycle, count)
            result = batch_workload(path, count, env, args.pairs)
            with path.open("rb") as handle:
                sample = [json.loads(line) for line in itertools.islice(handle, cases // 4)]
            for case in sample:
                case.pop("situation", None)
            result["logic_rate"] = json_logic_rate(sample)
            result["what"] = what
            result["distinct"] = len({json.dumps(case, sort_keys=True) for case in cycle})
            if name == "random":
                result["profile"] = profile_batch(path, min(count, 2 * cases), home)
            path.unlink()
            results[name] = result
            print(
                f"{name}: { {k: v for k, v in result.items() if k != 'profile'} }", file=sys.stderr
            )
        linted = lint_times(home)
    elapsed = time.perf_counter() - started

    rows: list[tuple[str, str, str, str, str, str]] = [
        (
            "`check --json`, one case: spawn to exit (median)",
            f"{cold['check_ms']:.1f} ms",
            f'`python -c "import json"` {cold["floor_ms"]:.1f} ms',
            f"{cold['ratio']:.2f}×",
            "≤ 2.0×",
            met(cold["ratio"] <= 2.0),
        ),
        (
            "`check --json`, peak RSS",
            f"{cold['rss_mib']:.1f} MiB",
            f'`python -c "import json"` {cold["floor_rss_mib"]:.1f} MiB',
            f"{cold['rss_mib'] / cold['floor_rss_mib']:.2f}×",
            "≤ 15 MiB",
            met(cold["rss_mib"] <= 15),
        ),
        (
            "interview: spawn to first question (pty, median)",
            f"{first['first_ms']:.1f} ms",
            f"the same screen in bare questionary {first['base_ms']:.1f} ms",
            f"{first['ratio']:.2f}×",
            "≤ 1.1×",
            met(first["ratio"] <= 1.1),
        ),
    ]
    million = lines >= 1_000_000
    for name, r in results.items():
        label = {
            "survey": "survey-like",
            "random": "random",
            "topic_items": "topic plus value items",
            "situation": "unique situation",
        }[name]
        logic_ratio = r["rate"] / r["logic_rate"]
        rows.append(
            (
                f"batch, {label} ({r['lines']:,} lines): lines/s, vs json-logic-qubit",
                f"{r['rate']:,.0f} lines/s ({r['seconds']:.2f} s)",
                f"json-logic-qubit {r['logic_rate']:,.0f} cases/s",
                f"{logic_ratio:,.0f}×",
                "≥ 100×" if name == "survey" else "(reported)",
                met(logic_ratio >= 100) if name == "survey" else "",
            )
        )
        pipe_ratio = r["pipe_rate"] / r["logic_rate"]
        rows.append(
            (
                f"batch, {label}: the pipe alone (writing the same bytes, nothing parsed)",
                f"{r['pipe_rate']:,.0f} lines/s",
                f"json-logic-qubit {r['logic_rate']:,.0f} cases/s",
                f"{pipe_ratio:,.0f}×",
                "(the ceiling of any batch through a pipe)",
                "",
            )
        )
        floor_ratio = r["rate"] / r["floor_rate"]
        rows.append(
            (
                f"batch, {label}: vs the I/O floor",
                f"{r['rate']:,.0f} lines/s, {r['out_bytes'] / r['lines']:,.0f} B a line out",
                f"json.loads + write {r['floor_rate']:,.0f} lines/s",
                f"{floor_ratio:.2f}×",
                "≥ 0.5× (DESIGN)",
                met(floor_ratio >= 0.5),
            )
        )
        if name == "random":
            rows.append(
                (
                    f"batch, random: the whole run ({r['lines']:,} lines)",
                    f"{r['seconds']:.2f} s",
                    f"the floor {r['lines'] / r['floor_rate']:.2f} s",
                    f"{r['rate'] / r['floor_rate']:.2f}×",
                    "< 5 s (1M lines)",
                    met(r["seconds"] < 5) if million else "(quick run)",
                )
            )
        rows.append(
            (
                f"batch, {label}: peak RSS",
                f"{r['rss_mib']:.1f} MiB",
                f"the floor {r['floor_rss_mib']:.1f} MiB",
                f"{r['rss_mib'] / r['floor_rss_mib']:.2f}×",
                "≤ 40 MiB" + (" (1M lines)" if name != "survey" else ""),
                met(r["rss_mib"] <= 40),
            )
        )
    rows += [
        (
            "`rules lint`, a 3,000-rule pack",
            f"{linted['rules_3000']:.1f} s",
            "",
            "",
            "≤ 10 s",
            met(linted["rules_3000"] <= 10),
        ),
        (
            "`rules lint`, a 60-question topic",
            f"{linted['topic_60']:.1f} s",
            "",
            "",
            "≤ 10 s",
            met(linted["topic_60"] <= 10),
        ),
    ]
    table = ["| what | measured | floor | ratio | goal | met? |", "|---|---|---|---|---|---|"]
    table += ["| " + " | ".join(row) + " |" for row in rows]
    workloads_text = "\n".join(f"- {r['what']}." for r in results.values())
    notes = f"""
Machine: {_machine()}; load average {os.getloadavg()[0]:.1f} at the end (the machine is
shared: each comparison is measured in the same run, interleaved). Command: `{command}`
({elapsed:.0f} s). etikcheck runs as `{" ".join(Path(p).name for p in ETIKCHECK)}` with this
tree's `src` on PYTHONPATH; its pack cache is warmed by one run first.

- Cold start: {runs} interleaved pairs of `check --json` (one case on stdin) and
  `python -c "import json"`, medians; peak RSS is the largest of the runs (`os.wait4`).
- Interview: {max(5, runs // 2)} interleaved pairs in a pty (pexpect, `delaybeforesend=None`,
  the terminal's cursor-position request answered), from spawn to "Briefly describe" on screen;
  the bare side prints the same title and intro and asks the same `questionary.text`.
- Batch: one process per workload (`--pairs {args.pairs}`), its input file on stdin, its
  output into a pipe drained by the bench in 1 MiB reads; the I/O floor is a Python process that
  reads the same lines, `json.loads` each, and writes as many bytes as batch did, in the same
  {CHUNK // 1024} KiB pieces. json-logic-qubit evaluates the same packs' compiled rules translated
  to JSON Logic (one `or` of `and`s of `in` tests per rule) on the first {cases // 4:,} cases of
  the workload, in-process, verdicts only: it neither parses lines nor writes decisions.
{workloads_text}

Where the time of the random run goes (cProfile of batch in-process on its first
{2 * cases:,} lines, by own time):

```text
{results["random"]["profile"]["table"]}
```
{standing_in_the_way(results, cold, first)}"""
    text = "\n".join(table) + "\n" + notes
    print(text)
    if write is not None:
        write.write_text(
            f"# Performance\n\nMeasured in one run by `{command}` (it writes this file).\n\n"
            + text
            + PERFORMANCE_NOTES,
            encoding="utf-8",
        )


def standing_in_the_way(
    results: dict[str, dict[str, Any]], cold: dict[str, float], first: dict[str, Any]
) -> str:
    """What stands in the way of each goal not met, in numbers from this run."""
    notes = []
    survey = results["survey"]
    if survey["rate"] / survey["logic_rate"] < 100:
        notes.append(
            f"- Survey-like at {survey['rate'] / survey['logic_rate']:.0f}× json-logic-qubit: "
            f"{survey['out_bytes'] / survey['lines']:,.0f} bytes a line must cross the pipe, and "
            f"a process that only writes those bytes reaches {survey['pipe_rate']:,.0f} lines/s "
            f"({survey['pipe_rate'] / survey['logic_rate']:.0f}× json-logic-qubit); batch runs at "
            f"{survey['rate'] / survey['pipe_rate']:.2f}× of that. Every line is a memo hit by its "
            "exact bytes (no parsing); what is left is moving the output."
        )
    random_run = results["random"]
    profile = random_run["profile"]
    calls, seconds = profile["shares"]["evaluate"]
    _, counter = profile["shares"]["counterfactuals"]
    _, entry = profile["shares"]["entry"]
    _, view = profile["shares"]["view"]
    if random_run["lines"] >= 1_000_000 and random_run["seconds"] >= 5:
        notes.append(
            f"- The random run takes {random_run['seconds']:.1f} s: the pipe alone needs "
            f"{random_run['lines'] / random_run['pipe_rate']:.1f} s for its "
            f"{random_run['out_bytes'] / 1e9:.1f} GB and the I/O floor (parsing each line and "
            f"writing those bytes) {random_run['lines'] / random_run['floor_rate']:.1f} s, so "
            "5 s is below what any process moving this output through a pipe takes here; each "
            "of the distinct requests is "
            f"evaluated once: in the profile {calls:,} evaluations of {profile['lines']:,} lines "
            f"take {seconds / profile['total']:.0%} of the time ({counter / profile['total']:.0%} "
            f"in the counterfactuals, which re-run the rules for every other answer to every "
            f"question), the view {view / profile['total']:.0%} and writing the memo's parts "
            f"{entry / profile['total']:.0%}."
        )
    why = {
        "random": "the first evaluation of each distinct request (as above)",
        "topic_items": (
            "the first evaluation of each distinct request, dearer here (with a topic and every "
            "value answered there are more counterfactuals to try), and the exact-line map, "
            "bounded to keep memory flat, holds only part of its lines, so the rest are parsed "
            "before their request is looked up"
        ),
        "situation": (
            "the first evaluations (as in the random run, whose lines these are), and on every "
            "line finding the situation in the bytes and taking it out before the look-up "
            "(a few µs a line, where the floor only parses)"
        ),
        "survey": "moving the output (above)",
    }
    for name, result in results.items():
        if result["rate"] / result["floor_rate"] < 0.5:
            notes.append(
                f"- {name}: {result['rate'] / result['floor_rate']:.2f}× the I/O floor, with "
                f"{result['distinct']:,} distinct requests: {why[name]}."
            )
    if cold["ratio"] > 2.0 or cold["rss_mib"] > 15:
        notes.append(
            "- `check --json`'s cold start and peak RSS are what the check path imports and "
            "builds before it reads its input (issue 16, part 1): "
            "`python -X importtime -m etikcheck check --json` shows each module's cost."
        )
    if first["ratio"] > 1.1:
        extra = first.get("imports_beyond") or []
        total = sum(us for _, us in extra) / 1000
        shown = ", ".join(f"{name} {us / 1000:.1f}" for name, us in extra[:12])
        notes.append(
            "- The interview's first question: nothing from the result (rich) is imported before "
            "it, but what it needs costs more than bare questionary: the modules the interview "
            f"imports beyond questionary's take {total:.1f} ms of import time (self, ms, "
            f"`python -X importtime`): {shown}; then the settings and the cached pack are "
            "read. pathlib (with urllib.parse and ipaddress, which Python 3.11's pathlib "
            "imports) is the largest single piece; it is the paths' type across the code."
        )
    if not notes:
        return ""
    return "\nWhat stands in the way of the goals not met:\n\n" + "\n".join(notes) + "\n"


PERFORMANCE_NOTES = """
## Reading the batch numbers

A decision is about 3-6 KB of JSON, so batch output is mostly bytes to move: a million lines are
several GB through the pipe, and the I/O floor (which parses each line and writes the same bytes)
is what batch is held against. Batch keeps each decision's output bytes in a memo keyed on the
normalised request (`src/etikcheck/cli/batch_memo.py`), so a line that asks again costs a
look-up: by its exact bytes before parsing, or by council (after its aliases), language, topic
and sorted answers after parsing, for a line with a situation or id of its own. A decision not
in the memo is evaluated by the engine, whose counterfactuals (every single answer change that
would change the verdict) re-evaluate the rules for each alternative answer; on the random
workloads those few thousand first evaluations are most of the run, as the profile above shows.
"""


if __name__ == "__main__":
    main()
