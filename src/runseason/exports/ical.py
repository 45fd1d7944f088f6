"""A plan as an iCalendar feed (RFC 5545) that calendar apps subscribe to.

Each planned session is an all-day event on its date: the title, the targets in the athlete's
units and the coach's note in the description. A stable UID per session lets a calendar app move
or drop an event when the plan changes rather than duplicate it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event

PRODID = "-//Run Season Command//Training plan//EN"


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """One planned session as the feed shows it."""

    uid: str
    day: date
    title: str
    description: str
    modified: datetime
    sequence: int = 0


def encode_calendar(name: str, entries: Sequence[CalendarEntry], *, stamp: datetime) -> bytes:
    """The entries as an iCalendar document (``stamp``: when the feed's data last changed)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("last-modified", entry.modified)
        event.add("sequence", entry.sequence)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + timedelta(days=1))
        event.add("summary", entry.title)
        event.add("description", entry.description)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
