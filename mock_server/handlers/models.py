"""AI model list (page ai-tools-suite__aimodel).

The models come from the seeded catalog `ai_models` (fixtures/canonical/ai_models.json: the page's example
items, plus the character swap model its page names). `data` is a plain array, filtered by the requested
types and ordered by `sort`, highest first ("Sort order (higher values appear first)").
"""

from __future__ import annotations

import copy
from typing import Any

from akool_mock.mock_server.handlers.base import Call, Handler, Reply
from akool_mock.mock_server.handlers.common import ok

CATALOG = "ai_models"


def requested_types(query: dict[str, Any]) -> set[int]:
    """`types[]` (what every client sends) and `types` together; one value or a list, as ints.

    The query converter gives a repeated parameter as a list and a single one as a string (or already an
    int when the schema converted it), so both are read here; a value that is not a number selects nothing.
    """
    wanted: set[int] = set()
    for name in ("types[]", "types"):
        value = query.get(name)
        values = value if isinstance(value, list) else [] if value is None else [value]
        for item in values:
            try:
                wanted.add(int(item))
            except (TypeError, ValueError):
                continue
    return wanted


def list_models(call: Call) -> Reply:
    wanted = requested_types(call.query)
    models = [m for m in call.backend.seeded.get(CATALOG, []) if m.get("type") in wanted]
    models.sort(key=lambda m: -int(m.get("sort", 0)))
    # Copies: a client (or a test) that edits the answer must not change the seeded catalog.
    return ok(copy.deepcopy(models))


HANDLERS: dict[str, Handler] = {"models.list": list_models}
