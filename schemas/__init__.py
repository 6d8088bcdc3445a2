"""The Akool API contract: a catalog of operations and JSON Schemas for their requests and responses.

This package imports nothing else of the project; everything else imports it.
"""

from akool_mock.schemas.catalog import (
    Catalog,
    JobSpec,
    Operation,
    PollSpec,
    Webhook,
    load_catalog,
    read_catalog,
)
from akool_mock.schemas.registry import SCHEMA_DIR, SchemaStore, Violation

__all__ = [
    "SCHEMA_DIR",
    "Catalog",
    "JobSpec",
    "Operation",
    "PollSpec",
    "SchemaStore",
    "Violation",
    "Webhook",
    "load_catalog",
    "read_catalog",
]
