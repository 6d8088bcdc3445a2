"""Read a tree of Akool docs: the endpoints, field tables and JSON examples of every page.

Three layouts are read, all into the same `DocPage` list:

- the original text (`000_af5c8b6d7b43c426.txt`): one page after another, newlines turned into spaces; pages
  start at `# <Title> Source: https://docs.akool.com/<slug>`, and line breaks are put back before headings,
  code fences and table rows (as `pages/` did);
- `pages/`: the same text split into `<slug with __>.md` files;
- MDX (`current/`): `<folder>/<page>.mdx` source pages, with a front matter that may say `openapi: "POST /x"`.

A page's key is its URL path with `/` as `__` (`ai-tools-suite__faceswap__image-faceswap`), the name the
catalog's `docs` lists use, whatever the layout.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

Direction = Literal["request", "response"]

_PAGE_START = re.compile(r"(?:^|(?<=\s))# (?:[^#]{1,120}?) Source: https://docs\.akool\.com/(?P<slug>\S+)")
_ENDPOINT = re.compile(
    r"(?<![\w/-])(?P<method>GET|POST|PUT|PATCH|DELETE)\s+(?:https?://(?P<host>[\w.-]+))?(?P<path>/[\w./{}-]*)"
)
_FRONT_OPENAPI = re.compile(r"^openapi:\s*['\"]?(?P<method>[A-Z]+)\s+(?P<path>/\S*?)['\"]?\s*$", re.M)
_FENCE = re.compile(r"```(?P<info>[^\n`]*)\n?(?P<body>.*?)```", re.S)
_FIELD = re.compile(r"^[A-Za-z_][\w.\[\]]*$")
_LINE_COMMENT = re.compile(r"(?m)(^|[\s,\[{])//[^\n]*$")
_TRAILING_COMMA = re.compile(r",(?=\s*[}\]])")
_LABEL = re.compile(r"(?m)^#{1,6} [^\n]*$|\*\*[^*\n]+\*\*")
_TYPES = {
    "string": "string",
    "str": "string",
    "integer": "integer",
    "int": "integer",
    "long": "integer",
    "number": "number",
    "float": "number",
    "double": "number",
    "boolean": "boolean",
    "bool": "boolean",
    "object": "object",
}
_HEADER_NAMES = frozenset({"x-api-key", "authorization", "content-type"})
_REQUEST_WORDS = ("body", "query", "request", "parameter", "path")


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A method and path the page documents; `host` is None when the page gives a path only."""

    method: str
    host: str | None
    path: str
    offset: int


@dataclass(frozen=True, slots=True)
class Field:
    """A row of a field table: the field's name and whether the table lists a request or a response."""

    name: str
    direction: Direction
    offset: int
    type: str | None = None  # the Type column as a JSON Schema type, when the table has one


@dataclass(frozen=True, slots=True)
class Example:
    """A JSON code block, parsed (`//` comments and trailing commas removed)."""

    index: int
    value: Any
    offset: int
    direction: Direction


@dataclass(frozen=True, slots=True)
class DocPage:
    """One documentation page."""

    key: str
    text: str

    @property
    def front_matter(self) -> str:
        if self.text.startswith("---"):
            end = self.text.find("\n---", 3)
            return self.text[3:end] if end > 0 else ""
        return ""

    @property
    def hidden(self) -> bool:
        return bool(re.search(r"^hidden:\s*true\s*$", self.front_matter, re.M))

    @property
    def deprecated(self) -> bool:
        return self.hidden or "has been deprecated" in self.text[:2000]

    def endpoints(self) -> list[Endpoint]:
        found = [
            Endpoint(m["method"], None, m["path"], 0) for m in _FRONT_OPENAPI.finditer(self.front_matter)
        ]
        body_start = len(self.front_matter)
        for match in _ENDPOINT.finditer(self.text, body_start):
            path = match["path"].rstrip(".")
            found.append(Endpoint(match["method"], match["host"], path, match.start()))
        return found

    def fields(self) -> list[Field]:
        return [field for table in _tables(self.text) for field in _table_fields(self.text, *table)]

    def examples(self) -> list[Example]:
        found: list[Example] = []
        for match in _FENCE.finditer(self.text):
            if not match["info"].strip().lower().startswith("json"):
                continue
            value = parse_example(match["body"])
            if value is not None:
                before = self.text[max(0, match.start() - 600) : match.start()]
                found.append(Example(len(found), value, match.start(), _example_direction(value, before)))
        return found


def parse_example(text: str) -> Any:
    """The JSON value of a doc example, or None when it is not JSON even without comments."""
    for candidate in (text, _TRAILING_COMMA.sub("", _LINE_COMMENT.sub(r"\1", text))):
        try:
            return json.loads(candidate)
        except ValueError:
            continue
    return None


def _example_direction(value: Any, before: str) -> Direction:
    """An envelope (`code`, or the detect APIs' `error_code`/`success`) is an answer; else the text says."""
    if isinstance(value, dict) and ({"code", "error_code", "success"} & value.keys()):
        return "response"
    labels = _LABEL.findall(before)
    label = labels[-1].lower() if labels else ""
    return "response" if "response" in label and "request" not in label else "request"


def _tables(text: str) -> list[tuple[int, list[list[str]]]]:
    """Every markdown table: its offset and its rows of cells (the separator row dropped)."""
    tables: list[tuple[int, list[list[str]]]] = []
    rows: list[list[str]] = []
    start = offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith("|"):
            if not rows:
                start = offset
            cells = [cell.strip() for cell in stripped.strip("|").split("|")]
            if not all(re.fullmatch(r":?-*:?", cell) for cell in cells):
                rows.append(cells)
        elif rows:
            tables.append((start, rows))
            rows = []
        offset += len(line)
    if rows:
        tables.append((start, rows))
    return tables


def _clean_cell(cell: str) -> str:
    cell = cell.replace("\\_", "_").replace("**", "").replace("`", "").strip()
    return cell.lstrip("-—– ").strip()


def _table_fields(text: str, offset: int, rows: list[list[str]]) -> list[Field]:
    header = [_clean_cell(cell).lower() for cell in rows[0]]
    if not header or not any(word in header[0] for word in ("parameter", "field", "name", "attribute")):
        return []
    if "value" in header and "type" not in header:
        return []  # a request-headers table
    direction = _direction(text[max(0, offset - 400) : offset], header)
    type_at = header.index("type") if "type" in header else None
    fields: list[Field] = []
    for row in rows[1:]:
        name = _clean_cell(row[0])
        if _FIELD.fullmatch(name) and name.lower() not in _HEADER_NAMES:
            leaf = name.replace("[]", "").split(".")[-1]
            doc_type = json_type(row[type_at]) if type_at is not None and type_at < len(row) else None
            fields.append(Field(leaf, direction, offset, doc_type))
    return fields


def json_type(cell: str) -> str | None:
    """A Type column cell as a JSON Schema type: `[Object]` and `Array` are arrays, `Long` an integer."""
    text = cell.replace("`", "").replace("*", "").strip().lower()
    if text.startswith(("[", "array")):
        return "array"
    word = re.split(r"[^a-z]", text, maxsplit=1)[0]
    return _TYPES.get(word)


def _direction(before: str, header: list[str]) -> Direction:
    """What the last heading or bold label before a table calls it; else a `Required` column means a
    request table."""
    labels = _LABEL.findall(before)
    label = labels[-1].lower() if labels else ""
    if "response" in label or "result" in label:
        return "response"
    if any(word in label for word in _REQUEST_WORDS):
        return "request"
    return "request" if "required" in header else "response"


def _original_pages(text: str) -> list[DocPage]:
    starts = list(_PAGE_START.finditer(text))
    pages = []
    for number, match in enumerate(starts):
        end = starts[number + 1].start() if number + 1 < len(starts) else len(text)
        pages.append(
            DocPage(match["slug"].strip("/").replace("/", "__"), _relined(text[match.start() : end]))
        )
    return pages


def _relined(text: str) -> str:
    """Line breaks back before headings, code fences and table rows of the original one-line text."""
    text = re.sub(r" (?=#{2,6} )", "\n", text)
    text = re.sub(r"\s*(```)", r"\n\1", text)
    text = re.sub(r"(```[^`\n]*?theme=\{null\}) ", r"\1\n", text)
    text = re.sub(r"(```json) (?=[{\[])", r"\1\n", text)
    return re.sub(r"\| (?=\| *(?:[-:]{3,}|\*\*|[-\w`\\]))", "|\n", text)


def read_tree(path: Path) -> list[DocPage]:
    """The pages of the original text file, of a `pages/` folder, or of an MDX folder such as `current/`."""
    if path.is_file():
        return _original_pages(path.read_text(encoding="utf-8"))
    if not path.is_dir():
        raise FileNotFoundError(f"no docs at {path}")
    if (path / "current").is_dir() and (path / "pages").is_dir():
        raise FileNotFoundError(
            f"{path} holds several trees: pass its current/, pages/ or the original text file"
        )
    mdx = sorted(path.rglob("*.mdx"))
    if mdx:
        return [_mdx_page(path, file) for file in mdx]
    pages = [file for file in sorted(path.glob("*.md")) if file.name != "README.md"]
    if not pages:
        raise FileNotFoundError(f"{path} holds neither .mdx pages nor .md pages")
    return [DocPage(file.stem, file.read_text(encoding="utf-8")) for file in pages]


def _mdx_page(root: Path, file: Path) -> DocPage:
    key = file.relative_to(root).with_suffix("").as_posix().replace("/", "__")
    return DocPage(key, file.read_text(encoding="utf-8"))
