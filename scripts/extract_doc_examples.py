#!/usr/bin/env python3
"""Extract every JSON example and every cURL data body from the Akool docs.

Reads the ORIGINAL docs file (``000_af5c8b6d7b43c426.txt``: one page after another, the newlines of
the live docs turned into spaces), finds

* every ```` ```json ```` fenced block, and
* every ``--data`` / ``-d`` body of a ``curl`` command inside a ```` ```bash ```` / ``shell`` block,

works out the page each one is on (from the ``# <Title> Source: https://docs.akool.com/...`` page
starts), merges the hand-maintained ``fixtures/docs/mapping.json`` (id -> operation, direction,
payload, note) and writes ``fixtures/docs/examples.json``, ordered by offset.

Examples that are not valid JSON as written get a ``parsed`` value made by a string-aware cleaner:
``//`` comments are removed (they run to the end of the block now that the newlines are gone, so a
comment is cut at the first point where JSON plainly resumes: a ``"key":``, a closing ``}``/``]``
or an opening ``{``), ``[...]`` placeholders become ``[]``, trailing commas are dropped, a leading
HTTP request line is dropped and a block that holds several alternative objects becomes a list.
Every removed comment is checked to hold no JSON structure (no braces, no ``"key":``).

Usage::

    python scripts/extract_doc_examples.py [--docs PATH] [--mapping PATH] [--out PATH] [--check]

``--docs`` defaults to ``../shared/akool-docs`` relative to the repository root. ``--check`` writes
nothing and exits 1 if the committed output is stale. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

REPO_ROOT: Final = Path(__file__).resolve().parent.parent
DEFAULT_DOCS: Final = REPO_ROOT.parent / "shared" / "akool-docs"
DOCS_FILE_NAME: Final = "000_af5c8b6d7b43c426.txt"
DEFAULT_MAPPING: Final = REPO_ROOT / "fixtures" / "docs" / "mapping.json"
DEFAULT_OUT: Final = REPO_ROOT / "fixtures" / "docs" / "examples.json"

DIRECTIONS: Final = frozenset(
    {"request", "response", "webhook_delivery", "webhook_payload", "streaming_message", "other"}
)
MAPPING_FIELDS: Final = ("operation", "direction", "payload", "note")
LABEL_MAX: Final = 80
SLUG_PREFIX: Final = "ai-tools-suite__"
SHELL_LANGS: Final = frozenset({"bash", "shell", "sh", "zsh", "curl", "console"})

_PAGE_START = re.compile(
    r"(?:^|(?<=\s))# (?P<title>[^#]{1,120}?) Source: (?P<url>https://docs\.akool\.com/\S+)"
)
_FENCE = re.compile(r"```")
_FENCE_LANG = re.compile(r"```(?P<lang>[\w+-]*)")
_THEME = "theme={null}"
_CURL = re.compile(r"\bcurl\b")
_DATA_FLAG = re.compile(r"(?:(?<=\s)(?:--data-raw|--data-binary|--data-ascii|--data|-d))\s+(?P<q>['\"])")
# What may follow the closing quote of a shell argument: end of block, a line continuation,
# another option, a shell comment, another command or the end of the text.
_ARG_END = re.compile(r"\s*(?:```|\\\s|--?[A-Za-z]|#|curl\b|$)")
_METHOD_FLAG = re.compile(r"(?:-X|--request)\s+(?P<m>[A-Z]+)")
_URL = re.compile(r"""['"]?(?P<url>https?://[^\s'"]+)""")
_HEADING = re.compile(r"(?:^|(?<=\s))(?P<hashes>#{2,6}) (?P<text>\S.*?)(?=\s+(?:\*\*|#{1,6} |\||```|- )|$)")
_ENDPOINT_AFTER = re.compile(r"\s*```(?:http)?(?: theme=\{null\})? (?:GET|POST|PUT|PATCH|DELETE) ")
_HTTP_LINE = re.compile(r"(?P<line>(?:GET|POST|PUT|PATCH|DELETE) \S+)\s+(?=[{\[])")
_KEY_AHEAD = re.compile(r'"(?:[^"\\]|\\.)*"\s*:')
_CLOSE_AHEAD = re.compile(r"[}\]]\s*(?:[,}\]]|$)")
_OPEN_AHEAD = re.compile(r"\{\s*[\"}]")
_PLACEHOLDER = re.compile(r"\[\s*\.\.\.\s*\]")
_TRAILING_COMMA = re.compile(r",(?=\s*[}\]])")


@dataclass(frozen=True, slots=True)
class Page:
    """One documentation page of the original file."""

    offset: int
    title: str
    url: str
    stem: str


@dataclass(frozen=True, slots=True)
class Fence:
    """One fenced code block: ``start`` is the opening fence, ``end`` the closing one."""

    start: int
    end: int
    lang: str
    title: str
    body_start: int


@dataclass(frozen=True, slots=True)
class RawExample:
    """An example as found in the text, before cleaning and mapping."""

    offset: int
    verbatim_offset: int
    source: str
    verbatim: str
    fence_title: str
    curl_label: str


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Result of cleaning a non-JSON example."""

    value: Any
    steps: tuple[str, ...]


class CleaningError(ValueError):
    """The example could not be turned into a faithful JSON value."""


# --------------------------------------------------------------------------------------------------
# Pages and fences


def find_pages(text: str) -> list[Page]:
    """Every ``# Title Source: https://docs.akool.com/<path>`` page start, in order."""
    pages = []
    for m in _PAGE_START.finditer(text):
        url = m.group("url")
        path = url.removeprefix("https://docs.akool.com/").strip("/")
        pages.append(Page(m.start(), m.group("title"), url, path.replace("/", "__")))
    if not pages or pages[0].offset != 0:
        raise ValueError("the docs file does not start with a '# Title Source: ...' page header")
    return pages


def page_at(pages: Sequence[Page], offset: int) -> Page:
    """The page that contains ``offset``."""
    found = pages[0]
    for page in pages:
        if page.offset > offset:
            break
        found = page
    return found


def find_fences(text: str) -> list[Fence]:
    """Pair the ```` ``` ```` markers in order: opening, closing, opening, ..."""
    marks = [m.start() for m in _FENCE.finditer(text)]
    if len(marks) % 2:
        raise ValueError(f"odd number of ``` markers ({len(marks)}): cannot pair code fences")
    fences = []
    for start, end in zip(marks[::2], marks[1::2], strict=True):
        m = _FENCE_LANG.match(text, start)
        assert m is not None
        lang = m.group("lang")
        theme = text.find(_THEME, m.end(), end)
        if theme >= 0 and lang:
            title = " ".join(text[m.end() : theme].split())
            body_start = theme + len(_THEME)
        else:
            title = ""
            body_start = m.end()
        fences.append(Fence(start, end, lang, title, body_start))
    return fences


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_json_blocks(text: str, fences: Sequence[Fence]) -> list[RawExample]:
    """Every ```` ```json ```` block; the body is the text between the info string and the closing fence."""
    found = []
    for fence in fences:
        if fence.lang != "json":
            continue
        start, end = _strip_span(text, fence.body_start, fence.end)
        found.append(RawExample(fence.start, start, "json_block", text[start:end], fence.title, ""))
    return found


def find_curl_bodies(text: str, fences: Sequence[Fence]) -> list[RawExample]:
    """Every ``--data``/``-d`` argument of a ``curl`` command inside a shell code block."""
    found = []
    for fence in fences:
        if fence.lang not in SHELL_LANGS:
            continue
        starts = [m.start() for m in _CURL.finditer(text, fence.body_start, fence.end)]
        for i, curl_at in enumerate(starts):
            cmd_end = starts[i + 1] if i + 1 < len(starts) else fence.end
            flag = _DATA_FLAG.search(text, curl_at, cmd_end)
            if flag is None:
                continue
            body_start = flag.end()
            body_end = _closing_quote(text, body_start, cmd_end, flag.group("q"))
            command = text[curl_at:body_start]
            method_m = _METHOD_FLAG.search(command)
            url_m = _URL.search(command)
            method = method_m.group("m") if method_m else "POST"
            url = url_m.group("url") if url_m else "?"
            label = f"cURL {method} {url}"
            if len(label) > LABEL_MAX:  # drop the scheme and host, then clip
                label = _clip(f"cURL {method} /{url.split('/', 3)[-1]}", LABEL_MAX)
            found.append(RawExample(curl_at, body_start, "curl_data", text[body_start:body_end], "", label))
    return found


def _closing_quote(text: str, start: int, end: int, quote: str) -> int:
    """Offset of the quote that ends a shell argument begun at ``start``.

    The docs put unescaped apostrophes inside single-quoted bodies (``Mother's``), so the first
    matching quote is not always the end: take the first one that is followed by the end of the
    argument (block end, ``\\`` continuation, another option or command).
    """
    pos = start
    while True:
        pos = text.find(quote, pos, end)
        if pos < 0:
            raise ValueError(f"unterminated {quote}-quoted cURL body at offset {start}")
        if _ARG_END.match(text, pos + 1):
            return pos
        pos += 1


# --------------------------------------------------------------------------------------------------
# Labels


def _clip(text: str, limit: int, *, keep_end: bool = False) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    if keep_end:
        cut = text[len(text) - limit + 1 :]
        space = cut.find(" ")
        return "…" + (cut[space + 1 :] if 0 <= space < limit // 2 else cut)
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut) + "…"


def _heading_text(raw: str) -> str:
    return raw.replace("\\_", "_").strip(" *:")


def make_label(text: str, page: Page, offset: int, fence_title: str) -> str:
    """A short, human-findable description: the section heading plus the text just before the block.

    The section is the last ``##`` heading, or heading that introduces an endpoint (one followed by a
    ```` ``` METHOD url ```` block), before the example.
    """
    before = text[page.offset : offset]
    section = ""
    lead_from = max(0, len(before) - 400)
    for m in _HEADING.finditer(before):
        if len(m.group("hashes")) == 2 or _ENDPOINT_AFTER.match(before, m.end()):
            section = _heading_text(m.group("text"))
        lead_from = max(lead_from, m.start())
    lead = before[lead_from:]
    for marker in ("```", "| "):
        cut = lead.rfind(marker)
        if cut >= 0:
            lead = lead[cut + len(marker) :]
    lead = _heading_text(re.sub(r"^#{1,6} ", "", lead.strip()).replace("**", ""))
    lead = fence_title or lead
    section = _clip(section, 38)
    parts = [p for p in (section, lead) if p]
    if len(parts) == 2 and (parts[1].lower() in parts[0].lower() or parts[0].lower() in parts[1].lower()):
        parts = [max(parts, key=len)]
    if len(parts) == 2:
        return f"{parts[0]} › {_clip(parts[1], LABEL_MAX - len(parts[0]) - 3, keep_end=True)}"
    return _clip(parts[0] if parts else page.title, LABEL_MAX, keep_end=True)


# --------------------------------------------------------------------------------------------------
# Cleaning


def _code_segments(text: str) -> Iterator[tuple[bool, str]]:
    """Split JSON-ish text into (is_string_literal, chunk) pieces."""
    i = 0
    n = len(text)
    while i < n:
        if text[i] == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            yield True, text[i : j + 1]
            i = j + 1
        else:
            j = text.find('"', i)
            j = n if j < 0 else j
            yield False, text[i:j]
            i = j


def _outside_strings(text: str, pattern: re.Pattern[str], repl: str) -> tuple[str, int]:
    total = 0
    out = []
    for is_string, chunk in _code_segments(text):
        if is_string:
            out.append(chunk)
        else:
            new, count = pattern.subn(repl, chunk)
            out.append(new)
            total += count
    return "".join(out), total


def _comment_ends(text: str, start: int, *, loose: bool) -> Iterator[int]:
    """Where a ``//`` comment that starts at ``start`` may end, most likely first."""
    for j in range(start + 2, len(text)):
        ch = text[j]
        if loose:
            if ch in '"}]':
                yield j
        elif (
            (ch == '"' and _KEY_AHEAD.match(text, j))
            or (ch in "}]" and _CLOSE_AHEAD.match(text, j))
            or (ch == "{" and _OPEN_AHEAD.match(text, j))
        ):
            yield j
    yield len(text)


def _without_comments(text: str, *, loose: bool) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Every way of cutting the ``//`` comments out of ``text``, most plausible first.

    Yields (text without comments, the removed comments). Strings are respected, so ``https://``
    inside a string literal is never taken for a comment.
    """
    i = 0
    in_string = False
    while i < len(text):
        ch = text[i]
        if in_string:
            if ch == "\\":
                i += 2
                continue
            in_string = ch != '"'
        elif ch == '"':
            in_string = True
        elif text.startswith("//", i):
            head = text[:i]
            for end in _comment_ends(text, i, loose=loose):
                comment = text[i:end]
                for rest, comments in _without_comments(text[end:], loose=loose):
                    yield head + rest, (comment, *comments)
            return
        i += 1
    yield text, ()


def _parse_all(text: str) -> tuple[Any, int]:
    """Parse one JSON value, or several in a row (returned as a list, with their count)."""
    decoder = json.JSONDecoder()
    values = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        value, pos = decoder.raw_decode(text, pos)
        values.append(value)
        while pos < len(text) and text[pos].isspace():
            pos += 1
    if not values:
        raise json.JSONDecodeError("empty", text, 0)
    return (values[0], 1) if len(values) == 1 else (values, len(values))


def _check_comment(comment: str) -> None:
    body = comment[2:]
    if "{" in body or "}" in body or _KEY_AHEAD.search(body):
        raise CleaningError(f"a removed comment would hold JSON structure: {comment[:60]!r}")


def clean_json(verbatim: str) -> Cleaned:
    """Turn a non-JSON example into the JSON value it stands for, recording every change."""
    steps: list[str] = []
    text = verbatim
    http = _HTTP_LINE.match(text)
    if http:
        steps.append(f"dropped the leading HTTP request line {http.group('line')!r}")
        text = text[http.end() :]
    for loose in (False, True):
        for candidate, comments in _without_comments(text, loose=loose):
            fixed, placeholders = _outside_strings(candidate, _PLACEHOLDER, "[]")
            fixed, commas = _outside_strings(fixed, _TRAILING_COMMA, "")
            try:
                value, count = _parse_all(fixed)
            except json.JSONDecodeError:
                continue
            for comment in comments:
                _check_comment(comment)
            found = list(steps)
            if comments:
                found.append(f"removed {len(comments)} // comment(s)")
            if placeholders:
                found.append(f"replaced {placeholders} [...] placeholder(s) with []")
            if commas:
                found.append(f"removed {commas} trailing comma(s)")
            if count > 1:
                found.append(f"the block holds {count} alternative JSON values; parsed is a list of them")
            return Cleaned(value, tuple(found))
    raise CleaningError("no faithful cleaning found")


# --------------------------------------------------------------------------------------------------
# Assembly


def load_docs(docs: Path) -> str:
    """The original docs text (UTF-8, exact)."""
    return (docs / DOCS_FILE_NAME).read_text(encoding="utf-8")


def load_mapping(path: Path) -> dict[str, dict[str, Any]]:
    """The hand-maintained id -> {operation, direction, payload, note} mapping."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object keyed by example id")
    return {str(k): dict(v) for k, v in data.items()}


def find_raw_examples(text: str) -> list[RawExample]:
    """All JSON blocks and cURL bodies, ordered by offset."""
    fences = find_fences(text)
    return sorted(find_json_blocks(text, fences) + find_curl_bodies(text, fences), key=lambda r: r.offset)


def page_slug(page: Page) -> str:
    """The id prefix of a page: its file stem without the common ``ai-tools-suite__`` prefix."""
    return page.stem.removeprefix(SLUG_PREFIX)


def build_examples(text: str, mapping: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The full list written to ``examples.json`` (mapping entries missing -> None fields)."""
    pages = find_pages(text)
    per_page: dict[str, int] = {}
    out = []
    for raw in find_raw_examples(text):
        page = page_at(pages, raw.offset)
        per_page[page.stem] = per_page.get(page.stem, 0) + 1
        ex_id = f"{page_slug(page)}-{per_page[page.stem]}"
        label = raw.curl_label or make_label(text, page, raw.offset, raw.fence_title)
        parsed: Any
        try:
            parsed = json.loads(raw.verbatim)
            parses, cleaning = True, None
        except json.JSONDecodeError:
            parses = False
            try:
                cleaned = clean_json(raw.verbatim)
                parsed, cleaning = cleaned.value, "; ".join(cleaned.steps)
            except CleaningError as exc:
                parsed, cleaning = None, f"not cleanable: {exc}"
        entry: dict[str, Any] = {
            "id": ex_id,
            "page": page.stem,
            "offset": raw.offset,
            "verbatim_offset": raw.verbatim_offset,
            "source": raw.source,
            "label": label,
            "verbatim": raw.verbatim,
            "parses": parses,
            "parsed": parsed,
            "cleaning": cleaning,
        }
        mapped = mapping.get(ex_id, {})
        for field in MAPPING_FIELDS:
            entry[field] = mapped.get(field)
        out.append(entry)
    return out


def check_mapping(examples: Sequence[Mapping[str, Any]], mapping: Mapping[str, Any]) -> list[str]:
    """Problems with the mapping: missing or unknown ids, bad directions."""
    problems = []
    ids = {e["id"] for e in examples}
    for e in examples:
        if e["id"] not in mapping:
            problems.append(f"{e['id']}: not in mapping.json (label: {e['label']})")
        elif e["direction"] not in DIRECTIONS:
            problems.append(f"{e['id']}: direction {e['direction']!r} is not one of {sorted(DIRECTIONS)}")
        elif not isinstance(e["payload"], bool):
            problems.append(f"{e['id']}: payload must be true or false")
    problems += [f"{k}: in mapping.json but no such example" for k in mapping if k not in ids]
    return problems


def render(examples: Sequence[Mapping[str, Any]]) -> str:
    """The exact text of ``examples.json``."""
    return json.dumps(list(examples), indent=2, ensure_ascii=False) + "\n"


def summary(examples: Sequence[Mapping[str, Any]]) -> str:
    """A few counts, for the console."""
    json_blocks = [e for e in examples if e["source"] == "json_block"]
    curls = [e for e in examples if e["source"] == "curl_data"]
    lines = [
        f"json blocks: {len(json_blocks)} ({sum(e['parses'] for e in json_blocks)} parse, "
        f"{sum(not e['parses'] for e in json_blocks)} do not)",
        f"curl bodies: {len(curls)} ({sum(e['parses'] for e in curls)} parse, "
        f"{sum(not e['parses'] for e in curls)} do not)",
        f"cleaned: {sum(e['cleaning'] is not None and e['parsed'] is not None for e in examples)}, "
        f"not cleanable: {sum(not e['parses'] and e['parsed'] is None for e in examples)}",
    ]
    directions: dict[str, int] = {}
    for e in examples:
        key = str(e["direction"])
        directions[key] = directions.get(key, 0) + 1
    lines.append("directions: " + ", ".join(f"{k}={v}" for k, v in sorted(directions.items())))
    lines.append(
        f"payload: {sum(e['payload'] is True for e in examples)}, not: "
        f"{sum(e['payload'] is False for e in examples)}"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help="the akool-docs folder")
    parser.add_argument("--mapping", type=Path, default=DEFAULT_MAPPING)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if --out is stale")
    args = parser.parse_args(argv)

    text = load_docs(args.docs)
    mapping = load_mapping(args.mapping) if args.mapping.exists() else {}
    examples = build_examples(text, mapping)
    problems = check_mapping(examples, mapping)
    for problem in problems:
        print(f"mapping: {problem}", file=sys.stderr)
    rendered = render(examples)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != rendered:
            print(f"{args.out} is out of date; rerun scripts/extract_doc_examples.py", file=sys.stderr)
            return 1
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(rendered, encoding="utf-8")
        print(f"wrote {len(examples)} examples to {args.out}")
    print(summary(examples))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
