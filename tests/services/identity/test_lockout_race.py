"""Simultaneous wrong passwords: every one counts, so the account locks as it should."""

from __future__ import annotations

import threading
from pathlib import Path

from runseason.db.models import User
from runseason.db.session import session_scope, use_session_factory
from runseason.errors import AccountLocked, AuthenticationFailed
from runseason.services.identity import auth, ratelimit
from tests.dbutil import migrated_factory
from tests.factories import NOW, make_world


def test_simultaneous_wrong_passwords_all_count_and_lock_the_account(tmp_path: Path) -> None:
    with migrated_factory(tmp_path, "lockout") as (_, factory):
        with factory() as session:
            world = make_world(session)
            email, user_id = world.cole.email, world.cole.id
            session.commit()
        use_session_factory(factory)
        ratelimit.reset_limiter()
        outcomes: list[type[BaseException]] = []
        start = threading.Barrier(12)

        def attempt(n: int) -> None:
            start.wait(timeout=30)
            try:
                with session_scope() as session:
                    auth.authenticate(session, email, f"wrong {n}", ip=f"198.51.100.{n}", now=NOW)
            except (AuthenticationFailed, AccountLocked) as error:
                outcomes.append(type(error))

        threads = [threading.Thread(target=attempt, args=(n,)) for n in range(12)]
        try:
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=60)
            with factory() as session:
                user = session.get(User, user_id)
                assert user is not None
                locked_until = user.locked_until
        finally:
            use_session_factory(None)
    assert len(outcomes) == 12
    # Twelve failures against a threshold of five: the fifth locks, later ones meet the lock.
    assert AccountLocked in outcomes
    assert locked_until is not None
