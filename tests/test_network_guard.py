"""The suite's own guard: a test can reach loopback, and nothing else."""

from __future__ import annotations

import socket

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.network import OffLoopback, is_loopback
from tests.support.servers import receiver


def test_loopback_is_reachable() -> None:
    with receiver() as hook:
        assert httpx.post(hook.url, json={"ok": 1}).status_code == 200
        assert hook.wait_for(1) == [{"ok": 1}]


@pytest.mark.parametrize("address", ["10.0.0.1", "8.8.8.8", "2001:4860:4860::8888"])
def test_a_connection_off_loopback_is_refused(address: str) -> None:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock, pytest.raises(OffLoopback):
        sock.connect((address, 443))


def test_a_lookup_of_another_host_is_refused_and_clients_see_a_connection_error() -> None:
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("openapi.akool.com", 443)
    with pytest.raises(httpx.ConnectError):
        httpx.get("https://openapi.akool.com/api/open/v3/faceswap/quota/info", timeout=2)


@given(st.ip_addresses())
def test_only_loopback_and_wildcard_addresses_count_as_loopback(address: object) -> None:
    ip = address  # an IPv4Address or IPv6Address
    assert is_loopback(str(ip)) == (ip.is_loopback or ip.is_unspecified)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["localhost", "LOCALHOST.", "[::1]", "127.0.0.1"])
def test_local_names(name: str) -> None:
    assert is_loopback(name)
