"""JSON arrays sent in pieces, byte for byte what DRF's ``JSONRenderer`` sends.

A list answer of a million items rendered whole needs the items, their
representations and the text in memory at once. Streamed, a worker holds one
chunk of items: DRF's renderer renders each chunk, and the pieces are joined
the way it joins items.
"""

from collections.abc import Iterable, Iterator
from itertools import islice

from django.http import StreamingHttpResponse
from rest_framework.renderers import JSONRenderer

CHUNK_ITEMS = 1000

_RENDERER = JSONRenderer()


def json_array_chunks(
    *, items: Iterable[object], chunk_items: int = CHUNK_ITEMS
) -> Iterator[bytes]:
    """``JSONRenderer().render(list(items))`` in pieces of ``chunk_items``.

    The first piece holds the opening bracket and the first chunk, so the
    first items are computed when the first piece is asked for.
    """
    separator = b"," if _RENDERER.compact else b", "
    iterator = iter(items)
    opening = b"["
    while chunk := list(islice(iterator, chunk_items)):
        yield opening + _RENDERER.render(chunk)[1:-1]
        opening = separator
    yield b"[]" if opening == b"[" else b"]"


def json_array_response(
    *, items: Iterable[object], chunk_items: int = CHUNK_ITEMS
) -> StreamingHttpResponse:
    """A 200 streaming the JSON array of ``items``.

    The first chunk is computed here, so an error before it (a database that
    does not answer) is still a 500, not a truncated 200.
    """
    chunks = json_array_chunks(items=items, chunk_items=chunk_items)
    first = next(chunks)
    return StreamingHttpResponse(
        _resumed(first, chunks), content_type=_RENDERER.media_type
    )


def _resumed(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    # A generator, so closing the response closes ``rest`` (and its cursor).
    yield first
    yield from rest
