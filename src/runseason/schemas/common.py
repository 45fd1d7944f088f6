"""Shapes shared by every feature: strict inputs, readable outputs, pages of results."""

from __future__ import annotations

from datetime import date, datetime
from types import NoneType, UnionType
from typing import Annotated, Any, Generic, TypeVar, Union, get_args, get_origin
from zoneinfo import available_timezones

from pydantic import AfterValidator, BaseModel, ConfigDict, model_validator

T = TypeVar("T")
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200  # outside these a date is a typo, and breaks arithmetic


def _plausible_year(value: date) -> date:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"must be a date between {EARLIEST_YEAR} and {LATEST_YEAR}")
    return value


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("must include a time zone offset, e.g. 2026-11-23T07:00:00+01:00")
    return value


Day = Annotated[date, AfterValidator(_plausible_year)]
Moment = Annotated[datetime, AfterValidator(_plausible_year), AfterValidator(_aware)]


NO_NUL = "^[^\\x00]*$"  # the published form of the NUL check, for API clients and fuzzers


def _say_no_nul(schema: dict[str, Any]) -> None:
    """Publish the NUL check in the model's JSON schema: every text field without a pattern."""
    for node in schema.get("properties", {}).values():
        _text_without_nul(node)


def _text_without_nul(node: Any) -> None:
    if not isinstance(node, dict):
        return
    if node.get("type") == "string" and "pattern" not in node and "format" not in node:
        node["pattern"] = NO_NUL
    for key in ("anyOf", "oneOf", "allOf"):
        for option in node.get(key, []):
            _text_without_nul(option)
    _text_without_nul(node.get("items"))
    for value in node.get("properties", {}).values():
        _text_without_nul(value)


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


def _kinds(annotation: Any) -> set[Any]:
    """The types a field's annotation allows (the members of a union, else itself)."""
    if get_origin(annotation) in {Union, UnionType}:
        return set(get_args(annotation)) - {NoneType}
    return {annotation}


def _counted(annotation: Any) -> tuple[bool, bool]:
    """(a number, a list of numbers): a field where ``true`` would pass as 1 and must not."""
    kinds = _kinds(annotation)
    if bool in kinds:
        return False, False
    if kinds & {int, float}:
        return True, False
    listed = [get_args(k)[0] for k in kinds if get_origin(k) in {list, tuple, set} and get_args(k)]
    return False, any(item in {int, float} for item in listed)


_NUMBER_FIELDS: dict[type[BaseModel], tuple[frozenset[str], frozenset[str]]] = {}


def _number_fields(model: type[BaseModel]) -> tuple[frozenset[str], frozenset[str]]:
    """The model's number fields and list-of-number fields (worked out once per model)."""
    found = _NUMBER_FIELDS.get(model)
    if found is None:
        kinds = {name: _counted(field.annotation) for name, field in model.model_fields.items()}
        found = _NUMBER_FIELDS[model] = (
            frozenset(name for name, (one, _) in kinds.items() if one),
            frozenset(name for name, (_, many) in kinds.items() if many),
        )
    return found


def _true_or_false_as_number(model: type[BaseModel], data: dict[str, Any]) -> str | None:
    """The first number field given ``true`` or ``false`` (pydantic would read 1 or 0)."""
    numbers, lists = _number_fields(model)
    for name, value in data.items():
        if name in numbers and isinstance(value, bool):
            return name
        if name in lists and isinstance(value, list) and any(isinstance(v, bool) for v in value):
            return name
    return None


class Input(BaseModel):
    """Base of every input model: unknown fields are refused, strings trimmed."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, json_schema_extra=_say_no_nul
    )

    @model_validator(mode="before")
    @classmethod
    def _no_nul_characters(cls, data: Any) -> Any:
        """Text with a NUL character is refused: PostgreSQL cannot store it (a 500 otherwise);
        ``true`` or ``false`` where a number goes is refused, not read as 1 or 0."""
        if _has_nul(data):
            raise ValueError("text must not contain the NUL character (\\x00)")
        if isinstance(data, dict):
            name = _true_or_false_as_number(cls, data)
            if name is not None:
                raise ValueError(f"{name} must be a number, not true or false")
        return data


class Output(BaseModel):
    """Base of every output model: built from ORM rows or dataclasses by attribute."""

    model_config = ConfigDict(from_attributes=True)


class Page(Output, Generic[T]):
    """One page of a long list."""

    items: list[T]
    page: int
    page_size: int
    total: int


def check_timezone(value: str) -> str:
    """An IANA time zone name such as Europe/Oslo."""
    if value not in _zones():
        raise ValueError(f"'{value}' is not a known time zone (use a name like Europe/Oslo)")
    return value


_ZONES: frozenset[str] = frozenset()


def _zones() -> frozenset[str]:
    global _ZONES
    if not _ZONES:
        _ZONES = frozenset(available_timezones())
    return _ZONES
