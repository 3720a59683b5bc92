"""JSON arrays sent in pieces, byte for byte what DRF's ``JSONRenderer`` sends.

A list answer of a million items rendered whole needs the items, their
representations and the text in memory at once. Streamed, a worker holds one
chunk of items, and the pieces are joined the way the renderer joins items.

A chunk is rendered either by DRF's renderer from the items'
representations (any shape), or, for items that are rows of one shape, by
``JSONRows``: a column at a time with the C functions of the ``json`` module
that the renderer's encoder calls, so no Python code runs per item.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import islice
from json.encoder import encode_basestring, encode_basestring_ascii

from django.http import StreamingHttpResponse
from rest_framework.renderers import JSONRenderer

CHUNK_ITEMS = 1000

# The encoder's message for a NaN or an infinity when JSON must be strict.
OUT_OF_RANGE = "Out of range float values are not JSON compliant: {value}"

_RENDERER = JSONRenderer()
_ITEM_SEPARATOR, _KEY_SEPARATOR = (",", ":") if _RENDERER.compact else (", ", ": ")
_string = encode_basestring_ascii if _RENDERER.ensure_ascii else encode_basestring
# Whether the renderer writes compact JSON with non-ASCII characters as they
# are: the text a database can write for it (``dsrs.storage``).
RENDERS_COMPACT_UNICODE = _RENDERER.compact and not _RENDERER.ensure_ascii
# How the json module writes non-finite floats when they are allowed.
_NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}

# A chunk's items rendered and joined by the item separator, without brackets.
ChunkRender = Callable[[list], bytes]
# The JSON texts of one column's values, in order.
ColumnRender = Callable[[Sequence], Iterable[str]]


def json_values(items: list) -> bytes:
    """DRF's rendering of ``items`` (representations), without the brackets."""
    return _RENDERER.render(items)[1:-1]


def json_strings(values: Sequence[str]) -> Iterable[str]:
    return map(_string, values)


def json_integers(values: Sequence[int]) -> Iterable[str]:
    return map(int.__repr__, values)


def json_floats(values: Sequence[float | Decimal]) -> list[str]:
    """Numbers written as the ``float`` nearest to them, as DRF writes a Decimal."""
    texts = list(map(float.__repr__, map(float, values)))
    # A finite float is written with digits, ".", "e", "+" and "-" only.
    if "n" in "".join(texts):
        if _RENDERER.strict:
            bad = next(text for text in texts if "n" in text)
            raise ValueError(OUT_OF_RANGE.format(value=bad))
        texts = [_NON_FINITE.get(text, text) for text in texts]
    return texts


def json_integer_lists(values: Sequence[list[int]]) -> list[str]:
    # A list of ints prints as its JSON with ", " between items.
    texts = "\n".join(map(list.__repr__, values))
    if _ITEM_SEPARATOR == ",":
        texts = texts.replace(" ", "")
    return texts.split("\n")


class JSONRows:
    """Renders rows (tuples) as JSON objects, one key per column, in order.

    Each column's values must have the JSON type its ``ColumnRender`` writes
    (``str`` for ``json_strings``...): the types are not checked per item.
    """

    def __init__(self, *columns: tuple[str, ColumnRender]):
        keys = (_string(key).replace("%", "%%") for key, _ in columns)
        self.template = (
            "{" + _ITEM_SEPARATOR.join(f"{k}{_KEY_SEPARATOR}%s" for k in keys) + "}"
        )
        self.renders = [render for _, render in columns]

    def render(self, rows: list[tuple]) -> bytes:
        """The rows' objects joined by the renderer's item separator."""
        columns = zip(*rows, strict=True)
        texts = [render(c) for render, c in zip(self.renders, columns, strict=True)]
        objects = map(self.template.__mod__, zip(*texts, strict=True))
        text = _ITEM_SEPARATOR.join(objects)
        return _script_safe(text).encode()


def json_array_chunks(
    *,
    items: Iterable[object],
    chunk_items: int = CHUNK_ITEMS,
    render: ChunkRender = json_values,
) -> Iterator[bytes]:
    """``JSONRenderer().render(list(items))`` in pieces of ``chunk_items``.

    ``render`` renders one chunk of items; by default they are
    representations rendered by DRF. The first piece holds the opening
    bracket and the first chunk, so the first items are computed when the
    first piece is asked for.
    """
    iterator = iter(items)
    chunks = iter(lambda: list(islice(iterator, chunk_items)), [])
    return json_array_join(pieces=map(render, chunks))


def json_array_join(*, pieces: Iterable[bytes]) -> Iterator[bytes]:
    """The JSON array of ``pieces``: each holds rendered items joined by the
    renderer's item separator, without brackets."""
    separator = _ITEM_SEPARATOR.encode()
    opening = b"["
    for piece in pieces:
        yield opening + piece
        opening = separator
    yield b"[]" if opening == b"[" else b"]"


def json_array_response(
    *,
    items: Iterable[object],
    chunk_items: int = CHUNK_ITEMS,
    render: ChunkRender = json_values,
) -> StreamingHttpResponse:
    """A 200 streaming the JSON array of ``items``, ``render`` a chunk at a time.

    The first chunk is computed here, so an error before it (a database that
    does not answer) is still a 500, not a truncated 200.
    """
    chunks = json_array_chunks(items=items, chunk_items=chunk_items, render=render)
    return _streaming_response(chunks)


def json_pieces_response(*, pieces: Iterable[bytes]) -> StreamingHttpResponse:
    """``json_array_response`` of items already rendered, a piece at a time
    (see ``json_array_join``)."""
    return _streaming_response(json_array_join(pieces=pieces))


def _streaming_response(chunks: Iterator[bytes]) -> StreamingHttpResponse:
    first = next(chunks)
    return StreamingHttpResponse(
        _resumed(first, chunks), content_type=_RENDERER.media_type
    )


def _script_safe(text: str) -> str:
    # The renderer escapes these two after encoding, to keep JSON a subset
    # of JavaScript.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _resumed(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    # A generator, so closing the response closes ``rest`` (and its cursor).
    yield first
    yield from rest
