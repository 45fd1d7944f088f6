"""XML refused before a parser reads it when it declares a DTD or entities (defusedxml).

An entity expands in memory (the billion laughs) or reads another file or address (XXE); an
activity file needs neither. A DTD can only come before the root element, so reading stops as
soon as the root starts: the check costs the prolog, not the file.
"""

from __future__ import annotations

import io
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from runseason.errors import InvalidInput


def refuse_dtd(content: bytes, kind: str) -> None:
    """Refuse an XML document with a DTD, entity declarations or external references."""
    try:
        for _ in iterparse(
            io.BytesIO(content),
            events=("start",),
            forbid_dtd=True,
            forbid_entities=True,
            forbid_external=True,
        ):
            return  # the root element has started: nothing can be declared after it
    except DefusedXmlException:
        raise InvalidInput(
            f"The {kind} file declares a DTD or entities, which are refused (they can expand "
            "without end or read other files)."
        ) from None
    except ParseError:
        return  # not well-formed: the format's own reader says where
    except (LookupError, ValueError) as error:  # an encoding unknown, not text, or multi-byte
        raise InvalidInput(f"The {kind} file's text encoding cannot be read ({error}).") from None
