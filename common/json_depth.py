"""How deep a JSON text nests, found without parsing it (no recursion, no ORM).

Python's ``json`` module recurses once per level: a body of 100,000 ``[``
ends in ``RecursionError``. Scanning the brackets first (strings skipped, so
a ``[`` inside a string does not count) turns such a body into a clear error
before any parser sees it.
"""

import re

# A string token (its brackets do not count) or one bracket.
_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_OPENING = frozenset(b"[{")


def json_depth_exceeds(*, data: bytes, limit: int) -> bool:
    """Whether arrays and objects in ``data`` nest more than ``limit`` deep."""
    depth = 0
    for match in _TOKEN.finditer(data):
        first = data[match.start()]
        if first in _OPENING:
            depth += 1
            if depth > limit:
                return True
        elif first != 0x22:  # a closing bracket; 0x22 is a string's quote
            depth -= 1
    return False
