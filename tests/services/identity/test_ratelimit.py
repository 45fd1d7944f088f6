"""Rate limits in memory and shared through Redis."""

from __future__ import annotations

import threading
import uuid

import pytest
import redis

from runseason.errors import RateLimited
from runseason.services.identity.ratelimit import SWEEP_INTERVAL_S, MemoryWindows, make_limiter

REDIS_URL = "redis://127.0.0.1:6379/0"


def test_memory_limiter_allows_up_to_the_rate_then_refuses() -> None:
    limiter = make_limiter()
    assert [limiter.hit("k", "3/minute") for _ in range(4)] == [True, True, True, False]
    assert limiter.remaining("k", "3/minute") == 0
    with pytest.raises(RateLimited) as caught:
        limiter.enforce("k", "3/minute")
    assert 1 <= caught.value.detail <= 60


def test_limits_are_per_key() -> None:
    limiter = make_limiter()
    assert limiter.hit("a", "1/minute")
    assert limiter.hit("b", "1/minute")
    assert not limiter.hit("a", "1/minute")


def test_clear_forgets_a_key() -> None:
    limiter = make_limiter()
    limiter.hit("a", "1/minute")
    limiter.clear("a", "1/minute")
    assert limiter.test("a", "1/minute")


def test_two_processes_share_one_count_through_redis() -> None:
    redis.Redis.from_url(REDIS_URL).ping()  # the machine's Redis must answer
    key = f"test:{uuid.uuid4()}"
    first, second = make_limiter(REDIS_URL), make_limiter(REDIS_URL)
    assert first.hit(key, "3/minute")
    assert second.hit(key, "3/minute")
    assert first.hit(key, "3/minute")
    assert not second.hit(key, "3/minute")
    first.clear(key, "3/minute")


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_window_moves_events_out_one_by_one() -> None:
    clock = Clock()
    windows = MemoryWindows(clock)
    assert windows.hit("k", "2/minute")
    clock.now += 30
    assert windows.hit("k", "2/minute")
    assert not windows.hit("k", "2/minute")
    assert windows.retry_after_s("k", "2/minute") == 30  # the first event leaves at 60 s
    clock.now += 30  # the first event has left the window, the second has not
    assert windows.remaining("k", "2/minute") == 1
    assert windows.hit("k", "2/minute")
    assert not windows.test("k", "2/minute")


def test_a_refused_hit_is_not_counted() -> None:
    clock = Clock()
    windows = MemoryWindows(clock)
    assert windows.hit("k", "1/minute")
    for _ in range(5):
        assert not windows.hit("k", "1/minute")
    clock.now += 60
    assert windows.hit("k", "1/minute")


def test_each_rate_of_a_key_counts_apart() -> None:
    windows = MemoryWindows(Clock())
    assert windows.hit("k", "1/minute")
    assert windows.hit("k", "5/hour")
    assert not windows.hit("k", "1/minute")
    assert windows.remaining("k", "5/hour") == 4


def test_keys_with_no_event_left_are_swept() -> None:
    clock = Clock()
    windows = MemoryWindows(clock)
    for user in range(100):
        windows.hit(f"api:user:{user}", "600/minute")
    windows.hit("signin:account:1", "10/hour")
    assert windows.keys() == 101
    clock.now += SWEEP_INTERVAL_S + 1  # a minute's windows are empty, the hour's is not
    windows.hit("api:user:0", "600/minute")
    assert windows.keys() == 2


def test_threads_never_exceed_the_rate() -> None:
    windows = MemoryWindows()
    allowed: list[bool] = []

    def hammer() -> None:
        allowed.extend(windows.hit("shared", "500/minute") for _ in range(200))

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == 500
    assert len(allowed) == 1600
