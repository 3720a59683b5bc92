"""The position chart's geometry, computed on the server (no ORM, no JS).

Position 1 (the top of the playlist) is drawn at the top; crawls are placed
along x by their time; a video absent from a crawl breaks its line there.
The crawls number positions from 0; people count from 1, so the chart adds
one to every position it writes.
"""

from dataclasses import dataclass

from playlists.selectors.playlists import ChartData

# The page scales the drawing to its width (viewBox), so these are proportions.
WIDTH, HEIGHT = 1280, 560
LEFT, RIGHT, TOP, BOTTOM = 60, 320, 30, 60
PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)


@dataclass(frozen=True)
class Line:
    video_id: str
    title: str
    colour: str
    segments: list[str]  # SVG polyline "x,y x,y" strings
    dots: list[tuple[float, float, int]]  # x, y, position counted from 1
    legend_y: float


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: float
    top: int
    bottom: float
    lines: list[Line]
    x_ticks: list[Tick]
    y_ticks: list[Tick]


def chart_layout(*, data: ChartData) -> Chart:
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
    deepest = max(
        [p for s in data.series for p in s.positions if p is not None], default=0
    )
    times = [moment.timestamp() for moment in data.taken_at]
    span = (max(times) - min(times)) if len(times) > 1 else 0

    def x(index: int) -> float:
        share = (times[index] - times[0]) / span if span else 0.5
        return round(LEFT + share * (right - LEFT), 1)

    def y(position: int) -> float:
        return round(TOP + position / max(deepest, 1) * (bottom - TOP), 1)

    lines = [
        _line(series.video_id, series.title, series.positions, index, x, y)
        for index, series in enumerate(data.series)
    ]
    x_ticks = [
        Tick(x(i), f"{moment.day} {moment:%b %Y %H:%M}")
        for i, moment in enumerate(data.taken_at)
    ]
    step = max(1, (deepest + 1) // 10)
    y_ticks = [Tick(y(p), str(p + 1)) for p in range(0, deepest + 1, step)]
    return Chart(WIDTH, HEIGHT, LEFT, right, TOP, bottom, lines, x_ticks, y_ticks)


def _line(video_id, title, positions, index, x, y) -> Line:
    segments, run, dots = [], [], []
    for column, position in enumerate(positions):
        if position is None:
            if run:
                segments.append(" ".join(run))
            run = []
            continue
        run.append(f"{x(column)},{y(position)}")
        dots.append((x(column), y(position), position + 1))
    if run:
        segments.append(" ".join(run))
    return Line(
        video_id=video_id,
        title=title,
        colour=PALETTE[index % len(PALETTE)],
        segments=segments,
        dots=dots,
        legend_y=TOP + 10 + index * 22,
    )
