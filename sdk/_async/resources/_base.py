"""What every area's resource class shares: the client it sends through."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from akool_mock.sdk._operations import spec_for

if TYPE_CHECKING:
    from akool_mock.sdk._async.client import AsyncAkoolClient


class AsyncResource:
    """One area of the API (`client.<area>`); its methods are named after the catalog's operation ids."""

    def __init__(self, client: AsyncAkoolClient) -> None:
        self._client = client

    async def _call(
        self,
        op_id: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        path: Mapping[str, str] | None = None,
    ) -> Any:
        """Send operation `op_id` (wire names already applied) and return the unwrapped `data`."""
        return await self._client._send(spec_for(op_id, params=params, json=json, path=path))


def joined(ids: str | Sequence[str]) -> str:
    """Akool takes several ids as one comma-separated string (`_ids=a,b`)."""
    return ids if isinstance(ids, str) else ",".join(ids)


def member(data: Any, key: str) -> Any:
    """`data[key]` when `data` is an object (None otherwise: from_wire then says what is missing)."""
    return data.get(key) if isinstance(data, Mapping) else None
