"""`etikcheck batch`: the same decisions as `check --json`, in order, streaming."""

from __future__ import annotations

import io
import itertools
import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

from etikcheck.cli.batch import run_batch
from etikcheck.cli.parse import parse
from etikcheck.environment import Environment
from etikcheck.model import ANSWERS, CORE_QUESTIONS
from etikcheck.packs import registry as packs
from tests.conftest import FIXTURES, RunCli


def _inputs() -> list[dict[str, object]]:
    cases: list[dict[str, object]] = []
    for council in packs.bundled_ids():
        for combo in itertools.product(ANSWERS, repeat=4):
            cases.append(
                {"council": council, "answers": dict(zip(CORE_QUESTIONS, combo, strict=True))}
            )
        pack = packs.load(council)
        for topic in pack.topics.values():
            for answer in ANSWERS:
                answers = dict.fromkeys(CORE_QUESTIONS, "yes") | dict.fromkeys(
                    topic.questions, answer
                )
                cases.append(
                    {"council": council, "topic": topic.id, "answers": answers, "lang": "en"}
                )
        items = {q.id: "yes" for q in pack.value_questions()}
        cases.append(
            {
                "council": council,
                "answers": {"lawful": "yes", "ethical": "unsure", "reputation": "yes", **items},
            }
        )
    return cases


def test_batch_equals_check_for_every_core_combination_and_topic(cli: RunCli) -> None:
    cases = _inputs()
    assert len(cases) >= 81 * 3
    stdin = "".join(json.dumps(c) + "\n" for c in cases).encode()
    result = cli("batch", stdin=stdin)
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(cases)
    for case, line in zip(cases, lines, strict=True):
        single = cli("check", "--json", stdin=json.dumps(case).encode())
        assert json.loads(line) == json.loads(single.stdout)


def test_bad_lines_give_error_objects_and_the_rest_go_on(cli: RunCli, tmp_path: Path) -> None:
    good = {"council": "aarhus", "answers": dict.fromkeys(CORE_QUESTIONS, "yes")}
    lines = [
        json.dumps(good),
        "{not json",
        "",
        json.dumps({"council": "oslo", "answers": {}}),
        json.dumps({**good, "answers": {**good["answers"], "lawful": "maybe"}}),  # type: ignore[dict-item]
        "[1]",
        json.dumps(good),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("batch", "--input", str(path))
    assert result.code == 2
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(lines)
    assert [o.get("verdict") for o in out] == ["proceed", None, None, None, None, None, "proceed"]
    errors = {o["line"]: o["error"] for o in out if "error" in o}
    assert (
        errors[2]["message"]
        == "invalid JSON at column 2: Expecting property name enclosed in double quotes"
    )
    assert errors[3]["message"] == "empty line; expected one JSON object"
    assert errors[4]["field"] == "council"
    assert errors[5]["field"] == "answers.lawful"
    assert errors[6]["field"] == "input"
    assert "etikcheck: line 5: answers.lawful: 'maybe' is not an answer" in result.stderr


def test_batch_reports_a_broken_pack_with_exit_3(cli: RunCli) -> None:
    fixture = FIXTURES / "packs" / "unknown-contact"
    stdin = json.dumps({"answers": dict.fromkeys(CORE_QUESTIONS, "yes")}).encode() + b"\n"
    result = cli("batch", "--rules", str(fixture), stdin=stdin)
    assert result.code == 3
    assert json.loads(result.stdout)["error"]["kind"] == "pack"


def test_batch_usage_errors(cli: RunCli) -> None:
    assert cli("batch", "--input", "/nonexistent.jsonl").code == 2
    assert cli("batch", "--lang", "fi").code == 2
    assert cli("batch", "--help").stdout.startswith("Usage: etikcheck batch [OPTIONS]\n")


class _Sink(io.TextIOBase):
    def write(self, text: str) -> int:
        return len(text)


def _peak(count: int, cache: Path) -> int:
    answers = dict.fromkeys(CORE_QUESTIONS, "unsure")

    def lines() -> Iterator[bytes]:  # every line distinct, so the memo keeps turning over
        for n in range(count):
            case = {"council": "aalborg", "situation": f"case {n}", "answers": answers}
            yield json.dumps(case).encode() + b"\n"

    env = Environment(
        stdout=_Sink(),
        stderr=_Sink(),
        stdin_isatty=False,
        environ={},
        cache_dir=cache,
        config_dir=cache,
        data_dir=cache,
    )
    run_batch(lines(), env, parse(["batch"]))  # warm: packs, catalogs
    tracemalloc.start()
    run_batch(lines(), env, parse(["batch"]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_memory_stays_flat_as_the_input_grows(tmp_path: Path) -> None:
    small, large = _peak(1_100, tmp_path), _peak(3_300, tmp_path)
    assert large < small * 1.5 + 64 * 1024
