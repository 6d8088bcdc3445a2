"""schemas/docs_tree.py: the three layouts of the Akool docs read into the same pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akool_mock.schemas.docs_tree import DocPage, json_type, parse_example, read_tree

ORIGINAL = "000_af5c8b6d7b43c426.txt"

MDX = """---
title: "Thing"
openapi: "POST /api/open/v9/thing/create"
---

## Create Thing

**Body Attributes**

| **Parameter** | **Type** | **Required** | **Description** |
|---------------|----------|--------------|-----------------|
| name | String | true | The name |
| - nested\\_field | Integer | false | A nested one |
| x-api-key | API Key | true | not a field |

**Response Attributes**

| **Parameter** | **Type** | **Description** |
|---------------|----------|-----------------|
| `_id` | String | The id |

```
GET https://openapi.akool.com/api/open/v9/thing/detail?_id=1
```

**Response**

```json
{
  "code": 1000, // the code
  "data": {"_id": "x",},
}
```
"""


def test_an_mdx_page_yields_its_endpoints_fields_and_examples() -> None:
    page = DocPage("ai-tools-suite__thing", MDX)
    assert [(e.method, e.host, e.path) for e in page.endpoints()] == [
        ("POST", None, "/api/open/v9/thing/create"),
        ("GET", "openapi.akool.com", "/api/open/v9/thing/detail"),
    ]
    assert [(f.name, f.direction) for f in page.fields()] == [
        ("name", "request"),
        ("nested_field", "request"),
        ("_id", "response"),
    ]
    (example,) = page.examples()
    assert example.value == {"code": 1000, "data": {"_id": "x"}}
    assert example.direction == "response"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("String", "string"),
        ("[Object]", "array"),
        ("Array", "array"),
        ("Long", "integer"),
        ("int", "integer"),
        ("`boolean`", "boolean"),
        ("Object \\| null", "object"),
        ("Number", "number"),
        ("API Key", None),
    ],
)
def test_type_cells_become_json_types(cell: str, expected: str | None) -> None:
    assert json_type(cell) == expected


def test_hidden_or_deprecated_pages_are_marked() -> None:
    assert DocPage("a", "---\ntitle: x\nhidden: true\n---\ntext").deprecated
    assert DocPage(
        "a", "<Warning>This API has been deprecated and is no longer available.</Warning>"
    ).deprecated
    assert not DocPage("a", MDX).deprecated


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(), lambda c: st.lists(c, max_size=3)))
def test_any_json_value_parses_back(value: object) -> None:
    import json

    assert parse_example(json.dumps(value, indent=2)) == value


def test_text_that_is_not_json_is_none() -> None:
    assert parse_example("curl --location 'https://x'") is None


def test_missing_docs_are_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no docs"):
        read_tree(tmp_path / "absent")
    with pytest.raises(FileNotFoundError, match="neither"):
        read_tree(tmp_path)
    (tmp_path / "current").mkdir()
    (tmp_path / "pages").mkdir()
    with pytest.raises(FileNotFoundError, match="several trees"):
        read_tree(tmp_path)


def test_the_original_text_and_pages_have_the_same_pages_and_endpoints(akool_docs: Path) -> None:
    original = {page.key: page for page in read_tree(akool_docs / ORIGINAL)}
    pages = {page.key: page for page in read_tree(akool_docs / "pages")}
    assert original.keys() == pages.keys()
    for key, page in pages.items():
        routes = {(e.method, e.host, e.path) for e in page.endpoints()}
        assert routes == {(e.method, e.host, e.path) for e in original[key].endpoints()}, key


def test_current_is_keyed_like_pages(akool_docs: Path) -> None:
    current = {page.key for page in read_tree(akool_docs / "current")}
    assert "ai-tools-suite__head-swap__submit-analysis" in current
    assert "ai-tools-suite__faceswap__image-faceswap" in current
    assert len(current) == 64
