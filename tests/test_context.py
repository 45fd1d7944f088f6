"""The request context shared by logging and the audit trail."""

from __future__ import annotations

from runseason import context


def test_a_request_scope_binds_an_id_and_clears_the_actor_after() -> None:
    with context.request_scope("req-1") as bound:
        assert bound.request_id == "req-1"
        assert bound.user_id is None
        context.bind_actor(7, 3)
        assert context.current().user_id == 7
        assert context.current().organization_id == 3
    assert context.current().request_id != "req-1"
    assert context.current().user_id is None


def test_nested_scopes_restore_the_outer_one() -> None:
    with context.request_scope() as outer:
        assert outer.request_id
        with context.request_scope("inner"):
            assert context.current().request_id == "inner"
        assert context.current().request_id == outer.request_id


def test_request_ids_are_fresh() -> None:
    assert context.new_request_id() != context.new_request_id()
