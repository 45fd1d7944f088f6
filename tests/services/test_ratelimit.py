"""Rate limits in memory and shared through Redis."""

from __future__ import annotations

import uuid

import pytest
import redis

from runseason.errors import RateLimited
from runseason.services.ratelimit import make_limiter

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
