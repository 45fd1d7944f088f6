"""A session's recorded samples as columns, and their compact stored form.

Each channel is one array over the same samples (NaN where the device recorded nothing). Stored,
the channels are packed one after another in their own dtype, byte-shuffled (the n-th byte of every
value side by side, so the slowly changing high bytes of neighbouring floats compress well), then
zlib-compressed: a 10,000-point ride of nine channels is about a fifth of its raw size.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]

# Seconds from the start, metres along, bpm, device cadence (rpm: strides for runs), watts, metres,
# metres per second, degrees. Position and time keep float64; the others fit float32's 7 digits.
CHANNELS: tuple[str, ...] = (
    "time_s",
    "distance_m",
    "hr_bpm",
    "cadence_rpm",
    "power_w",
    "altitude_m",
    "speed_m_s",
    "lat_deg",
    "lon_deg",
)
_WIDE = frozenset({"time_s", "lat_deg", "lon_deg", "distance_m"})
PACK_VERSION = 1


@dataclass(frozen=True, slots=True)
class Streams:
    """The channels a device recorded, each an array of one length (``time_s`` always present)."""

    columns: dict[str, Array]

    def __len__(self) -> int:
        return int(self.columns["time_s"].shape[0])

    def get(self, name: str) -> Array | None:
        """A channel's values, or None when the device did not record it."""
        return self.columns.get(name)


def make_streams(columns: dict[str, Any]) -> Streams:
    """Streams from arrays or lists; channels with no value at all are left out."""
    time = np.asarray(columns["time_s"], dtype=np.float64)
    kept: dict[str, Array] = {"time_s": time}
    for name in CHANNELS[1:]:
        raw = columns.get(name)
        if raw is None:
            continue
        values = np.asarray(raw, dtype=np.float64)
        if values.shape != time.shape:
            raise ValueError(f"channel {name} has {values.shape[0]} values for {time.shape[0]}")
        if not np.isnan(values).all():
            kept[name] = values
    return Streams(kept)


def _dtype(name: str) -> str:
    return "<f8" if name in _WIDE else "<f4"


def pack(streams: Streams) -> tuple[list[dict[str, Any]], bytes]:
    """The channels' layout and the compressed bytes that hold them."""
    layout: list[dict[str, Any]] = []
    parts: list[bytes] = []
    for name in CHANNELS:
        values = streams.get(name)
        if values is None:
            continue
        dtype = np.dtype(_dtype(name))
        raw = np.ascontiguousarray(values, dtype=dtype).view(np.uint8)
        parts.append(raw.reshape(-1, dtype.itemsize).T.tobytes())
        layout.append({"name": name, "dtype": dtype.str, "version": PACK_VERSION})
    return layout, zlib.compress(b"".join(parts), 6)


def unpack(layout: list[dict[str, Any]], data: bytes, count: int) -> Streams:
    """The channels ``pack`` stored, as float64 arrays."""
    raw = zlib.decompress(data)
    columns: dict[str, Array] = {}
    offset = 0
    for entry in layout:
        dtype = np.dtype(entry["dtype"])
        size = count * dtype.itemsize
        shuffled = np.frombuffer(raw, dtype=np.uint8, count=size, offset=offset)
        values = shuffled.reshape(dtype.itemsize, count).T.copy().view(dtype).reshape(count)
        columns[entry["name"]] = values.astype(np.float64)
        offset += size
    return Streams(columns)


def downsample(streams: Streams, points: int) -> Streams:
    """At most ``points`` samples, evenly spread over the session and keeping the last one."""
    total = len(streams)
    if points <= 0 or total <= points:
        return streams
    index = np.unique(np.linspace(0, total - 1, points).round().astype(np.int64))
    return Streams({name: values[index] for name, values in streams.columns.items()})
