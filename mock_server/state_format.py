"""The state file's format: creating one (0600), and refusing every file that is not one we can read.

An akool-mock state file is an SQLite database whose header carries our application id and a schema
version (`PRAGMA application_id`, `PRAGMA user_version`). Opening checks, before anything is read:

- a 0-byte file is refused (it is what a failed copy or `touch` leaves; starting empty would hide that);
- a file that does not start with SQLite's header, or is shorter than its header says, is refused;
- an SQLite database with another application id (or none, and not our 0.1 layout) is someone else's;
- a schema version above ours was written by a newer akool-mock.

Each refusal is a `StateFileError` with one line that names the file and what to do; `akool-mock serve`
prints it and exits 2. Files written by akool-mock 0.1 (no application id, our tables) are upgraded.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

APPLICATION_ID = 0x414B4D4B  # "AKMK"
SCHEMA_VERSION = 1
LEGACY_VERSION = 0  # akool-mock 0.1: same tables, keys and tokens in plain text, no application id
TABLES = ("accounts", "tokens", "jobs", "resources", "deliveries")
SCHEMA = ";".join(f"CREATE TABLE IF NOT EXISTS {t} (id TEXT PRIMARY KEY, data TEXT NOT NULL)" for t in TABLES)
META = "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100
PRIVATE = 0o600
COPYING = "a copy needs the file's -wal, -shm and .key files too, or sqlite3's .backup plus the .key"


class StateFileError(Exception):
    """A state file that cannot be used; the message is one line naming the file and what to do."""


def open_state(path: Path) -> tuple[sqlite3.Connection, int]:
    """A connection to the state file at `path`, and the schema version found (SCHEMA_VERSION if new)."""
    if not path.exists():
        return _create(path), SCHEMA_VERSION
    _check_bytes(path)
    db = _connect(path)
    try:
        version = _check_identity(path, db)  # before anything is written: a foreign file stays as it was
        _make_private(path)
        _use_wal(path, db)
    except BaseException:
        db.close()
        raise
    return db, version


def mark_current(db: sqlite3.Connection) -> None:
    """Stamp the file as ours, at this schema version (inside the caller's transaction)."""
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def damaged(path: Path, exc: Exception) -> StateFileError:
    return StateFileError(f"state file {path} is damaged ({exc}); restore a copy or use another --state-file")


def _create(path: Path) -> sqlite3.Connection:
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE))
    except OSError as exc:
        raise StateFileError(f"cannot create state file {path}: {exc.strerror}") from None
    db = _connect(path)
    _use_wal(path, db)
    db.execute("BEGIN")
    mark_current(db)
    for statement in (*SCHEMA.split(";"), META):
        db.execute(statement)
    db.execute("COMMIT")
    return db


def _connect(path: Path) -> sqlite3.Connection:
    try:
        return sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    except sqlite3.DatabaseError as exc:
        raise damaged(path, exc) from None


def _use_wal(path: Path, db: sqlite3.Connection) -> None:
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.DatabaseError as exc:
        raise damaged(path, exc) from None


def _check_bytes(path: Path) -> None:
    """Empty, not SQLite, or shorter than the header's page count says: refused before SQLite sees it."""
    try:
        size = path.stat().st_size
        with path.open("rb") as raw:
            header = raw.read(HEADER_BYTES)
    except OSError as exc:
        raise StateFileError(f"cannot read state file {path}: {exc.strerror}") from None
    if size == 0:
        raise StateFileError(
            f"state file {path} is empty (0 bytes), not an akool-mock state file; "
            "delete it to start with a fresh state, or restore the copy it should be"
        )
    if not header.startswith(SQLITE_MAGIC):
        raise StateFileError(f"{path} is not an akool-mock state file (not an SQLite database)")
    if len(header) < HEADER_BYTES:
        raise _truncated(path, size, HEADER_BYTES)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages, changes, valid_for = (int.from_bytes(header[i : i + 4], "big") for i in (28, 24, 92))
    if page_size and size % page_size:
        raise _truncated(path, size, (size // page_size + 1) * page_size)
    if pages and changes == valid_for and size < pages * page_size:
        raise _truncated(path, size, pages * page_size)


def _truncated(path: Path, size: int, expected: int) -> StateFileError:
    return StateFileError(
        f"state file {path} is truncated ({size} bytes, its header needs at least {expected}); "
        f"restore a complete copy ({COPYING})"
    )


def _make_private(path: Path) -> None:
    """Files made by akool-mock 0.1 were 0644: a state file holds secrets, so it becomes 0600."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if stat.S_IMODE(candidate.stat().st_mode) & 0o077:
                candidate.chmod(PRIVATE)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise StateFileError(f"cannot make {candidate} private (0600): {exc.strerror}") from None


def _check_identity(path: Path, db: sqlite3.Connection) -> int:
    try:
        application_id = int(db.execute("PRAGMA application_id").fetchone()[0])
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # a damaged name can be bytes, not text
        raise damaged(path, exc) from None
    if application_id == 0 and version == 0 and tables == {*TABLES, "meta"}:
        return LEGACY_VERSION
    if application_id == 0 and not tables:
        raise StateFileError(
            f"{path} is an empty SQLite database, not an akool-mock state file; if it is a copy of one, "
            f"the copy is incomplete ({COPYING})"
        )
    if application_id != APPLICATION_ID:
        raise StateFileError(
            f"{path} is an SQLite database but not an akool-mock state file "
            f"(application id {application_id:#x}, tables: {', '.join(sorted(tables)) or 'none'}); "
            "pass another --state-file"
        )
    if version > SCHEMA_VERSION:
        raise StateFileError(
            f"state file {path} was written by a newer akool-mock (state schema {version}; this one reads "
            f"up to {SCHEMA_VERSION}); use that version, or another --state-file"
        )
    missing = {*TABLES, "meta"} - tables
    if missing:
        raise damaged(path, ValueError(f"missing tables: {', '.join(sorted(missing))}"))
    return version
