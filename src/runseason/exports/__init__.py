"""Files that leave the platform for the tools people already use; no database here.

ical (a plan as an iCalendar feed) · fit_workout (a session as a Garmin FIT workout) ·
zwo (a session as a ZWO workout for treadmill apps).
"""
