"""schemas/NOTES.md: every decision has an anchor and names tests, and every test it names exists."""

from __future__ import annotations

import re
from pathlib import Path

from akool_mock.schemas import SCHEMA_DIR

NOTES = (SCHEMA_DIR / "NOTES.md").read_text(encoding="utf-8")
TESTS = Path(__file__).resolve().parent.parent
SUITE = TESTS.parent / "contract_tests" / "suite"  # the contract suite's own tests are named there too
ENTRY = re.compile(
    r"^#### (?P<title>.+?) \{#(?P<anchor>[\w.-]+)\}\n(?P<body>.*?)(?=^#{2,4} |\Z)", re.M | re.S
)


def entries() -> list[re.Match[str]]:
    return list(ENTRY.finditer(NOTES))


def defined_tests() -> set[str]:
    names: set[str] = set()
    for path in (*TESTS.rglob("test_*.py"), *SUITE.glob("test_*.py")):
        names.update(re.findall(r"^\s*(?:async )?def (test_\w+)", path.read_text(encoding="utf-8"), re.M))
    return names


def test_there_are_decisions_with_unique_anchors() -> None:
    anchors = [m["anchor"] for m in entries()]
    assert len(anchors) > 150
    assert len(anchors) == len(set(anchors)), "an anchor is used twice"


def test_every_decision_says_where_what_and_how_it_is_tested() -> None:
    for match in entries():
        body = match["body"]
        assert "Page(s)" in body or "Page:" in body, match["anchor"]
        assert "Decision" in body, match["anchor"]
        assert "Tested by" in body, match["anchor"]


def test_every_named_test_exists() -> None:
    known = defined_tests()
    missing = []
    for match in entries():
        tested = match["body"][match["body"].index("Tested by") :]
        missing += [
            f"{match['anchor']}: {name}"
            for name in re.findall(r"\b(test_\w+)\b(?!\.py|::)", tested)
            if name not in known
        ]
    assert missing == []
