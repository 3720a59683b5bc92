"""Pure decisions of the plays app (no ORM)."""
