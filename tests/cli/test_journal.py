"""The journal: private, append-only, whole records under crashes and concurrent writers."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

from etikcheck.engine import evaluate
from etikcheck.model import CORE_QUESTIONS
from etikcheck.output.views import decision_json
from etikcheck.packs import registry as packs
from etikcheck.store import journal
from tests.conftest import RunCli


@cache
def _decision() -> dict[str, Any]:
    pack = packs.load("aarhus")
    return decision_json(evaluate(pack, dict.fromkeys(CORE_QUESTIONS, "yes")), "da")


def record(n: int, text: str = "") -> dict[str, Any]:
    """A complete record, as the interview saves it; ``decision.n`` tells the records apart."""
    return {
        "schema": "etikcheck.record/1",
        "saved_at": "2026-12-01T10:00:00+00:00",
        "situation": f"case {n} {text}",
        "questions": {},
        "decision": {**_decision(), "n": n},
    }


def test_append_creates_a_private_file(tmp_path: Path) -> None:
    path = tmp_path / "data" / "journal.jsonl"
    journal.append(path, record(1))
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert os.stat(path.parent).st_mode & 0o777 == 0o700
    entries, warnings = journal.read(path)
    assert [e.record["decision"]["n"] for e in entries] == [1]
    assert warnings == []


def test_a_torn_write_leaves_earlier_records_intact(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    for n in range(3):
        journal.append(path, record(n))
    with path.open("ab") as handle:  # a writer killed half-way through its line
        handle.write(json.dumps(record(99)).encode()[:25])
    journal.append(path, record(3))
    entries, warnings = journal.read(path)
    assert [e.record["decision"]["n"] for e in entries] == [0, 1, 2, 3]
    assert [w.render("en") for w in warnings] == [f"{path}: line 4 is damaged and was skipped"]
    assert warnings[0].render("sv") == f"{path}: rad 4 är skadad och har hoppats över"


def test_killed_writer_does_not_corrupt_earlier_records(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    for n in range(5):
        journal.append(path, record(n))
    before = path.read_bytes()
    script = (
        "import sys; from pathlib import Path; from etikcheck import journal\n"
        "path = Path(sys.argv[1])\n"
        "for n in range(10**6): journal.append(path, {'decision': {'n': n}, 'pad': 'x' * 5000})\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(path)])
    try:
        proc.wait(timeout=0.5)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert path.read_bytes().startswith(before)
    entries, _ = journal.read(path)
    assert [e.record["decision"]["n"] for e in entries[:5]] == [0, 1, 2, 3, 4]


def _writer(path: str, worker: int, count: int) -> None:
    for n in range(count):
        journal.append(Path(path), record(n, f"from {worker} " + "y" * 3000))


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    workers, count = 4, 40
    context = multiprocessing.get_context("spawn")
    procs = [context.Process(target=_writer, args=(str(path), w, count)) for w in range(workers)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(timeout=60)
        assert proc.exitcode == 0
    entries, warnings = journal.read(path)
    assert warnings == []
    assert len(entries) == workers * count
    seen = {(e.record["situation"].split()[3], e.record["decision"]["n"]) for e in entries}
    assert len(seen) == workers * count
    assert os.stat(path).st_mode & 0o777 == 0o600


def test_journal_commands(cli: RunCli, dirs: dict[str, Path]) -> None:
    assert cli("journal").stdout == "The journal is empty.\n"
    path = dirs["data"] / "journal.jsonl"
    decision = {
        "verdict": "seek_advice",
        "verdict_label": "Seek advice first",
        "next_step": "Ask.",
        "council": "aarhus",
        "council_name": "Aarhus Municipality",
        "lang": "en",
        "answers": {"lawful": "unsure"},
        "derived": [],
        "reasons": [],
        "actions": [],
        "referrals": [{"role": "Your group leader", "name": None}],
        "pack": {"id": "aarhus", "version": "1.0.0", "sha256": "0" * 64},
        "disclaimer": "A recommendation.",
    }
    journal.append(
        path,
        {
            "saved_at": "2026-01-01T10:00:00+00:00",
            "situation": "Dinner invite",
            "questions": {"lawful": "Is it legal?"},
            "decision": decision,
        },
    )
    with path.open("ab") as handle:
        handle.write(b"{broken\n")
    listing = cli("journal", environ={"TZ": "UTC"})
    assert listing.code == 0
    header, row = listing.stdout.splitlines()
    assert header.split() == ["No.", "Saved", "Council", "Recommendation", "Situation"]
    assert row.split()[0] == "1"
    assert "Aarhus Municipality" in row
    assert "Seek advice first" in row  # the recommendation in words, never the id
    assert "seek_advice" not in listing.stdout
    assert "line 2 is damaged and was skipped" in listing.stderr
    shown = cli("journal", "show", "1")
    assert shown.stdout.startswith("# Decision record: Seek advice first\n")
    assert "| Is it legal? | Unsure |" in shown.stdout
    missing = cli("journal", "show", "7")
    assert missing.code == 2
    assert "there is no record 7; the journal has one record, number 1" in missing.stderr
    exported = cli("journal", "export", "--format", "md")
    assert exported.stdout == shown.stdout
    bad = cli("journal", "export", "--format", "pdf")
    assert bad.code == 2
    assert "journal export: --format: 'pdf' is not one of: md, json" in bad.stderr


def test_a_member_can_delete_one_record_or_all(cli: RunCli, dirs: dict[str, Path]) -> None:
    path = dirs["data"] / "journal.jsonl"
    for n in range(3):
        journal.append(path, record(n))
    assert cli("journal", "delete", "2").code == 2  # no terminal to confirm at, no --yes
    deleted = cli("journal", "delete", "2", "--yes")
    assert deleted.code == 0, deleted.stderr
    assert "Record 2 was deleted" in deleted.stdout
    entries, _ = journal.read(path)
    assert [e.record["decision"]["n"] for e in entries] == [0, 2]  # the rest intact
    assert os.stat(path).st_mode & 0o777 == 0o600
    refused = cli("journal", "clear", stdin=b"no\n", stdin_isatty=True)
    assert refused.code == 2
    assert "nothing was deleted" in refused.stderr
    assert len(journal.read(path)[0]) == 2
    cleared = cli("journal", "clear", stdin=b"yes\n", stdin_isatty=True)
    assert cleared.code == 0
    assert "Permanently delete all 2 records in your journal?" in cleared.stdout
    assert journal.read(path)[0] == []
    assert os.stat(path).st_mode & 0o777 == 0o600
    journal.append(path, record(9))  # the journal goes on after a clear
    assert [e.record["decision"]["n"] for e in journal.read(path)[0]] == [9]
    one = cli("journal", "clear", stdin=b"yes\n", stdin_isatty=True)
    assert "Permanently delete the one record in your journal?" in one.stdout
    assert "The journal is now empty (1 record deleted)." in one.stdout


def test_one_record_is_counted_in_the_singular(
    cli: RunCli, dirs: dict[str, Path], tmp_path: Path
) -> None:
    journal.append(dirs["data"] / "journal.jsonl", record(1))
    exported = cli("journal", "export", "-o", str(tmp_path / "one.md"), "--lang", "sv")
    assert exported.stderr.startswith("1 beslutsanteckning har skrivits till ")
    two = tmp_path / "two.md"
    journal.append(dirs["data"] / "journal.jsonl", record(2))
    assert cli("journal", "export", "-o", str(two)).stderr.startswith("2 records were written")


def test_deleting_while_another_process_appends_loses_no_new_record(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    for n in range(20):
        journal.append(path, record(n))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        appending = pool.starmap_async(_append_many, [(str(path), 100, 30)])
        for line in range(1, 11):  # delete while the other process appends
            journal.remove(path, {line})
        appending.get(timeout=60)
    numbers = [e.record["decision"]["n"] for e in journal.read(path)[0]]
    assert set(range(100, 130)) <= set(numbers)  # every record appended meanwhile is there
    assert len(numbers) == 20 + 30 - 10


def _append_many(path: str, start: int, count: int) -> None:
    for n in range(start, start + count):
        journal.append(Path(path), record(n))


def test_a_records_contacts_read_as_on_the_card() -> None:
    """Details apart with ·, and the general-advice mark as a parenthesis after the role, never
    after a semicolon."""
    from etikcheck.output.text import contact_line

    phone = {"role": "Kommunaldirektør", "name": "Tommy Christiansen", "phone": "99 31 15 05"}
    assert contact_line(phone, "da") == "Kommunaldirektør: Tommy Christiansen · Telefon 99 31 15 05"
    general = {"role": "En partikollega", "name": None, "general": True}
    assert contact_line(general, "da") == (
        "En partikollega (generelt råd – kommunens eget dokument nævner ikke denne kontakt)"
    )
