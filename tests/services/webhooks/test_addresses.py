"""Webhooks go to public addresses only; the test setting opens 127.0.0.1 and nothing more."""

from __future__ import annotations

import pytest

from runseason.errors import InvalidInput
from runseason.services.webhooks.addresses import check_url

REFUSED = [
    "http://127.0.0.1/hooks",
    "http://localhost:8000/hooks",
    "http://10.0.0.5/hooks",
    "http://192.168.1.20/hooks",
    "http://172.16.0.1/hooks",
    "http://169.254.169.254/latest/meta-data",
    "http://100.64.0.1/hooks",
    "http://[::1]/hooks",
    "http://[fe80::1]/hooks",
    "http://[fd00:ec2::254]/hooks",
    "http://[::ffff:127.0.0.1]/hooks",
    "http://0.0.0.0/hooks",
    "http://224.0.0.1/hooks",
]


@pytest.mark.parametrize("url", REFUSED)
def test_private_loopback_link_local_and_metadata_addresses_are_refused(url: str) -> None:
    with pytest.raises(InvalidInput, match="url"):
        check_url(url)


@pytest.mark.parametrize(
    "url", ["ftp://example.com/x", "http:///nohost", "https://user:pw@example.com/x"]
)
def test_other_schemes_and_credentials_are_refused(url: str) -> None:
    with pytest.raises(InvalidInput, match="url"):
        check_url(url)


def test_a_public_address_is_accepted_with_its_port() -> None:
    assert check_url("https://93.184.215.14:8443/hooks")[:2] == ("93.184.215.14", 8443)


@pytest.mark.usefixtures("loopback")
def test_the_test_setting_opens_127_0_0_1_alone() -> None:
    assert str(check_url("http://127.0.0.1:9000/hooks")[2]) == "127.0.0.1"
    for url in ("http://127.0.0.2/hooks", "http://10.0.0.5/hooks", "http://[::1]/hooks"):
        with pytest.raises(InvalidInput):
            check_url(url)
