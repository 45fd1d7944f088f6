"""A sign-in's device in words ("Chrome on Linux", "Mobile Safari on iPhone") from the browser's
User-Agent header, read with ua-parser's rules."""

from __future__ import annotations

from functools import lru_cache

from ua_parser import parse


@lru_cache(maxsize=256)
def device_name(user_agent: str | None) -> str:
    """The browser and system of a User-Agent, or "an unknown device"."""
    if not user_agent:
        return "an unknown device"
    result = parse(user_agent)
    browser = result.user_agent.family if result.user_agent else None
    device = result.device.family if result.device and result.device.family != "Other" else None
    system = result.os.family if result.os else None
    where = device if device and device not in ("Mac", "Generic Smartphone") else system
    if browser and browser != "Other":
        return f"{browser} on {where}" if where and where != "Other" else browser
    return where if where and where != "Other" else "an unknown device"
