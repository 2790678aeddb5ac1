"""The stats chart, drawn off-screen with matplotlib's Agg canvas (no display, no pyplot state).

A fixed layout and light PNG compression keep a chart near 150 ms; automatic layout doubles that.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_YOU, _TEAM = "#2f6fde", "#b8c2cc"


@dataclass(frozen=True)
class ChartData:
    title: str
    categories: list[tuple[str, float | None, float | None]]
    """(label, your average, the team's average) per category; None where nobody answered."""
    weeks: list[tuple[date, int]]
    """(Monday, answers that week), oldest first."""


def render_png(data: ChartData) -> bytes:
    """Per-category averages against the team's, and answers per week, as one PNG."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 6.5), dpi=100)
    FigureCanvasAgg(figure)
    scores, weekly = figure.subplots(2, 1, height_ratios=(3, 2))
    figure.subplots_adjust(left=0.2, right=0.97, top=0.9, bottom=0.08, hspace=0.45)
    _draw_categories(scores, data.categories)
    _draw_weeks(weekly, data.weeks)
    figure.suptitle(data.title, fontsize=13, fontweight="bold")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def _draw_categories(axes, categories: list[tuple[str, float | None, float | None]]) -> None:
    labels = [label for label, _, _ in categories]
    rows = range(len(categories))
    axes.barh([r + 0.2 for r in rows], [you or 0 for _, you, _ in categories], 0.4, color=_YOU, label="You")
    axes.barh(
        [r - 0.2 for r in rows], [team or 0 for _, _, team in categories], 0.4, color=_TEAM, label="Team"
    )
    axes.set_yticks(list(rows), labels)
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    axes.set_xlabel("Average score (best answer per question)")
    axes.legend(loc="lower right", frameon=False)
    axes.set_title("Average score by category", loc="left")


def _draw_weeks(axes, weeks: list[tuple[date, int]]) -> None:
    positions = range(len(weeks))
    axes.bar(list(positions), [count for _, count in weeks], color=_YOU)
    axes.set_xticks(list(positions), [f"{monday.day} {monday:%b}" for monday, _ in weeks], fontsize=8)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.set_ylabel("Answers")
    axes.set_title("Answers per week (last 12 weeks)", loc="left")
