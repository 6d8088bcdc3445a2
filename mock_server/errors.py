"""Akool business errors as exception types, mapped to the envelope in one place.

    AkoolError(code, msg)                 any business code; HTTP 200 like the real API
    ├── ValidationFailed                  1003, msg names the field and the rule
    ├── AuthMissing / AuthInvalid         1102 / 1101
    ├── AccountBanned                     1200
    ├── NotFound                          1008 by default, or the area's own code (1232, 1216, ...)
    ├── AlreadyExists                     1233 / 1222
    ├── InsufficientCredit                1006 or 1104, by area
    ├── RateLimited                       1005
    └── UnknownRoute                      HTTP 404, code 1008

The default message of each code is the docs' wording, from `schemas/data/error_codes.json`.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from akool_mock.schemas import SCHEMA_DIR

INTERNAL_ERROR = 1500


@cache
def code_messages() -> dict[int, str]:
    document = json.loads((SCHEMA_DIR / "data" / "error_codes.json").read_text(encoding="utf-8"))
    return {int(entry["code"]): str(entry["message"]) for entry in document["codes"]}


class AkoolError(Exception):
    """A business error: answered as `{code, msg}` with `http_status` (200 unless a subclass says)."""

    http_status = 200
    default_code = 1003

    def __init__(self, msg: str | None = None, code: int | None = None) -> None:
        self.code = code if code is not None else self.default_code
        self.msg = msg if msg is not None else code_messages().get(self.code, "error")
        super().__init__(f"{self.code}: {self.msg}")

    def envelope(self) -> dict[str, Any]:
        return {"code": self.code, "msg": self.msg}


class ValidationFailed(AkoolError):
    default_code = 1003


class AuthMissing(AkoolError):
    default_code = 1102


class AuthInvalid(AkoolError):
    default_code = 1101


class AccountBanned(AkoolError):
    default_code = 1200


class NotFound(AkoolError):
    default_code = 1008


class AlreadyExists(AkoolError):
    default_code = 1222


class InsufficientCredit(AkoolError):
    default_code = 1006


class RateLimited(AkoolError):
    default_code = 1005


class UnknownRoute(AkoolError):
    http_status = 404
    default_code = 1008


class InternalError(AkoolError):
    """An exception the fake did not expect: a bug in the fake, logged and counted."""

    http_status = 500
    default_code = INTERNAL_ERROR
