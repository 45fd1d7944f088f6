"""The iCalendar document parsed back by the icalendar package."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar

from runseason.exports.ical import CalendarEntry, encode_calendar

STAMP = datetime(2026, 11, 24, 7, 30, tzinfo=UTC)


def test_entries_become_all_day_events_with_their_description() -> None:
    entries = [
        CalendarEntry("a@x", date(2026, 12, 1), "Easy run 40 min", "Pace: 6:08–6:25 /km", STAMP),
        CalendarEntry("b@x", date(2026, 12, 3), "Tempo", "Coach's note: hold back", STAMP, 3),
    ]
    calendar = Calendar.from_ical(encode_calendar("Greta · plan", entries, stamp=STAMP))
    assert str(calendar["x-wr-calname"]) == "Greta · plan"
    events = calendar.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Easy run 40 min", "Tempo"]
    assert events[0].decoded("dtstart") == date(2026, 12, 1)
    assert events[0].decoded("dtend") == date(2026, 12, 2)
    assert str(events[1]["description"]) == "Coach's note: hold back"
    assert (str(events[1]["uid"]), int(events[1]["sequence"])) == ("b@x", 3)
