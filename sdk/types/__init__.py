"""Result and parameter types, one module per area; the common ones are re-exported here."""

from akool_mock.sdk.types._base import JobRef, JobStatus, WireModel, WireNames, from_wire

__all__ = ["JobRef", "JobStatus", "WireModel", "WireNames", "from_wire"]
