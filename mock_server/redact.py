"""Secrets taken out of recorded exchanges before they are written anywhere.

Two passes, so that a secret cannot survive by being copied somewhere unexpected:

1. by name: the headers `x-api-key`, `Authorization`, `Cookie`, ...; JSON fields and query parameters whose
   name says secret (`clientSecret`, `token`, `agora_token`, `password`, `api_key`, ...); the user and
   password of any URL (`https://user:pass@my.app/hook`) and its secret-named query parameters (`?token=...`);
2. by value: every value found in pass 1 is then replaced wherever else it appears (echoed in an answer,
   inside a URL, in another header), JSON-escaped and percent-encoded spellings too.

Both the recorder and replay use the same `redact_json`, so a live request matches its redacted recording.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, quote, quote_plus, urlencode, urlsplit, urlunsplit

REDACTED = "REDACTED"
SECRET_HEADERS = frozenset(
    {"x-api-key", "authorization", "proxy-authorization", "cookie", "set-cookie", "x-akool-mock-token"}
)
SECRET_NAME = re.compile(r"secret|token|passw|api[-_]?key|credential|private[-_]?key|signature|auth", re.I)
MIN_SECRET_CHARS = 4  # shorter values are not replaced by value (they would hit ordinary text)
_URL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^\s\"'<>]+")


def is_secret_name(name: str) -> bool:
    return bool(SECRET_NAME.search(name))


@dataclass
class Redactor:
    """Redacts one exchange; remembers the secret values it took out for the second pass."""

    found: set[str] = field(default_factory=set)

    def _keep(self, value: str) -> str:
        for part in (value, value.removeprefix("Bearer ").removeprefix("bearer ").strip()):
            if len(part) >= MIN_SECRET_CHARS:
                self.found.add(part)
        return REDACTED

    def header(self, name: str, value: str) -> str:
        if name.lower() in SECRET_HEADERS or is_secret_name(name):
            return self._keep(value)
        return self.text(value)

    def url(self, url: str) -> str:
        """A URL without its user, password and secret-named query values (unchanged when it has none)."""
        try:
            parts = urlsplit(url)
        except ValueError:
            return url
        netloc, query = parts.netloc, parts.query
        if "@" in netloc:
            userinfo, _, hostport = netloc.rpartition("@")
            for piece in userinfo.split(":"):
                self._keep(piece)
            netloc = f"{REDACTED}@{hostport}"
        pairs = parse_qsl(query, keep_blank_values=True) if query else []
        if any(is_secret_name(name) for name, _ in pairs):
            query = urlencode([(n, self._keep(v) if is_secret_name(n) else v) for n, v in pairs])
        if (netloc, query) == (parts.netloc, parts.query):
            return url
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))

    def text(self, value: str) -> str:
        """A free string: the URLs in it lose their credentials."""
        if "://" not in value:
            return value
        return _URL.sub(lambda m: self.url(m.group(0)), value)

    def json(self, value: Any) -> Any:
        """A JSON value with secret-named fields replaced and URLs cleaned."""
        if isinstance(value, dict):
            return {k: self._field(k, v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.json(item) for item in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def _field(self, name: str, value: Any) -> Any:
        if is_secret_name(name) and (isinstance(value, str | int | float) and not isinstance(value, bool)):
            return self._keep(str(value))
        return self.json(value)

    def pairs(self, pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(n, self._keep(v) if is_secret_name(n) else self.text(v)) for n, v in pairs]

    def scrub(self, value: Any) -> Any:
        """Pass 2: every secret value found so far, replaced wherever it appears in `value` (any JSON)."""
        if not self.found:
            return value
        # A secret inside JSON text appears escaped (`\"`, `\\`, `\u00e9`): each spelling is replaced.
        spellings = {form for secret in self.found for form in _spellings(secret)}
        return _replace_all(value, sorted(spellings, key=len, reverse=True))


def _spellings(secret: str) -> tuple[str, ...]:
    escaped = (json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1])
    return (secret, *escaped, quote(secret, safe=""), quote_plus(secret, safe=""))


def _replace_all(value: Any, secrets: list[str]) -> Any:
    if isinstance(value, str):
        for secret in secrets:
            if secret in value:
                value = value.replace(secret, REDACTED)
        return value
    if isinstance(value, dict):
        return {k: _replace_all(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_all(item, secrets) for item in value]
    return value


def redact_json(value: Any) -> Any:
    """Pass 1 alone, for matching a live request against a redacted recording."""
    return Redactor().json(value)
