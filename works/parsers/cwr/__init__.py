"""CISAC CWR 2.1 and 2.2: layouts, records, transactions. No ORM."""

from collections.abc import Iterator
from pathlib import Path

from works.parsers.cwr.reader import CwrFile, cwr_is
from works.parsers.cwr.transactions import CwrItem, transaction_read

__all__ = ["CwrFile", "CwrItem", "CwrReader", "cwr_is", "transaction_read"]


class CwrReader:
    """Stream a CWR file as ``CwrItem`` objects, one per transaction used.

    ``source`` names the provider of its works; without one it is the HDR's
    Sender Name. ``rows_read`` counts work transactions, ``acks_read``
    acknowledgements and ISWC notifications.
    """

    def __init__(self, *, path: Path, source: str | None, strict: bool = False):
        self.file = CwrFile(path=path, strict=strict)
        if source is None and (header := self.file.header_peek()):
            source = header.sender_name
        self.name, self.source = path.name, source
        self.rows_read = 0
        self.acks_read = 0

    @property
    def warnings(self) -> list[str]:
        return self.file.warnings

    def __iter__(self) -> Iterator[CwrItem]:
        for transaction in self.file:
            if self.source is None:
                self.source = self.file.header.sender_name
            item = transaction_read(
                transaction=transaction, header=self.file.header, source=self.source
            )
            if item is None:
                continue
            self.rows_read += item.row is not None
            self.acks_read += item.ack is not None
            yield item
