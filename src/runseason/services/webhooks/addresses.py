"""Which addresses a webhook may be sent to: public ones only.

An endpoint's host is resolved and every address it resolves to is checked, at registration and
again before each delivery (a name can be pointed elsewhere later). Private, loopback,
link-local (cloud metadata at 169.254.169.254), shared, multicast and reserved addresses are
refused. Tests relax this for 127.0.0.1 alone with ``webhooks_allow_loopback``.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from runseason.config import get_settings
from runseason.errors import InvalidInput

TEST_LOOPBACK = ipaddress.ip_address("127.0.0.1")
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _allowed(address: IPAddress, allow_loopback: bool) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if allow_loopback and address == TEST_LOOPBACK:
        return True
    return address.is_global and not address.is_multicast


def _resolve(host: str, port: int) -> list[IPAddress]:
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    else:
        return [literal]
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise InvalidInput(f"url: the host '{host}' cannot be resolved") from None
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in found]


def check_url(url: str) -> tuple[str, int, IPAddress]:
    """The URL's host, port and the public address to connect to; ``InvalidInput`` otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput("url: give an http:// or https:// address with a host name")
    if parts.username or parts.password:
        raise InvalidInput("url: credentials in the address are not allowed")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise InvalidInput("url: the port is not a number between 1 and 65535") from None
    addresses = _resolve(parts.hostname, port)
    allow = get_settings().webhooks_allow_loopback
    refused = [a for a in addresses if not _allowed(a, allow)]
    if refused or not addresses:
        raise InvalidInput(
            f"url: '{parts.hostname}' points to a private, loopback, link-local or reserved "
            "address; webhooks go to public addresses only"
        )
    return parts.hostname, port, addresses[0]
