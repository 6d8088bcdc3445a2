"""state_format.py: `akool-mock serve --state-file X` refuses every file it cannot trust, in one line.

Each damaged file is handed to a real `akool-mock serve` process (127.0.0.1, a free port): it must exit 2
with one line on stderr naming the file and the damage, no traceback, and leave the file as it was.
"""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akool_mock.contract_tests.serve import free_port
from akool_mock.mock_server.settings import build_settings
from akool_mock.mock_server.state_format import APPLICATION_ID, SCHEMA_VERSION, StateFileError, open_state
from tests.mock_server.conftest import make_fake

FACE = {"path": "https://example.com/face.png", "opts": "262,175:363,175:313,215:272,279"}
JOB = {"sourceImage": [FACE], "targetImage": [FACE], "face_enhance": 0, "modifyImage": FACE["path"]}
START_TIMEOUT_S = 60


def good_state(path: Path, jobs: int = 60) -> Path:
    """A real state file with an account made through the control API (its key sealed with PATH.key) and a
    few pages of jobs, checkpointed into the main file (no -wal left)."""
    fake = make_fake(build_settings({"state_file": str(path)}, clock="manual"))
    fake.request("POST", "/_mock/accounts", body={})
    for _ in range(jobs):
        fake.post("/api/open/v3/faceswap/highquality/specifyimage", JOB)
    fake.backend.state_file.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    fake.backend.state_file.close()
    return path


def empty(path: Path) -> str:
    path.touch()
    return "is empty (0 bytes)"


def not_sqlite(path: Path) -> str:
    path.write_text('{"accounts": []}\n')
    return "not an SQLite database"


def truncated_mid_page(path: Path) -> str:
    good_state(path)
    with path.open("r+b") as raw:
        raw.truncate(path.stat().st_size // 2 + 123)
    return "is truncated"


def truncated_at_a_page(path: Path) -> str:
    good_state(path)
    with path.open("r+b") as raw:
        raw.truncate(4096 * 2)
    return "is truncated"


def overwritten_pages(path: Path) -> str:
    good_state(path)
    size = path.stat().st_size
    with path.open("r+b") as raw:
        raw.seek(4096)
        raw.write(b"\xa5" * (size - 4096))
    return "is damaged"


def another_programs_database(path: Path) -> str:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    db.commit()
    db.close()
    return "not an akool-mock state file (application id 0x0, tables: users)"


def an_incomplete_copy(path: Path) -> str:
    """The main file of a live state copied without its -wal: SQLite sees an empty database."""
    good_state(path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA application_id = 0")
    for table in ("accounts", "tokens", "jobs", "resources", "deliveries", "meta"):
        db.execute(f"DROP TABLE {table}")
    db.commit()
    db.close()
    return "the copy is incomplete"


def newer_schema(path: Path) -> str:
    good_state(path)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    return f"written by a newer akool-mock (state schema {SCHEMA_VERSION + 1}"


def without_its_key_file(path: Path) -> str:
    good_state(path)
    path.with_name(path.name + ".key").unlink()
    return ".key is missing"


DAMAGE: list[Callable[[Path], str]] = [
    empty,
    not_sqlite,
    truncated_mid_page,
    truncated_at_a_page,
    overwritten_pages,
    another_programs_database,
    an_incomplete_copy,
    newer_schema,
    without_its_key_file,
]


def test_every_damaged_state_file_is_refused_by_serve_in_one_line(tmp_path: Path) -> None:
    started: list[tuple[str, Path, bytes, str, subprocess.Popen[bytes]]] = []
    for damage in DAMAGE:
        path = tmp_path / damage.__name__ / "akool.sqlite"
        path.parent.mkdir()
        expected = damage(path)
        before = path.read_bytes()
        command = [sys.executable, "-m", "akool_mock", "serve", "--port", str(free_port())]
        command += ["--clock", "manual", "--state-file", str(path)]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        started.append((damage.__name__, path, before, expected, process))
    failures = []
    for name, path, before, expected, process in started:
        try:
            out, err = process.communicate(timeout=START_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            failures.append(f"{name}: started serving instead of refusing the file")
            continue
        lines = err.decode().strip().splitlines()
        one_line = len(lines) == 1 and expected in lines[0] and str(path) in lines[0]
        if process.returncode != 2 or not one_line:
            failures.append(f"{name}: exit {process.returncode}, stderr {err.decode()!r}")
        if out or "Traceback" in err.decode() or path.read_bytes() != before:
            failures.append(f"{name}: printed a banner or a traceback, or changed the file")
    assert failures == []


def test_a_new_state_file_is_ours_and_private(tmp_path: Path) -> None:
    db, version = open_state(tmp_path / "new.sqlite")
    assert version == SCHEMA_VERSION
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert stat.S_IMODE((tmp_path / "new.sqlite").stat().st_mode) == 0o600
    db.close()
    again, version = open_state(tmp_path / "new.sqlite")  # and it opens again as it is
    assert version == SCHEMA_VERSION
    again.close()


def test_a_good_state_file_passes_the_checks(tmp_path: Path) -> None:
    db, version = open_state(good_state(tmp_path / "good.sqlite"))
    assert version == SCHEMA_VERSION
    assert db.execute("SELECT count(*) FROM jobs").fetchone()[0] == 60
    db.close()


def test_a_directory_that_cannot_hold_the_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(StateFileError, match=r"cannot create state file .*/missing/akool\.sqlite"):
        open_state(tmp_path / "missing" / "akool.sqlite")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return good_state(tmp_path_factory.mktemp("pristine") / "akool.sqlite", jobs=20).read_bytes()


def _opens_or_refuses(folder: Path, content: bytes) -> None:
    """Whatever the bytes, starting a fake on them either works or raises StateFileError, nothing else."""
    path = folder / "akool.sqlite"
    for stale in folder.glob("akool.sqlite*"):
        stale.unlink()
    path.write_bytes(content)
    message = ""
    try:
        make_fake(build_settings({"state_file": str(path)}, clock="manual")).backend.state_file.close()
    except StateFileError as refused:
        message = str(refused)
    if message:
        assert "\n" not in message
        assert str(path) in message


def test_a_table_name_that_is_not_text_is_refused_in_one_line(tmp_path: Path, pristine: bytes) -> None:
    """A flipped byte in sqlite_master's name column: SQLite hands back bytes Python cannot decode."""
    damaged = bytearray(pristine)
    name = damaged.find(b"CREATE TABLE") - len(b"jobs")  # the row: type, name, tbl_name, rootpage, sql
    assert name > 0
    damaged[damaged.rfind(b"table", 0, name) + len(b"table")] = 0xFF
    path = tmp_path / "akool.sqlite"
    path.write_bytes(bytes(damaged))
    settings = build_settings({"state_file": str(path)}, clock="manual")
    with pytest.raises(StateFileError, match=r"akool\.sqlite"):
        make_fake(settings)


@given(st.binary(max_size=600) | st.binary(max_size=600).map(lambda tail: b"SQLite format 3\x00" + tail))
@settings(max_examples=40, deadline=None)
def test_any_bytes_at_all_are_opened_or_refused_in_one_line(
    tmp_path_factory: pytest.TempPathFactory, content: bytes
) -> None:
    _opens_or_refuses(tmp_path_factory.mktemp("bytes"), content)


@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=1, max_value=255)), max_size=8))
@settings(max_examples=40, deadline=None)
def test_a_state_file_with_flipped_bytes_is_opened_or_refused_in_one_line(
    tmp_path_factory: pytest.TempPathFactory, pristine: bytes, flips: list[tuple[int, int]]
) -> None:
    damaged = bytearray(pristine)
    for offset, mask in flips:
        damaged[offset % len(damaged)] ^= mask
    _opens_or_refuses(tmp_path_factory.mktemp("flipped"), bytes(damaged))
