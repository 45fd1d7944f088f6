"""A structured session as a ZWO workout (XML) for treadmill and indoor-running apps.

ZWO gives each step's intensity as a fraction of the runner's threshold speed: 1.0 is threshold
pace, 0.8 a pace a quarter slower. Steps planned by distance become time at the zone's pace.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from runseason.domain.workout import Repeat, Step, Workout

# Share of threshold speed per zone when the athlete has no pace zones (Daniels' intensities).
FALLBACK_SHARE = {"E": 0.75, "M": 0.88, "T": 1.0, "H": 1.0, "I": 1.07, "R": 1.15}
RECOVERY_SHARE = 0.6


def _middle(bounds: tuple[float, float]) -> float:
    return (bounds[0] + bounds[1]) / 2


def _share(step: Step, threshold_s_per_km: float | None) -> float:
    """The step's speed as a fraction of threshold speed (a slower pace, a smaller share)."""
    if step.intensity == "recovery":
        return RECOVERY_SHARE
    if step.pace_s_per_km is not None and threshold_s_per_km:
        return round(threshold_s_per_km / _middle(step.pace_s_per_km), 3)
    return FALLBACK_SHARE.get(step.zone, FALLBACK_SHARE["E"])


def _seconds(step: Step) -> int:
    if step.duration_s:
        return round(step.duration_s)
    pace = _middle(step.pace_s_per_km) if step.pace_s_per_km else 360.0
    return round((step.distance_m or 0) / 1000 * pace)


def _element(step: Step, threshold: float | None) -> ET.Element:
    share = f"{_share(step, threshold):g}"
    if step.intensity in ("warmup", "cooldown"):
        tag = "Warmup" if step.intensity == "warmup" else "Cooldown"
        return ET.Element(
            tag, Duration=str(_seconds(step)), PowerLow=share, PowerHigh=share, pace="0"
        )
    return ET.Element("SteadyState", Duration=str(_seconds(step)), Power=share, pace="0")


def _repeat(part: Repeat, threshold: float | None) -> list[ET.Element]:
    """Work and recovery as IntervalsT; any other repeat unrolled."""
    if len(part.steps) == 2 and part.steps[1].intensity == "recovery":
        on, off = part.steps
        return [
            ET.Element(
                "IntervalsT",
                Repeat=str(part.times),
                OnDuration=str(_seconds(on)),
                OffDuration=str(_seconds(off)),
                OnPower=f"{_share(on, threshold):g}",
                OffPower=f"{_share(off, threshold):g}",
                pace="0",
            )
        ]
    return [_element(s, threshold) for _ in range(part.times) for s in part.steps]


def encode_zwo(workout: Workout, *, threshold_s_per_km: float | None, description: str) -> bytes:
    """The workout as a ZWO file (``threshold_s_per_km``: the middle of the athlete's T pace)."""
    root = ET.Element("workout_file")
    ET.SubElement(root, "author").text = "Run Season Command"
    ET.SubElement(root, "name").text = workout.name
    ET.SubElement(root, "description").text = description
    ET.SubElement(root, "sportType").text = "run"
    body = ET.SubElement(root, "workout")
    for part in workout.parts:
        if isinstance(part, Repeat):
            body.extend(_repeat(part, threshold_s_per_km))
        else:
            body.append(_element(part, threshold_s_per_km))
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data
