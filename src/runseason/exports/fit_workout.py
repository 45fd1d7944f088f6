"""A structured session as a FIT workout file (workout and workout_step messages), as Garmin
devices load them from their NewFiles folder or from Garmin Connect."""

from __future__ import annotations

from datetime import datetime

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.workout_message import WorkoutMessage
from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage
from fit_tool.profile.profile_type import (
    FileType,
    Intensity,
    Manufacturer,
    Sport,
    WorkoutStepDuration,
    WorkoutStepTarget,
)

from runseason.domain.workout import Repeat, Step, Workout

INTENSITY = {
    "warmup": Intensity.WARMUP,
    "active": Intensity.ACTIVE,
    "recovery": Intensity.RECOVERY,
    "cooldown": Intensity.COOLDOWN,
}
# FIT profile: a custom heart-rate target above 100 is a bpm value offset by 100 (0-100 is %max).
HR_OFFSET = 100
NAME_LIMIT = 40


def _duration(message: WorkoutStepMessage, step: Step) -> None:
    if step.distance_m is not None:
        message.duration_type = WorkoutStepDuration.DISTANCE
        message.duration_distance = round(step.distance_m, 1)
    elif step.duration_s:
        message.duration_type = WorkoutStepDuration.TIME
        message.duration_time = round(step.duration_s, 1)
    else:
        message.duration_type = WorkoutStepDuration.OPEN


def _target(message: WorkoutStepMessage, step: Step) -> None:
    """Pace as a speed range when known, else heart rate in bpm, else open."""
    if step.pace_s_per_km is not None:
        slow, fast = step.pace_s_per_km
        message.target_type = WorkoutStepTarget.SPEED
        message.target_value = 0
        message.custom_target_speed_low = round(1000 / slow, 3)
        message.custom_target_speed_high = round(1000 / fast, 3)
    elif step.hr_bpm is not None:
        message.target_type = WorkoutStepTarget.HEART_RATE
        message.target_value = 0
        message.custom_target_heart_rate_low = step.hr_bpm[0] + HR_OFFSET
        message.custom_target_heart_rate_high = step.hr_bpm[1] + HR_OFFSET
    else:
        message.target_type = WorkoutStepTarget.OPEN
        message.target_value = 0


def _step_message(index: int, step: Step) -> WorkoutStepMessage:
    message = WorkoutStepMessage()
    message.message_index = index
    message.workout_step_name = step.name[:NAME_LIMIT]
    message.intensity = INTENSITY[step.intensity]
    _duration(message, step)
    _target(message, step)
    return message


def _repeat_message(index: int, first: int, times: int) -> WorkoutStepMessage:
    message = WorkoutStepMessage()
    message.message_index = index
    message.duration_type = WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT
    message.duration_step = first
    message.target_type = WorkoutStepTarget.OPEN
    message.target_repeat_steps = times
    return message


def workout_messages(workout: Workout) -> list[WorkoutStepMessage]:
    """The steps in order; a repeat is its steps then a step that jumps back to the first."""
    out: list[WorkoutStepMessage] = []
    for part in workout.parts:
        if isinstance(part, Repeat):
            first = len(out)
            out.extend(_step_message(len(out), s) for s in part.steps)
            out.append(_repeat_message(len(out), first, part.times))
        else:
            out.append(_step_message(len(out), part))
    return out


def encode_fit_workout(workout: Workout, *, created: datetime) -> bytes:
    """The workout as the bytes of a FIT workout file."""
    file_id = FileIdMessage()
    file_id.type = FileType.WORKOUT
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.time_created = round(created.timestamp() * 1000)
    file_id.serial_number = 0x52534331
    steps = workout_messages(workout)
    header = WorkoutMessage()
    header.workout_name = workout.name[:NAME_LIMIT]
    header.sport = Sport.RUNNING
    header.num_valid_steps = len(steps)
    builder = FitFileBuilder(auto_define=True, min_string_size=NAME_LIMIT)
    builder.add(file_id)
    builder.add(header)
    builder.add_all(steps)
    data: bytes = builder.build().to_bytes()
    return data
