"""After an injury or illness: walk-run first, then easy volume rebuilt over a few weeks."""

from __future__ import annotations

from datetime import date, timedelta


def progression(closed_on: date, weeks: int = 3) -> list[dict[str, object]]:
    """A return-to-run progression week by week (share of the previous easy volume)."""
    steps = [
        ("walk-run: 1 min run / 1 min walk × 10, every other day", 0.25),
        ("easy runs only, 30–40 min, no intensity", 0.5),
        ("easy volume at 75 %, strides allowed", 0.75),
        ("back to the plan at full volume", 1.0),
    ]
    chosen = [*steps[: max(2, min(weeks, 3))], steps[-1]]
    return [
        {
            "week_start": (closed_on + timedelta(weeks=i)).isoformat(),
            "guidance": text,
            "volume": share,
        }
        for i, (text, share) in enumerate(chosen)
    ]
