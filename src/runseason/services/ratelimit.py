"""Rate limits with the ``limits`` library: in memory by default, in Redis when configured.

With ``RUNSEASON_REDIS_URL`` set, every process shares one count, so several API workers or a
web and an API process limit together.
"""

from __future__ import annotations

import math
import time
from functools import cache

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage, RedisStorage, Storage
from limits.strategies import MovingWindowRateLimiter

from runseason.config import get_settings
from runseason.errors import RateLimited


class Limiter:
    """A moving-window limiter over one storage."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self._limiter = MovingWindowRateLimiter(storage)

    def hit(self, key: str, rate: str | RateLimitItem) -> bool:
        """Count one event for ``key``; False when the limit is already reached."""
        return self._limiter.hit(_item(rate), key)

    def test(self, key: str, rate: str | RateLimitItem) -> bool:
        """Whether one more event would be allowed, without counting it."""
        return self._limiter.test(_item(rate), key)

    def retry_after_s(self, key: str, rate: str | RateLimitItem) -> int:
        """Seconds until the window has room again (at least 1)."""
        reset_at, _remaining = self._limiter.get_window_stats(_item(rate), key)
        return max(1, math.ceil(reset_at - time.time()))

    def remaining(self, key: str, rate: str | RateLimitItem) -> int:
        """Events left in the current window."""
        return int(self._limiter.get_window_stats(_item(rate), key)[1])

    def enforce(self, key: str, rate: str | RateLimitItem, message: str | None = None) -> None:
        """Count one event, or raise ``RateLimited`` with the seconds to wait."""
        if not self.hit(key, rate):
            wait = self.retry_after_s(key, rate)
            raise RateLimited(message or f"Too many requests; try again in {wait} s.", detail=wait)

    def clear(self, key: str, rate: str | RateLimitItem) -> None:
        """Forget the count of one key (after a successful sign-in, for instance)."""
        self._limiter.clear(_item(rate), key)


def _item(rate: str | RateLimitItem) -> RateLimitItem:
    return parse(rate) if isinstance(rate, str) else rate


def make_limiter(redis_url: str | None = None) -> Limiter:
    """A limiter on Redis when a URL is given, else in this process's memory."""
    if redis_url:
        return Limiter(RedisStorage(redis_url))
    return Limiter(MemoryStorage())


@cache
def limiter() -> Limiter:
    """The process-wide limiter chosen by the settings."""
    url = get_settings().redis_url
    return make_limiter(url.get_secret_value() if url else None)


def reset_limiter() -> None:
    """Drop the process-wide limiter (tests, or after the settings change)."""
    limiter.cache_clear()


def hit(key: str, rate: str) -> bool:
    """Count one event on the process-wide limiter."""
    return limiter().hit(key, rate)


def enforce(key: str, rate: str, message: str | None = None) -> None:
    """Count one event on the process-wide limiter or raise ``RateLimited``."""
    limiter().enforce(key, rate, message)
