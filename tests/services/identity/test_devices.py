"""Sign-ins are named by browser and system, never by their raw User-Agent."""

from __future__ import annotations

import pytest

from runseason.services.identity.devices import device_name

CHROME_LINUX = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"


@pytest.mark.parametrize(
    ("agent", "name"),
    [
        (CHROME_LINUX, "Chrome on Linux"),
        (SAFARI_IPHONE, "Mobile Safari on iPhone"),
        (FIREFOX_WINDOWS, "Firefox on Windows"),
        (None, "an unknown device"),
        ("", "an unknown device"),
        ("python-httpx/0.27", "an unknown device"),
    ],
)
def test_a_user_agent_reads_as_browser_on_system(agent: str | None, name: str) -> None:
    assert device_name(agent) == name
