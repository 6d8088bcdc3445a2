"""schemas/docs_diff.py and `akool-mock docs-diff`: what a docs tree has that the catalog lacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from akool_mock.mock_server.cli import main
from akool_mock.schemas import SCHEMA_DIR, load_catalog
from akool_mock.schemas.docs_diff import (
    Explanation,
    diff,
    docs_source,
    explanations,
    missing_notes,
    unexplained,
)
from akool_mock.schemas.docs_tree import DocPage

NOTES = (SCHEMA_DIR / "NOTES.md").read_text(encoding="utf-8")

PAGE = """---
title: "Lip sync"
---

```
POST https://openapi.akool.com/api/open/v3/content/video/lipsync
```

**Body Attributes**

| **Parameter** | **Type** | **Required** | **Description** |
|---|---|---|---|
| video_url | String | true | kept |
| brand_new_field | String | false | not in the schema |

```
POST https://openapi.akool.com/api/open/v9/never/heard
```
"""

BAD_EXAMPLE = """
```
GET https://openapi.akool.com/api/open/v3/faceswap/quota/info
```

**Response**

```json
{"code": 1000, "msg": "OK", "data": {"credit": "lots"}}
```
"""


def keys(pages: list[DocPage], notes: list[Explanation] | None = None) -> dict[str, str | None]:
    return {f.key: f.explained_by for f in diff(load_catalog(), pages, notes or [])}


def test_an_unknown_endpoint_and_an_unknown_field_are_found() -> None:
    found = keys([DocPage("ai-tools-suite__lip-sync", PAGE)])
    assert "endpoint POST openapi.akool.com/api/open/v9/never/heard" in found
    assert "field lipsync.create request brand_new_field" in found
    assert not any("video_url" in key for key in found)


def test_a_documented_type_the_schema_does_not_allow_is_a_contradiction() -> None:
    page = PAGE.replace(
        "| video_url | String | true | kept |", "| video_url | Integer | true | now a number |"
    )
    found = {f.key: f.detail for f in diff(load_catalog(), [DocPage("ai-tools-suite__lip-sync", page)], [])}
    assert found["type lipsync.create request video_url"] == "documented as integer, the schema says string"
    assert "type lipsync.create request brand_new_field" not in found


def test_an_example_the_schema_refuses_is_a_contradiction() -> None:
    found = diff(load_catalog(), [DocPage("ai-tools-suite__faceswap__get-credit", BAD_EXAMPLE)], [])
    (example,) = [f for f in found if f.kind == "example"]
    assert example.key == "example ai-tools-suite__faceswap__get-credit#0 faceswap.get_quota response"
    assert "data.credit" in example.detail


def test_a_cited_page_missing_from_the_tree_is_found() -> None:
    found = keys([DocPage("ai-tools-suite__lip-sync", PAGE)])
    assert "page ai-tools-suite__faceswap__image-faceswap faceswap.create_image" in found


def test_a_deprecated_page_needs_the_catalog_to_say_so() -> None:
    page = DocPage(
        "x",
        "---\nhidden: true\n---\n```\nPOST https://openapi.akool.com/api/open/v3/content/video/lipsync\n```",
    )
    assert "deprecated lipsync.create" in keys([page])


def test_a_pattern_explains_findings_and_others_stay_open() -> None:
    rules = [Explanation("field lipsync.create request *", "docs-diff-reading")]
    found = keys([DocPage("ai-tools-suite__lip-sync", PAGE)], rules)
    assert found["field lipsync.create request brand_new_field"] == "docs-diff-reading"
    assert found["endpoint POST openapi.akool.com/api/open/v9/never/heard"] is None


def test_every_explanation_cites_a_notes_entry() -> None:
    assert missing_notes(explanations(), NOTES) == []
    assert missing_notes([Explanation("x", "no-such-anchor")], NOTES) == ["no-such-anchor"]


def test_the_catalog_records_its_snapshot() -> None:
    snapshot = docs_source()["snapshot"]
    assert snapshot["tree"] == "current/"
    assert snapshot["date"] == "2026-05-18"


def test_the_original_text_and_pages_have_nothing_unexplained(akool_docs: Path) -> None:
    from akool_mock.schemas.docs_tree import read_tree

    for tree in ("000_af5c8b6d7b43c426.txt", "pages"):
        assert unexplained(diff(load_catalog(), read_tree(akool_docs / tree))) == [], tree


def test_the_command_prints_the_report_and_exits_0_when_all_is_explained(
    akool_docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["docs-diff", str(akool_docs / "pages")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("catalog derived from: ")
    assert out.rstrip().endswith("explained)")


def test_the_command_exits_1_on_unexplained_and_2_on_no_docs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "x.mdx").write_text(PAGE, encoding="utf-8")
    assert main(["docs-diff", str(tmp_path)]) == 1
    assert "UNEXPLAINED endpoint POST openapi.akool.com/api/open/v9/never/heard" in capsys.readouterr().out
    assert main(["docs-diff", str(tmp_path / "none")]) == 2
    assert "no docs" in capsys.readouterr().err


# What `current/` still has that the catalog does not (the report of this round lists them as open).
OPEN_IN_CURRENT: set[str] = set()  # nothing: docs-diff on current/ reports nothing unexplained


def test_current_has_only_the_recorded_open_items(akool_docs: Path) -> None:
    from akool_mock.schemas.docs_tree import read_tree

    findings = diff(load_catalog(), read_tree(akool_docs / "current"))
    assert {f.key for f in unexplained(findings)} == OPEN_IN_CURRENT
    explained = {f.key: f.explained_by for f in findings if f.explained_by}
    assert explained["deprecated images.get_result"] == "deprecated-operations"
    assert "deprecated images.change_background" not in {f.key for f in findings}
