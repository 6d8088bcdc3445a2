"""A state file holding a non-finite number is refused on load, with a line that says so.

No state of the fake can hold NaN or Infinity (requests, the control API and the config refuse them), so a
file that does was damaged or edited: starting from it would poison credits or the clock again.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from akool_mock.mock_server.settings import build_settings
from akool_mock.mock_server.state_format import StateFileError
from tests.mock_server.conftest import Fake, make_fake


def fake_on(path: Path) -> Fake:
    return make_fake(build_settings({"state_file": str(path)}, clock="manual", seed=5))


def poison(path: Path, table: str, key_column: str, field: str, literal: str) -> None:
    db = sqlite3.connect(str(path))
    value_column = "value" if table == "meta" else "data"
    rows = list(db.execute(f"SELECT {key_column}, {value_column} FROM {table}"))
    key, text = rows[0]
    if field:
        data = json.loads(text)
        data[field] = "@@"
        text = json.dumps(data).replace('"@@"', literal)
    else:
        text = literal
    with db:
        db.execute(f"UPDATE {table} SET {value_column} = ? WHERE {key_column} = ?", (text, key))
    db.close()


@pytest.mark.parametrize(
    ("table", "key", "field", "literal"),
    [
        ("accounts", "id", "credits", "NaN"),
        ("accounts", "id", "credits", "-Infinity"),
        ("accounts", "id", "charged", "1e999"),
        ("meta", "key", "", "Infinity"),
    ],
)
def test_a_non_finite_number_refuses_the_file(
    tmp_path: Path, table: str, key: str, field: str, literal: str
) -> None:
    state = tmp_path / "akool.sqlite"
    first = fake_on(state)
    first.request("POST", "/_mock/accounts", body={"credits": 7})
    assert first.backend.state_file is not None
    first.backend.state_file.close()
    poison(state, table, key, field, literal)
    with pytest.raises(StateFileError, match=f"state file .* holds a non-finite number \\({literal}\\)"):
        fake_on(state)


def test_a_finite_file_loads(tmp_path: Path) -> None:
    state = tmp_path / "akool.sqlite"
    first = fake_on(state)
    first.request("POST", "/_mock/accounts", body={"credits": 1e15})
    assert first.backend.state_file is not None
    first.backend.state_file.close()
    credits = sorted(a.credits for a in fake_on(state).backend.accounts.values())
    assert credits[-1] == 1e15
