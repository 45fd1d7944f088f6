"""The refresh pipeline: what a change to an athlete's data makes the coach see.

change (check-in, log, plan edit)
  └─► queue.schedule / enqueue         one job per athlete, a range of changed days
        └─► worker drains due jobs ─► snapshots.refresh_many
              ├─ inputs      the changed days' loads, plan and check-in facts
              ├─ history     the athlete's load series ─► fitness, fatigue, form, ACWR
              └─ snapshots   day rows, the caseload snapshot, then the risk engine
                             (recommendations and interventions)
"""
