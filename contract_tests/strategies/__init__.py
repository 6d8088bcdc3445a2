"""Test cases from the contract: the ONLY place that knows how requests are generated.

A request schema (JSON Schema 2020-12: type, properties, required, enum, const, bounds, pattern, items,
oneOf/anyOf/allOf, if/then/else, not, $ref) becomes a hypothesis strategy of request instances
`{"body": ..., "query": ..., "path": ...}`:

- every `$ref` is inlined once per operation (through the catalog's local `referencing` registry);
- a node is the conjunction of its parts (allOf, $ref and the node itself), merged into one `Shape`;
  one alternative of each anyOf/oneOf is chosen, then the value is drawn by type;
- strings come from faker, chosen by field name and pattern (image, video and audio URLs by field name,
  names, text, language codes), seeded from a hypothesis-drawn integer so a run reproduces;
- `refs` (field name → values) override generation where the target knows the only good values (a voice
  id that exists, the webhook URL of a receiver);
- objects are repaired until their if/then/else and `not` clauses hold, and the whole request is filtered
  by the real validator, so every generated case is valid.

Negative cases take a valid case and break ONE rule at one field (`MUTATIONS`), keep it only when the
validator finds violations and all of them are at that field, and label it `(rule, field)`.
`missing_required` is the fixed pass beside the sample: every required field of a case dropped once.
"""

from akool_mock.contract_tests.strategies.negative import (
    RULES,
    Negative,
    breakable,
    missing_required,
    negative_case,
    negative_requests,
)
from akool_mock.contract_tests.strategies.schema import request_schema, shape_of, valid
from akool_mock.contract_tests.strategies.values import Refs, realistic, valid_requests

__all__ = [
    "RULES",
    "Negative",
    "Refs",
    "breakable",
    "missing_required",
    "negative_case",
    "negative_requests",
    "realistic",
    "request_schema",
    "shape_of",
    "valid",
    "valid_requests",
]
