"""Pure decisions of the recordings app (no ORM)."""
