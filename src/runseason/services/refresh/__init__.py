"""The refresh pipeline: what a change to an athlete's data makes the coach see.

    change (check-in, log, plan edit)
      └─► queue.schedule / enqueue        one job per athlete, a range of changed days
            └─► worker.drain ─► queue.process_due
                  ├─ prepare_due          due jobs, then snapshots.prepare_refresh (no lock):
                  │    ├─ history         the load series ─► fitness, fatigue, form, ACWR
                  │    └─ days            the changed days' inputs, the day rows to write
                  └─ apply_due            lock the athletes, keep unchanged jobs, then
                       snapshots.apply_refresh: day rows, load series, snapshots and
                       engine.evaluate_days (inputs ─► risk, recommendation, interventions)

A refresh, followed in eight files, in order: ``worker.py``, ``refresh/queue.py``,
``refresh/snapshots.py``, ``refresh/history.py``, ``refresh/days.py``, ``refresh/engine.py``,
``refresh/inputs.py`` and ``db/rows.py`` (the rows table batch reads join).
"""
