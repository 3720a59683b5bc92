"""Lines of a text stream in bounded memory, for the CSV reader. No ORM."""

from collections.abc import Iterator


class LinesCut:
    """The lines of a text stream, each read in at most ``limit`` characters.

    A longer line is read past in pieces, with the rest of its record, and
    the CSV reader gets an empty line in its place (a closing quote first
    when the record opened a quoted field on an earlier line); its number
    goes into ``cut``, so the record is set aside. Quotes are counted on the
    way (RFC 4180: an odd count leaves a field open across the line break),
    so that ``record_skip`` can read past the rest of a record the CSV reader
    gave up on. ``number`` is the last physical line read.
    """

    def __init__(self, stream, *, limit: int):
        self.stream, self.limit = stream, limit
        self.number = 0
        self.cut: list[int] = []
        self.open = False  # inside a quoted field at the end of the last line

    def __iter__(self) -> Iterator[str]:
        while line := self.stream.readline(self.limit + 1):
            self.number += 1
            if len(line) > self.limit and not line.endswith("\n"):
                opened = self.open
                self.cut.append(self.number)
                self._rest_skip(line)
                yield '"\n' if opened else "\n"
                continue
            self.open ^= line.count('"') % 2 == 1
            yield line

    def record_skip(self) -> None:
        """Read past what is left of the current record (after a CSV error)."""
        if self.open:
            self._rest_skip("", counted=False)

    def _rest_skip(self, piece: str, *, counted: bool = True) -> None:
        """Read past ``piece``, the rest of its line and of its record.

        ``piece`` is part of the line counted last, unless ``counted`` is
        false: then what is read next is a new line.
        """
        while True:
            self.open ^= piece.count('"') % 2 == 1
            if piece.endswith("\n") and not self.open:
                return
            ended = piece.endswith("\n") or not counted
            counted = True
            piece = self.stream.readline(self.limit)
            if not piece:
                self.open = False
                return
            self.number += ended
