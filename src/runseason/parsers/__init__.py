"""Activity files (FIT, GPX, TCX) to one intermediate form; no database here.

Every malformed input becomes ``InvalidInput`` with a message a user understands; no library's own
exception escapes.
"""

from __future__ import annotations

from runseason.errors import InvalidInput
from runseason.parsers.fit import parse_fit
from runseason.parsers.gpx import parse_gpx
from runseason.parsers.model import Lap, ParsedActivity, fingerprint
from runseason.parsers.tcx import parse_tcx
from runseason.parsers.xml_guard import refuse_dtd

SUPPORTED = ("fit", "gpx", "tcx")


def detect_format(filename: str, content: bytes) -> str:
    """The file's format from its content (FIT signature, XML root), then its extension."""
    if len(content) >= 12 and content[8:12] == b".FIT":
        return "fit"
    head = content[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<gpx" in head:
        return "gpx"
    if b"<trainingcenterdatabase" in head:
        return "tcx"
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension in SUPPORTED:
        return extension
    raise InvalidInput(f"'{filename}' is not a FIT, GPX or TCX activity file.")


def parse_activity(filename: str, content: bytes, *, max_bytes: int) -> ParsedActivity:
    """Read an activity file of any supported format."""
    if not content:
        raise InvalidInput(f"'{filename}' is empty.")
    if len(content) > max_bytes:
        limit_mb = max_bytes / (1024 * 1024)
        raise InvalidInput(f"'{filename}' is larger than the {limit_mb:.0f} MB upload limit.")
    kind = detect_format(filename, content)
    if kind != "fit":
        refuse_dtd(content, kind.upper())
    try:
        if kind == "fit":
            return parse_fit(content)
        if kind == "gpx":
            return parse_gpx(content)
        return parse_tcx(content)
    except InvalidInput:
        raise
    except Exception as error:
        raise InvalidInput(f"'{filename}' could not be read as {kind.upper()}: {error}") from None


__all__ = [
    "SUPPORTED",
    "Lap",
    "ParsedActivity",
    "detect_format",
    "fingerprint",
    "parse_activity",
]
