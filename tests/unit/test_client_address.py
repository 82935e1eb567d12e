"""Behind a reverse proxy the rate limits count the client, never the proxy."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import make_mocked_request

from bot.http.client_address import client_address, parse_networks

PROXIES = parse_networks("10.0.0.0/8, 192.168.1.5")


def request(remote: str, forwarded: str | None = None):
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    req = make_mocked_request("GET", "/webchat/history", headers=headers)
    return req.clone(remote=remote)


@pytest.mark.parametrize(
    ("remote", "forwarded", "client"),
    [
        ("10.1.2.3", "203.0.113.7", "203.0.113.7"),  # one trusted proxy
        ("10.1.2.3", "198.51.100.1, 203.0.113.7, 10.9.9.9", "203.0.113.7"),  # two, a forged hop
        ("10.1.2.3", "2001:db8::1", "2001:db8::1"),
        ("203.0.113.9", "198.51.100.1", "203.0.113.9"),  # not our proxy: the header means nothing
        ("10.1.2.3", None, "10.1.2.3"),
        ("10.1.2.3", "not-an-address", "10.1.2.3"),
        ("192.168.1.5", "10.0.0.1, 10.0.0.2", "192.168.1.5"),  # only proxies: the nearest
    ],
)
def test_the_client_is_the_rightmost_untrusted_hop(remote, forwarded, client):
    assert client_address(request(remote, forwarded), PROXIES) == client


def test_without_trusted_proxies_the_header_is_ignored():
    assert client_address(request("10.1.2.3", "203.0.113.7"), []) == "10.1.2.3"


def test_a_bad_setting_names_itself(make_settings):
    with pytest.raises(ValueError, match=r"'10\.0\.0\.300'"):
        parse_networks("10.0.0.0/8,10.0.0.300")
    problems = make_settings(trusted_proxies="nonsense").problems()
    assert any(p.startswith("TRUSTED_PROXIES:") for p in problems)
