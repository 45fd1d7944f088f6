"""Imports at the boundary: a column mapping names real columns, and nothing else is accepted."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from runseason.schemas.imports import CsvColumns


def test_a_mapping_needs_the_start_and_duration_columns() -> None:
    columns = CsvColumns(start=" when ", duration="secs", distance_unit="mi")
    assert (columns.start, columns.distance, columns.distance_unit) == ("when", None, "mi")
    with pytest.raises(ValidationError, match="duration"):
        CsvColumns.model_validate({"start": "when"})


def test_unknown_units_and_fields_are_refused_by_name() -> None:
    with pytest.raises(ValidationError, match="distance_unit"):
        CsvColumns.model_validate({"start": "a", "duration": "b", "distance_unit": "furlong"})
    with pytest.raises(ValidationError, match="pace"):
        CsvColumns.model_validate({"start": "a", "duration": "b", "pace": "c"})
