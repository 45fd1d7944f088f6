"""Plans: building a periodized plan and keeping it current.

goals ─► generation (a plan from the athlete's goal, B/C races, days away and volume)
library (session templates) ─┘     ├─► editing (a coach's changes, each kept by revisions)
zones (the athlete's pace and heart-rate zones that targets resolve against)
stored (what generation and editing both read: sessions, the plan's read model, titles)
"""
