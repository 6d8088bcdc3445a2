"""Where webhooks may go: never to the fake itself, whatever the URL's spelling; elsewhere, as configured.

The default policy:

- Only `http` and `https` URLs.
- Never the fake itself: its port on any loopback or unspecified address (`localhost`, `127.0.0.1`, `127.1`,
  `0x7f000001`, `2130706433`, `[::1]`, `[::ffff:127.0.0.1]`, `0.0.0.0`, ...), the address it binds, its public
  URL, and Akool's own hosts (which the in-process fake answers). A DNS name is resolved and every address it
  gives is checked; the connection then goes to the checked address (the URL's name stays in the Host header
  and TLS), so a name cannot resolve to something else between the check and the POST. Redirects are never
  followed: a 3xx is an answer other than 200, retried like any other.
- Never link-local, multicast or reserved addresses (cloud metadata services live at 169.254.169.254).
- Anything else (public hosts, private networks, loopback on other ports) is allowed, unless an allowlist is
  set: then only its entries, `host` (ports 80 and 443), `host:port`, or `host:*` (any port).

A test may allow the fake itself explicitly (`webhook_allow_self`); nothing else lifts the first rule.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import httpx

AKOOL_HOSTS = ("openapi.akool.com", "sg3.akool.com")
DEFAULT_PORTS = {"http": 80, "https": 443}
ANY_PORT = -1
KNOWN_URLS = 4096
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]
_NUMERIC_V4 = re.compile(r"[0-9a-fA-FxX.]+")


class Refused(Exception):
    """A destination the policy does not allow; the message says why."""


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses a connection to `host` would try, as the operating system resolves them."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def parse_allow(entry: str) -> tuple[str, int | None]:
    """`host` → (host, None: the scheme's default port), `host:port`, `host:*` → (host, ANY_PORT)."""
    text = entry.strip().lower()
    host, port_text = text, ""
    if text.startswith("["):
        host, closed, rest = text[1:].partition("]")
        port_text = rest.removeprefix(":")
        if not closed or (rest and not rest.startswith(":")) or literal_address(host) is None:
            raise ValueError(f"webhook allowlist entry {entry!r}: use [IPv6] or [IPv6]:port")
    elif text.count(":") == 1:
        host, _, port_text = text.partition(":")
    elif ":" in text and literal_address(text) is None:
        raise ValueError(f"webhook allowlist entry {entry!r}: write an IPv6 address in brackets")
    if not host or (port_text and port_text != "*" and not port_text.isdigit()):
        raise ValueError(f"webhook allowlist entry {entry!r}: use host, host:port or host:*")
    if port_text == "*":
        return host, ANY_PORT
    if port_text:
        port = int(port_text)
        if not 0 < port < 65536:
            raise ValueError(f"webhook allowlist entry {entry!r}: port {port} out of range")
        return host, port
    return host, None


def literal_address(host: str) -> IPAddress | None:
    """The address a host spelled as a number means (every form the C library accepts), without DNS."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _NUMERIC_V4.fullmatch(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def _local(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_unspecified


def _forbidden_kind(address: IPAddress) -> str | None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if _local(address):  # ::1 and :: sit in a reserved block; loopback is a receiver's place
        return None
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if address.is_reserved and not address.is_unspecified:
        return "reserved"
    return None


@dataclass(frozen=True, slots=True)
class Target:
    """Where to connect for one POST: the URL with the checked address, and what keeps the name."""

    url: str
    headers: dict[str, str] = field(default_factory=dict)
    extensions: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Destinations:
    """The webhook destination policy of one fake (mutable through the control API)."""

    port: int
    self_hosts: frozenset[str] = frozenset(AKOOL_HOSTS)
    self_origins: frozenset[tuple[str, int]] = frozenset()
    allowlist: tuple[str, ...] = ()
    allow_self: bool = False
    resolver: Resolver = system_resolver
    _rules: dict[str, set[int | None]] = field(default_factory=dict)
    # Verdicts on URLs that need no resolver (a numeric host): receivers reuse one URL for every job, and
    # parsing it costs more than the rest of a delivery's bookkeeping. Cleared when the policy changes.
    _known: dict[str, Target | Refused] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.set_allowlist(self.allowlist)

    @classmethod
    def for_fake(
        cls, host: str, port: int, public_url: str | None, allowlist: Iterable[str], allow_self: bool
    ) -> Destinations:
        origins = {(host.lower(), port)}
        if public_url:
            url = httpx.URL(public_url)
            origins.add((url.host.lower(), url.port or DEFAULT_PORTS.get(url.scheme, 80)))
        return cls(port, frozenset(AKOOL_HOSTS), frozenset(origins), tuple(allowlist), allow_self)

    def set_allowlist(self, entries: Iterable[str]) -> None:
        rules: dict[str, set[int | None]] = {}
        for entry in entries:
            host, port = parse_allow(entry)
            rules.setdefault(host, set()).add(port)
        self._rules = rules
        self.allowlist = tuple(entries)
        self._known.clear()

    def set_allow_self(self, allow: bool) -> None:
        self.allow_self = allow
        self._known.clear()

    def as_dict(self) -> dict[str, object]:
        return {"allowlist": list(self.allowlist), "allow_self": self.allow_self}

    # ----- checks -----------------------------------------------------------------------------------
    def screen(self, url: str) -> None:
        """Check what the URL says, without resolving it; raise Refused."""
        known = self._known.get(url)
        if isinstance(known, Refused):
            raise known
        if known is not None:
            return
        scheme, host, port = self._parts(url)
        if self._rules and not self._listed(host, scheme, port):
            raise Refused(f"destination {host}:{port} not in the webhook allowlist")
        if self.allow_self:
            return
        if host.rstrip(".") in self.self_hosts or (host, port) in self.self_origins:
            raise Refused(f"destination {host}:{port} is the fake itself")
        if host.rstrip(".") == "localhost" or host.rstrip(".").endswith(".localhost"):
            self._check_address(ipaddress.ip_address("127.0.0.1"), port, host)
        address = literal_address(host)
        if address is not None:
            self._check_address(address, port, host)

    def needs_resolving(self, url: str) -> bool:
        """Whether `pin` would ask the resolver (a host name; numbers are read without it)."""
        if url in self._known:
            return False
        try:
            host = httpx.URL(url).raw_host.decode("ascii")
        except (httpx.InvalidURL, TypeError, ValueError):
            return False
        return literal_address(host) is None

    def pin(self, url: str) -> Target:
        """Screen the URL, resolve a host name, check every address it gives, and return the URL to connect
        to: the first address, with the name kept in the Host header and for TLS (SNI and the certificate)."""
        known = self._known.get(url)
        if isinstance(known, Target):
            return known
        if known is not None:
            raise known
        self.screen(url)
        scheme, host, port = self._parts(url)
        if literal_address(host) is not None or self.allow_self:
            return self._remember(url, Target(url))  # a number connects to exactly what `screen` checked
        found = self.resolve(host, port)
        if not found:
            raise Refused(f"destination {host} does not resolve")
        for text in found:
            self._check_address(ipaddress.ip_address(text.split("%", 1)[0]), port, host)
        parsed = httpx.URL(url)
        name = parsed.raw_host.decode("ascii")
        host_header = name if port == DEFAULT_PORTS[scheme] else f"{name}:{port}"
        extensions = {"sni_hostname": name} if scheme == "https" else {}
        target = parsed.copy_with(host=found[0].split("%", 1)[0])
        return Target(str(target), {"host": host_header}, extensions)

    def _remember(self, url: str, verdict: Target) -> Target:
        if len(self._known) >= KNOWN_URLS:
            self._known.clear()
        self._known[url] = verdict
        return verdict

    def resolve(self, host: str, port: int) -> list[str]:
        try:
            return self.resolver(host, port)
        except OSError as exc:
            raise Refused(f"destination {host} does not resolve: {exc}") from None

    def _parts(self, url: str) -> tuple[str, str, int]:
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError) as exc:
            raise Refused(f"webhook URL {url!r} is not a URL: {exc}") from None
        if parsed.scheme not in DEFAULT_PORTS or not parsed.host:
            raise Refused(f"webhook URL {url!r} must be http(s) with a host")
        port = parsed.port or DEFAULT_PORTS[parsed.scheme]
        return parsed.scheme, parsed.raw_host.decode("ascii").lower(), port

    def _listed(self, host: str, scheme: str, port: int) -> bool:
        ports = self._rules.get(host) or self._rules.get(host.rstrip(".")) or set()
        return ANY_PORT in ports or port in ports or (None in ports and port == DEFAULT_PORTS[scheme])

    def _check_address(self, address: IPAddress, port: int, host: str) -> None:
        if self.allow_self:
            return
        if _local(address) and port == self.port:
            raise Refused(f"destination {host}:{port} ({address}) is the fake itself")
        if (str(address), port) in self.self_origins:
            raise Refused(f"destination {host}:{port} ({address}) is the fake itself")
        kind = _forbidden_kind(address)
        if kind is not None:
            raise Refused(f"destination {host} ({address}) is a {kind} address")
