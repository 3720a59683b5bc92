"""A stacked bar chart as SVG geometry, drawn by a template. No ORM, no JavaScript.

One bar per month, one segment per territory, heights to scale with a round
axis maximum.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# Colour-blind-safe (Okabe-Ito), cycled when there are more territories.
PALETTE = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
]
WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 180, 10, 10, 30
TICKS = 4


@dataclass(frozen=True)
class Segment:
    x: float
    y: float
    width: float
    height: float
    colour: str
    territory: str
    month: date
    amount: Decimal


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    bottom: float
    segments: list[Segment]
    ticks: list[Tick]
    months: list[tuple[float, date]]  # label x and month
    legend: list[tuple[str, str]]  # territory and colour


def axis_maximum(value: Decimal) -> Decimal:
    """The smallest 1, 2 or 5 times a power of 10 at or above ``value`` (1 for 0)."""
    if value <= 0:
        return Decimal(1)
    power = Decimal(10) ** (value.adjusted())
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    raise AssertionError(value)  # 10 times 10**adjusted always exceeds value


def stacked_bars(
    *, amounts: dict[tuple[str, date], Decimal], label: Callable[[Decimal], str]
) -> Chart:
    """Lay out ``amounts`` per (territory, month) as stacked monthly bars.

    ``label`` writes the axis amounts.
    """
    months = sorted({month for _, month in amounts})
    territories = sorted({territory for territory, _ in amounts})
    colours = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(territories)}
    totals = {m: sum(a for (_, mo), a in amounts.items() if mo == m) for m in months}
    top = axis_maximum(max(totals.values(), default=Decimal(0)))
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(months), 1)
    bar = slot * 0.6
    segments = []
    for index, month in enumerate(months):
        x = LEFT + index * slot + (slot - bar) / 2
        base = float(HEIGHT - BOTTOM)
        for territory in territories:
            amount = amounts.get((territory, month))
            if not amount:
                continue
            height = float(amount / top) * plot_height
            base -= height
            segments.append(
                Segment(
                    x, base, bar, height, colours[territory], territory, month, amount
                )
            )
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        bottom=HEIGHT - BOTTOM,
        segments=segments,
        ticks=[
            Tick(HEIGHT - BOTTOM - plot_height * i / TICKS, label(top * i / TICKS))
            for i in range(TICKS + 1)
        ],
        months=[(LEFT + (i + 0.5) * slot, m) for i, m in enumerate(months)],
        legend=[(t, colours[t]) for t in territories],
    )
