"""Plans: building a periodized plan and keeping it current.

goals ─► generation (a plan from the athlete's goal, volume and availability)
library (session templates) ─┘     └─► revisions (every edit kept as a revision)
zones (the athlete's pace and heart-rate zones that targets resolve against)
"""
