"""akool-mock: a faithful fake of the Akool API, its JSON Schema contract, a reference SDK, a contract suite.

    from akool_mock import FakeAkool                      # the in-process fake (httpx, requests, aiohttp)
    from akool_mock.sdk import AkoolClient, AsyncAkoolClient

The parts live in subpackages: `akool_mock.mock_server` (the fake), `akool_mock.schemas` (the contract),
`akool_mock.sdk` (the reference client), `akool_mock.contract_tests` (the suite and its pytest plugin) and
`akool_mock.fixtures` (doc examples, vectors, media). `python -m akool_mock` is the `akool-mock` command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from akool_mock._version import __version__

if TYPE_CHECKING:
    from akool_mock.mock_server.drift import validate_exchange
    from akool_mock.mock_server.inprocess import FakeAkool

__all__ = ["FakeAkool", "__version__", "validate_exchange"]


def __getattr__(name: str) -> Any:
    # Imported lazily: `import akool_mock` (and the pytest plugin that imports it) stays cheap.
    if name == "FakeAkool":
        from akool_mock.mock_server.inprocess import FakeAkool

        return FakeAkool
    if name == "validate_exchange":
        from akool_mock.mock_server.drift import validate_exchange

        return validate_exchange
    raise AttributeError(f"module 'akool_mock' has no attribute {name!r}")
