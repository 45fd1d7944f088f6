"""Rate limits over a moving window: in this process's memory by default, in Redis when set.

With ``RUNSEASON_REDIS_URL`` set, every process shares one count (``limits``' moving window in
Redis). In memory the windows are kept here (``MemoryWindows``): a hit touches only its own key,
where ``limits``' memory storage runs a timer thread that visits every key.
"""

from __future__ import annotations

import math
import threading
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable
from functools import cache, lru_cache

from limits import RateLimitItem, parse
from limits.storage import RedisStorage, Storage
from limits.strategies import MovingWindowRateLimiter

from runseason.config import get_settings
from runseason.errors import RateLimited

SWEEP_INTERVAL_S = 60.0


class RateLimiter(ABC):
    """A moving-window limiter: at most ``amount`` events for a key in any ``period`` seconds."""

    @abstractmethod
    def hit(self, key: str, rate: str | RateLimitItem) -> bool:
        """Count one event for ``key``; False (and nothing counted) when the limit is reached."""

    @abstractmethod
    def test(self, key: str, rate: str | RateLimitItem) -> bool:
        """Whether one more event would be allowed, without counting it."""

    @abstractmethod
    def remaining(self, key: str, rate: str | RateLimitItem) -> int:
        """Events left in the current window."""

    @abstractmethod
    def retry_after_s(self, key: str, rate: str | RateLimitItem) -> int:
        """Seconds until the window has room again (at least 1)."""

    @abstractmethod
    def clear(self, key: str, rate: str | RateLimitItem) -> None:
        """Forget the count of one key (after a successful sign-in, for instance)."""

    def enforce(self, key: str, rate: str | RateLimitItem, message: str | None = None) -> None:
        """Count one event, or raise ``RateLimited`` with the seconds to wait."""
        if not self.hit(key, rate):
            wait = self.retry_after_s(key, rate)
            raise RateLimited(message or f"Too many requests; try again in {wait} s.", detail=wait)


class Limiter(RateLimiter):
    """``limits``' moving window over a shared storage (Redis)."""

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

    def clear(self, key: str, rate: str | RateLimitItem) -> None:
        """Forget the count of one key (after a successful sign-in, for instance)."""
        self._limiter.clear(_item(rate), key)


class MemoryWindows(RateLimiter):
    """Moving windows in this process's memory: per key and rate, the times of its recent events.

    One lock guards the windows; every operation is a few deque steps on one key.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._windows: dict[tuple[str, int, int], deque[float]] = {}
        self._next_sweep = clock() + SWEEP_INTERVAL_S

    def _window(self, key: str, item: RateLimitItem, now: float) -> deque[float]:
        """The key's events still inside the window (older ones dropped); lock held."""
        period = item.get_expiry()
        events = self._windows.setdefault((key, item.amount, period), deque())
        while events and events[0] <= now - period:
            events.popleft()
        return events

    def _sweep(self, now: float) -> None:
        """Forget the keys with no event left in their window (lock held)."""
        self._next_sweep = now + SWEEP_INTERVAL_S
        stale = [k for k, events in self._windows.items() if not events or events[-1] <= now - k[2]]
        for k in stale:
            del self._windows[k]

    def hit(self, key: str, rate: str | RateLimitItem) -> bool:
        """Count one event for ``key``; False (and nothing counted) when the limit is reached."""
        item, now = _item(rate), self._clock()
        with self._lock:
            if now >= self._next_sweep:
                self._sweep(now)
            events = self._window(key, item, now)
            if len(events) >= item.amount:
                return False
            events.append(now)
            return True

    def test(self, key: str, rate: str | RateLimitItem) -> bool:
        """Whether one more event would be allowed, without counting it."""
        return self.remaining(key, rate) > 0

    def remaining(self, key: str, rate: str | RateLimitItem) -> int:
        """Events left in the current window."""
        item, now = _item(rate), self._clock()
        with self._lock:
            return max(0, item.amount - len(self._window(key, item, now)))

    def retry_after_s(self, key: str, rate: str | RateLimitItem) -> int:
        """Seconds until the window has room again (at least 1)."""
        item, now = _item(rate), self._clock()
        with self._lock:
            events = self._window(key, item, now)
            if len(events) < item.amount:
                return 1
            return max(1, math.ceil(events[-item.amount] + item.get_expiry() - now))

    def clear(self, key: str, rate: str | RateLimitItem) -> None:
        """Forget the count of one key (after a successful sign-in, for instance)."""
        item = _item(rate)
        with self._lock:
            self._windows.pop((key, item.amount, item.get_expiry()), None)

    def keys(self) -> int:
        """How many windows are kept (for tests of the sweep)."""
        with self._lock:
            return len(self._windows)


@lru_cache(maxsize=64)
def _parsed(rate: str) -> RateLimitItem:
    return parse(rate)  # a regex match and a new item at every call otherwise


def _item(rate: str | RateLimitItem) -> RateLimitItem:
    return _parsed(rate) if isinstance(rate, str) else rate


def make_limiter(redis_url: str | None = None) -> RateLimiter:
    """A limiter on Redis when a URL is given, else in this process's memory."""
    if redis_url:
        return Limiter(RedisStorage(redis_url))
    return MemoryWindows()


@cache
def limiter() -> RateLimiter:
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
