"""The timeline at the boundary: every kind has its plain name, and an entry reads from a row."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import get_args

import pytest
from pydantic import TypeAdapter, ValidationError

from runseason.schemas.timeline import KIND_LABELS, TimelineEntryRead, TimelineKind


def test_every_kind_a_filter_accepts_has_a_label_and_no_other() -> None:
    assert set(get_args(TimelineKind)) == set(KIND_LABELS)


def test_the_labels_are_words_a_person_reads() -> None:
    for kind, label in KIND_LABELS.items():
        assert label[0].isupper(), kind
        assert not re.search(r"_", label), label
    assert len(set(KIND_LABELS.values())) == len(KIND_LABELS)


def test_a_kind_outside_the_list_is_refused() -> None:
    kinds = TypeAdapter(list[TimelineKind])
    assert kinds.validate_python(["checkin", "marked_days"]) == ["checkin", "marked_days"]
    with pytest.raises(ValidationError):
        kinds.validate_python(["gossip"])


@dataclass
class _Row:
    occurred_at: datetime
    kind: str
    label: str
    title: str
    ref_type: str
    ref_id: int


def test_an_entry_is_read_from_attributes_and_keeps_its_instant() -> None:
    at = datetime(2026, 11, 24, 7, 30, tzinfo=UTC)
    row = _Row(
        at, "checkin", KIND_LABELS["checkin"], "Check-in: readiness 72 (green)", "checkin", 5
    )
    entry = TimelineEntryRead.model_validate(row)
    assert entry.model_dump() == {
        "occurred_at": at,
        "kind": "checkin",
        "label": "Check-in",
        "title": "Check-in: readiness 72 (green)",
        "ref_type": "checkin",
        "ref_id": 5,
    }
    with pytest.raises(ValidationError, match="ref_id"):
        TimelineEntryRead.model_validate({**entry.model_dump(), "ref_id": "five"})
