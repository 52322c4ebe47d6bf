"""`etikcheck batch`: the same decisions as `check --json`, in order, streaming."""

from __future__ import annotations

import io
import itertools
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from etikcheck import engine
from etikcheck.cli import batch_memo
from etikcheck.cli.batch import run_batch
from etikcheck.cli.parse import parse
from etikcheck.environment import Environment
from etikcheck.model import ANSWERS, CORE_QUESTIONS
from etikcheck.output.escape import compact_json, json_text
from etikcheck.output.views import decision_json
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


def _expected(cli: RunCli, case: dict[str, object], fields: dict[str, object]) -> str:
    """What batch must write for ``case``: ``check --json`` for it (without batch's own id),
    on one line, after the line number and the id."""
    check_input = {k: v for k, v in case.items() if k != "id"}
    single = cli("check", "--json", stdin=json.dumps(check_input).encode())
    assert single.code == 0, single.stderr
    return json_text({**fields, **json.loads(single.stdout)}, indent=None)


def _fields(number: int, case: dict[str, object]) -> dict[str, object]:
    return {"line": number, "id": case["id"]} if "id" in case else {"line": number}


@pytest.fixture(params=["memo", "memo-emptied-often", "memo-always-empty"])
def memo_limit(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Batch with its memo as shipped, so small it is emptied every few decisions, and so small
    it is emptied on every entry: the output must not depend on what the memo holds."""
    limits = {"memo": None, "memo-emptied-often": 40_000, "memo-always-empty": 1}
    limit = limits[request.param]
    if limit is not None:
        monkeypatch.setattr(batch_memo, "MEMO_BYTES", limit)
        monkeypatch.setattr(batch_memo, "RAW_BYTES", limit // 2)
    return str(request.param)


def test_batch_equals_check_for_every_core_combination_and_topic(
    cli: RunCli, memo_limit: str
) -> None:
    cases = _inputs()
    assert len(cases) >= 81 * 3
    # every case twice, the second time with a situation and an id: the memoised path
    again = [{**c, "situation": f"case {n}", "id": n} for n, c in enumerate(cases)]
    lines = [json.dumps(c) for c in cases + again]
    result = cli("batch", stdin=("\n".join(lines) + "\n").encode())
    assert result.code == 0, result.stderr
    out = result.stdout.splitlines()
    assert len(out) == len(lines)
    for number, (case, line) in enumerate(zip(cases + again, out, strict=True), 1):
        # byte for byte: check --json on one line, after line and id
        assert line == _expected(cli, case, _fields(number, case))


AARHUS = {"council": "aarhus", "answers": dict(zip(CORE_QUESTIONS, ANSWERS * 2, strict=False))}
GIFTS = {
    "council": "aalborg",
    "topic": "gifts",
    "lang": "en",
    "answers": {
        "lawful": "yes",
        "ethical": "unsure",
        "reputation": "yes",
        "values.respekt-og-ligebehandling": "yes",
        "values.tillid": "no",
        "values.trovaerdighed": "yes",
        "gifts.interest": "no",
        "gifts.office": "unsure",
        "gifts.beyond-courtesy": "yes",
    },
}


def _reordered(case: dict[str, object]) -> dict[str, object]:
    answers = case["answers"]
    assert isinstance(answers, dict)
    return {**case, "answers": dict(reversed(answers.items()))}


MEMO_VARIANTS = [
    AARHUS,
    AARHUS,  # the same line again, byte for byte
    _reordered(AARHUS),  # the same request, answers in another order
    {**AARHUS, "council": "Århus"},  # an alias: the same pack
    {**AARHUS, "lang": "da"},  # the council's own language, named
    {**AARHUS, "situation": "A gift from a supplier, \u00e6\u00f8\u00e5 \u202e and \x1b[31m"},
    {**AARHUS, "situation": "Another one"},  # only the situation differs
    {**AARHUS, "situation": ""},
    {"situation": "first", **AARHUS},  # the situation before the answers
    {**AARHUS, "id": "resp-1"},
    {**AARHUS, "id": "resp-1"},  # the same line with its id again
    {**AARHUS, "id": 7},
    {**AARHUS, "id": 7.5},
    {**AARHUS, "id": "\u00c5rhus \u202e\u0085"},  # an id that must be escaped as check escapes
    {**_reordered(AARHUS), "council": "Århus", "situation": "x", "id": 8},
    GIFTS,
    _reordered(GIFTS),
    {**GIFTS, "council": "Aalborg Kommune", "id": "g"},
    {**GIFTS, "lang": "sv"},  # another language: another decision
    GIFTS,
    AARHUS,
]


def test_the_memo_gives_what_check_gives_for_every_way_of_asking_again(
    cli: RunCli, memo_limit: str
) -> None:
    lines = [json.dumps(case, ensure_ascii=False) for case in MEMO_VARIANTS]
    lines += [json.dumps(case) for case in MEMO_VARIANTS]  # and with \u escapes
    result = cli("batch", stdin=("\n".join(lines) + "\n").encode())
    assert result.code == 0, result.stderr
    out = result.stdout.splitlines()
    assert len(out) == len(lines)
    for number, (case, line) in enumerate(zip(MEMO_VARIANTS * 2, out, strict=True), 1):
        assert line == _expected(cli, case, _fields(number, case))


def test_a_line_that_differs_only_in_its_situation_is_still_read_as_a_whole(
    cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lines are looked up with their situation's text taken out; one whose situation JSON would
    refuse (a raw tab, bytes that are not UTF-8), or whose "situation" is not its own, gets the
    error it gets when nothing is remembered."""
    good = json.dumps({**AARHUS, "situation": "fine"}).encode()
    lines = [
        good,
        good.replace(b'"fine"', b'"a\ttab"'),
        good.replace(b'"fine"', b'"\xff\xfe"'),
        good.replace(b'"fine"', b'"other"'),
        good.replace(b'"fine"', b"null"),
        good.replace(b'"fine"', b"12"),
        json.dumps({**AARHUS, "answers": {"situation": "fine"}}).encode(),
        json.dumps({**AARHUS, "topic": "situation", "situation": "fine"}).encode(),
        good.replace(b"}", b', "situation": "twice"}', 1),  # a key in answers, then a duplicate
        good + b' "situation": "after the end"',
        good,
    ]
    stdin = b"\n".join(lines) + b"\n"
    remembered = cli("batch", stdin=stdin)
    monkeypatch.setattr(batch_memo, "MEMO_BYTES", 1)
    monkeypatch.setattr(batch_memo, "RAW_BYTES", 0)
    forgotten = cli("batch", stdin=stdin)
    assert remembered.stdout == forgotten.stdout
    assert remembered.stderr == forgotten.stderr
    out = [json.loads(line) for line in remembered.stdout.splitlines()]
    assert ["error" in o for o in out] == [
        False, True, True, False, False, True, True, True, True, True, False,
    ]  # fmt: skip
    assert out[1]["error"]["message"].startswith("invalid JSON at line 1")
    assert out[2]["error"]["message"].startswith("not UTF-8")


def test_batch_writes_bytes_to_the_binary_stream_as_to_a_text_one(
    cli: RunCli, tmp_path: Path
) -> None:
    stdin = "\n".join(json.dumps(c, ensure_ascii=False) for c in MEMO_VARIANTS).encode() + b"\n"
    binary = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    env = Environment(
        stdin=io.BytesIO(stdin),
        stdout=binary,
        stderr=io.StringIO(),
        stdin_isatty=False,
        environ={},
        cache_dir=tmp_path,
        config_dir=tmp_path,
        data_dir=tmp_path,
    )
    assert run_batch(env.stdin, env, parse(["batch"])) == 0
    binary.flush()
    written = binary.buffer.getvalue()  # type: ignore[attr-defined]
    assert written == cli("batch", stdin=stdin).stdout.encode()


def test_a_whole_batch_process_writes_what_check_writes(cli: RunCli, tmp_path: Path) -> None:
    """The real process, its stdout a pipe: the binary stream, as a script sees it."""
    stdin = "\n".join(json.dumps(c, ensure_ascii=False) for c in MEMO_VARIANTS).encode() + b"\n"
    src = Path(batch_memo.__file__).resolve().parents[2]
    environ = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")]),
        "ETIKCHECK_CONFIG_DIR": str(tmp_path / "config"),
        "ETIKCHECK_DATA_DIR": str(tmp_path / "data"),
        "ETIKCHECK_CACHE_DIR": str(tmp_path / "cache"),
        "LANG": "C.UTF-8",
    }
    environ.pop("LC_ALL", None)
    done = subprocess.run(
        [sys.executable, "-m", "etikcheck", "batch"],
        input=stdin,
        capture_output=True,
        env=environ,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    expected = [_expected(cli, c, _fields(n, c)) for n, c in enumerate(MEMO_VARIANTS, 1)]
    assert done.stdout.decode().splitlines() == expected


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
    assert [o["line"] for o in out] == [1, 2, 4, 5, 6, 7]  # the blank line 3 gives nothing
    assert [o.get("verdict") for o in out] == ["proceed", None, None, None, None, "proceed"]
    errors = {o["line"]: o["error"] for o in out if "error" in o}
    assert errors[2]["message"] == (
        "invalid JSON at line 1, column 2: Expecting property name enclosed in double quotes"
    )
    assert errors[4]["field"] == "council"
    assert errors[5]["field"] == "answers.lawful"
    assert errors[6]["field"] == "input"
    assert "etikcheck: line 5: answers.lawful: 'maybe' is not an answer" in result.stderr


GOOD = {"council": "aalborg", "answers": dict.fromkeys(CORE_QUESTIONS, "yes")}


def test_ids_are_echoed_and_every_line_carries_its_number(cli: RunCli) -> None:
    lines = [{**GOOD, "id": "a-1"}, {**GOOD, "id": 7}, GOOD, {**GOOD, "id": True}]
    stdin = "\n\n".join(json.dumps(line) for line in lines).encode()  # blank lines between
    result = cli("batch", stdin=stdin)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["line"], o.get("id")) for o in out] == [(1, "a-1"), (3, 7), (5, None), (7, None)]
    assert "id" not in out[2]
    assert out[3]["error"]["message"] == "id: must be text or a number"
    assert result.code == 2


def test_fail_on_exits_1_unless_a_line_was_bad(cli: RunCli) -> None:
    unsure = {**GOOD, "answers": {**GOOD["answers"], "lawful": "unsure"}}  # type: ignore[dict-item]
    stdin = f"{json.dumps(GOOD)}\n{json.dumps(unsure)}\n".encode()
    assert cli("batch", "--fail-on", "seek_advice", stdin=stdin).code == 1
    assert cli("batch", "--fail-on", "reconsider", stdin=stdin).code == 0
    assert cli("batch", "--fail-on", "seek_advice", stdin=stdin + b"{\n").code == 2


@pytest.mark.parametrize(
    ("bad", "field", "message"),
    [
        (b"[" * 50_000, "input", "nested deeper than 64 levels"),
        (b'{"answers": {"lawful": ' + b"1" * 5000 + b"}}", "input", "invalid JSON: Exceeds"),
        (b'{"council": "\\ud800"}', "council", "text with a lone surrogate"),
        (b'{"\\udfff": 1}', "\\udfff", "a key with a lone surrogate"),
        (b'{"answers": {"lawful": "no", "lawful": "yes"}}', "lawful", "duplicate key 'lawful'"),
        (b'{"council": "' + b"x" * 70_000 + b'"}', "input", "the line is longer than 64 KiB"),
        (b"\xff\xfe", "input", "not UTF-8 text"),
    ],
    ids=["deep", "huge-int", "surrogate-value", "surrogate-key", "duplicate", "long", "bytes"],
)
def test_a_hostile_line_gets_its_own_error_and_its_neighbours_are_evaluated(
    cli: RunCli, bad: bytes, field: str, message: str
) -> None:
    good = json.dumps(GOOD).encode()
    result = cli("batch", stdin=good + b"\n" + bad + b"\n" + good + b"\n")
    assert result.code == 2
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["line"] for o in out] == [1, 2, 3]
    assert out[0]["verdict"] == out[2]["verdict"] == "proceed"
    assert out[1]["error"]["field"] == field
    assert out[1]["error"]["message"].startswith(message)
    assert "Traceback" not in result.stderr


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
    def lines() -> io.BytesIO:  # every request distinct, so the memo keeps turning over
        data = b"".join(
            json.dumps(
                {
                    "council": "aalborg",
                    "answers": dict.fromkeys(CORE_QUESTIONS, a),
                    "topic": t,
                    "lang": lang,
                }
            ).encode()
            + b"\n"
            for a, t, lang in itertools.islice(
                itertools.cycle(
                    itertools.product(ANSWERS, [None, "gifts", "meetings"], ["sv", "da", "en"])
                ),
                count,
            )
        )
        return io.BytesIO(data)

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


@pytest.mark.parametrize(
    "value",
    [
        {"a": "æøå \u202e \x85 \x1b \x7f", "b": [1, 2.5, None, True]},
        "\ud800 lone",
        ["\u2066", {"k\u200e": "v"}],
    ],
    ids=["mixed", "surrogate", "bidi-key"],
)
def test_the_memo_encodes_each_piece_as_json_text_does(value: object) -> None:
    assert compact_json()(value) == json_text(value, indent=None)


def test_the_pieces_cut_from_one_text_are_the_pieces_written_one_by_one() -> None:
    for case in _inputs()[::7]:
        assert isinstance(case["council"], str)
        pack = packs.load(case["council"])
        answers, topic = case["answers"], case.get("topic")
        assert isinstance(answers, dict)
        assert topic is None or isinstance(topic, str)
        view = decision_json(engine.evaluate(pack, answers, topic), "sv")
        pieces = batch_memo.pieces(view)
        assert pieces == batch_memo.pieces_one_by_one(view)
        assert "".join(text for text, _ in pieces) == json_text(view, indent=None)[1:] + "\n"
        # a text holding the mark itself: written one by one, the same JSON
        strange = {**view, "guidance": "a \x00\x01\x02 b", "topic": "\x00\x01\x02"}
        assert "".join(t for t, _ in batch_memo.pieces(strange)) == (
            json_text(strange, indent=None)[1:] + "\n"
        )


def test_a_broken_lines_position_is_within_that_line(cli: RunCli) -> None:
    result = cli("batch", stdin=b'[[[\n{"a": }\r\n')
    assert result.code == 2
    assert result.stderr == (
        "etikcheck: line 1: invalid JSON at line 1, column 4: Expecting value\n"
        "etikcheck: line 2: invalid JSON at line 1, column 7: Expecting value\n"
    )
