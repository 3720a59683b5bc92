"""Which DSRs an answer counts: the one place that filters DSRs in SQL."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DSRSelection:
    """Ingested DSRs of a territory whose period lies within the bounds.

    ``territory`` is an ISO alpha-2 code; either bound may be left open.
    """

    territory: str | None = None
    period_start: date | None = None
    period_end: date | None = None

    @property
    def everything(self) -> bool:
        return (
            self.territory is None
            and self.period_start is None
            and (self.period_end is None)
        )

    def sql(self) -> tuple[str, dict[str, object]]:
        """A condition on ``dsrs_dsr AS d`` joined to ``dsrs_territory AS t``."""
        clauses, params = ["d.status = 'ingested'"], {}
        if self.territory is not None:
            clauses.append("t.code_2 = %(territory)s")
            params["territory"] = self.territory.upper()
        if self.period_start is not None:
            clauses.append("d.period_start >= %(period_start)s")
            params["period_start"] = self.period_start
        if self.period_end is not None:
            clauses.append("d.period_end <= %(period_end)s")
            params["period_end"] = self.period_end
        return " AND ".join(clauses), params


# The selected DSRs with their rates, for queries over usages.
SELECTED_DSRS_SQL = """
    SELECT d.id, d.eur_rate
    FROM dsrs_dsr AS d
    JOIN dsrs_territory AS t ON t.id = d.territory_id
    WHERE {condition}
"""
