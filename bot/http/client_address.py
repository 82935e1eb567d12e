"""The client's address for per-client limits. Behind a reverse proxy every request comes
from the proxy: the client is the rightmost X-Forwarded-For hop that is not one of our
TRUSTED_PROXIES (the hops left of it are the client's own say, and can be forged)."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from aiohttp import web

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(value: str) -> list[Network]:
    """TRUSTED_PROXIES: comma-separated addresses or networks. ValueError names a bad one."""
    networks: list[Network] = []
    for part in (p.strip() for p in value.split(",")):
        if part:
            try:
                networks.append(ipaddress.ip_network(part, strict=False))
            except ValueError:
                raise ValueError(f"{part!r} is not an address or network") from None
    return networks


def _trusted(address: str, networks: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request: web.Request, trusted: Sequence[Network]) -> str:
    remote = request.remote or "unknown"
    if not trusted or not _trusted(remote, trusted):
        return remote  # not through one of our proxies: its X-Forwarded-For means nothing
    hops = [h.strip() for h in ",".join(request.headers.getall("X-Forwarded-For", [])).split(",")]
    for hop in reversed([h for h in hops if h]):
        if not _trusted(hop, trusted):
            try:
                return str(ipaddress.ip_address(hop.strip("[]")))
            except ValueError:
                return remote  # a hop our proxy wrote that is no address: fall back to it
    return remote
