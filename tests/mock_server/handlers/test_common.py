"""handlers/common.py: what several areas share."""

from __future__ import annotations

import hashlib

from akool_mock.mock_server.handlers.common import team_id


def test_team_id_is_the_accounts_and_one_string_for_all_its_jobs() -> None:
    assert team_id("abc") == hashlib.sha1(b"abc").hexdigest()[:24]
    assert team_id("abc") != team_id("abd")
    assert team_id("abc") is team_id("abc")  # its jobs' fields share it instead of a copy each (73 B)
