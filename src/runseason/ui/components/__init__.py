"""Parts drawn by more than one page: the day-story panels (marked days, adherence, race day,
the timeline)."""
