"""New primary keys handed out by the importer itself, a block at a time."""

from works.storage import storage


class IdReserve:
    """New primary keys for a table, handed out one by one.

    Each block comes from the database side's ``id_block``; ids of a block
    left unused are a gap, as after a rollback.
    """

    BLOCK = 10_000

    def __init__(self, *, cursor, table: str):
        self.cursor, self.table = cursor, table
        self.block = storage().id_block
        self.next = self.end = 0

    def __call__(self) -> int:
        if self.next == self.end:
            self.next = self.block(
                self.cursor, table=self.table, size=self.BLOCK, after=self.end
            )
            self.end = self.next + self.BLOCK
        self.next += 1
        return self.next - 1
