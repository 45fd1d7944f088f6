"""Admin · Webhooks: add an endpoint (its secret shown once), a refused address, the delivery
log in words and a failed delivery sent again."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from runseason.db.models import WebhookDelivery, WebhookEndpoint, WebhookMessage
from runseason.db.types import utcnow
from tests.factories import World
from tests.ui.conftest import Open, button_of, text_of

PUBLIC = "https://93.184.215.14/hooks"


def _add(at: AppTest, url: str) -> None:
    inputs = {t.label: t for t in at.text_input}
    inputs["Address"].set_value(url)
    inputs["Description"].set_value("Club CRM")
    at.multiselect[0].set_value(["plan.changed"])
    button_of(at, "Add endpoint").click()  # type: ignore[attr-defined]
    at.run()


def test_an_admin_adds_an_endpoint_and_sees_its_secret_once(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.ada, "webhooks")
    _add(at, PUBLIC)
    assert not at.exception
    assert "shown this once" in text_of(at)
    (secret,) = [c.value for c in at.code]
    stored = db.scalar(select(WebhookEndpoint))
    assert stored is not None
    assert secret == stored.secret
    assert secret.startswith("whsec_")
    at.run()
    page = text_of(at)
    assert "Club CRM" in page
    assert "A plan is made or changed" in page
    assert "plan.changed" not in page
    assert [c.value for c in at.code] == []


def test_a_private_address_is_refused_with_the_reason(
    open_page: Open, world: World, db: Session
) -> None:
    at = open_page(world.ada, "webhooks")
    _add(at, "http://192.168.1.10/hooks")
    assert "public addresses only" in text_of(at)
    assert db.scalar(select(WebhookEndpoint)) is None


def test_the_delivery_log_in_words_and_a_failed_delivery_sent_again(
    open_page: Open, world: World, db: Session
) -> None:
    endpoint = WebhookEndpoint(
        organization_id=world.north.id, url=PUBLIC, secret="whsec_dGVzdA==", description="CRM"
    )
    message = WebhookMessage(
        organization_id=world.north.id,
        message_key="msg_ui",
        event_type="checkin.created",
        payload={},
    )
    db.add_all([endpoint, message])
    db.flush()
    failed = WebhookDelivery(
        organization_id=world.north.id,
        message_id=message.id,
        endpoint_id=endpoint.id,
        status="failed",
        attempts=8,
        last_status_code=503,
        last_attempt_at=utcnow(),
    )
    db.add(failed)
    db.flush()
    at = open_page(world.ada, "webhooks")
    table = at.dataframe[0].value
    assert list(table["Event"]) == ["An athlete checks in"]
    assert list(table["Status"]) == ["Failed"]
    assert list(table["Last answer"]) == ["HTTP 503"]
    button_of(at, "Send it again").click()  # type: ignore[attr-defined]
    at.run()
    assert "goes out again" in text_of(at)
    db.expire_all()
    again = db.get(WebhookDelivery, failed.id)
    assert again is not None
    assert again.status == "pending"
