"""The one-click unsubscribe token: signed, one person and one kind, no sign-in."""

from __future__ import annotations

import pytest
from itsdangerous import URLSafeSerializer
from sqlalchemy.orm import Session

from runseason.errors import InvalidInput
from runseason.services.notifications import preferences, unsubscribe
from tests.factories import World, actor


def test_the_link_turns_off_only_its_kind_for_its_person(db: Session, world: World) -> None:
    link = unsubscribe.unsubscribe_url(world.cole.id, "digest")
    assert link.startswith("http://localhost:8501/api/v1/unsubscribe?token=")
    token = unsubscribe.unsubscribe_token(world.cole.id, "digest")
    assert unsubscribe.unsubscribe(db, token) == "digest"
    cole = preferences.get_notification_preferences(db, actor(db, world.cole))
    asha = preferences.get_notification_preferences(db, actor(db, world.asha))
    assert (cole.digest_enabled, cole.reminder_enabled, asha.digest_enabled) == (False, True, True)
    assert unsubscribe.unsubscribe(db, token) == "digest"  # a second click changes nothing


@pytest.mark.parametrize(
    "token",
    [
        "",
        "not-a-token",
        URLSafeSerializer("another-secret-key", salt=unsubscribe.SALT).dumps([1, "digest"]),
        URLSafeSerializer("dev-only-secret-key-change-me-in-production-0000", salt="other").dumps(
            [1, "digest"]
        ),
    ],
)
def test_a_forged_or_damaged_token_is_refused_naming_the_token(db: Session, token: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        unsubscribe.unsubscribe(db, token)
    assert refused.value.detail == [{"field": "token", "message": "not a valid unsubscribe link"}]


def test_a_token_for_a_kind_that_does_not_exist_or_a_removed_person_is_refused(
    db: Session, world: World
) -> None:
    signer = URLSafeSerializer(
        "dev-only-secret-key-change-me-in-production-0000", salt=unsubscribe.SALT
    )
    for payload in ([world.cole.id, "everything"], [10**9, "digest"], {"user": 1}):
        with pytest.raises(InvalidInput):
            unsubscribe.unsubscribe(db, signer.dumps(payload))
