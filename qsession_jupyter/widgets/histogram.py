"""A job's shot histogram: bars from a results summary, drawn as a PNG or as text.

The numbers come from `views.histogram_summary`, the summary the sidebar plots
too, so the panel and the sidebar never disagree about a job's outcomes. This
module only decides how the bars are labelled and how tall they are, then draws
them with a bare `matplotlib.figure.Figure`: no pyplot, so no global figure
list that grows while a poller thread renders one histogram per finished job,
and nothing that pops up as an inline plot in whichever cell happens to run.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any, Literal

LabelStyle = Literal["bitstrings", "kets"]
ValueKind = Literal["counts", "probabilities"]

#: Bars shown by default; the rest of the outcomes are grouped into one bar.
DEFAULT_TOP = 16
OTHER_LABEL = "other"

_BIT_LIST = re.compile(r"^\[\s*(?:[01](?:\s*,\s*[01])*)?\s*\]$")
_RESULT_WORDS = {"Zero": "0", "One": "1"}


@dataclass(frozen=True)
class Bars:
    """What one histogram shows; plain data, so tests can read labels and heights."""

    labels: list[str]
    heights: list[float]
    kind: ValueKind
    title: str
    shots: int | None
    #: Outcomes folded into the final "other" bar (0: none).
    grouped: int = 0

    @property
    def ylabel(self) -> str:
        return "Count" if self.kind == "counts" else "Probability"


def _bits(text: str) -> str | None:
    """ "[0, 1]" → "01", "Zero" → "0", "011" → "011"; None when it is not bits."""
    text = text.strip()
    if text in _RESULT_WORDS:
        return _RESULT_WORDS[text]
    if text and set(text) <= {"0", "1"}:
        return text
    if _BIT_LIST.match(text):
        return "".join(ch for ch in text if ch in "01")
    words = [w.strip() for w in text.strip("[]").split(",")]
    if text.startswith("[") and words and all(w in _RESULT_WORDS for w in words):
        return "".join(_RESULT_WORDS[w] for w in words)
    return None


def _split_top_level(text: str) -> list[str]:
    """Split "(a, [b, c])" into ["a", "[b, c]"] (commas at depth 0 only)."""
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    parts.append("".join(current).strip())
    return parts


def outcome_label(display: str, style: LabelStyle = "bitstrings") -> str:
    """An outcome as a compact bitstring ("01") or a ket ("|01⟩").

    Register-separated outcomes (Quantinuum "01 1", a Q# tuple "([0, 1], 1)")
    keep one group per register. Anything that is not made of bits (integers,
    doubles a Q# program returned) is shown as the service wrote it.
    """
    text = str(display).strip()
    groups: list[str] | None
    if text.startswith("(") and text.endswith(")"):
        groups = [_bits(part) for part in _split_top_level(text[1:-1])]
    elif " " in text and not text.startswith("["):
        groups = [_bits(part) for part in text.split()]
    else:
        groups = [_bits(text)]
    if any(not g for g in groups):
        return text
    bits = " ".join(g for g in groups if g is not None)
    return f"|{bits}⟩" if style == "kets" else bits


def histogram_bars(
    summary: dict[str, Any],
    *,
    labels: LabelStyle = "bitstrings",
    values: ValueKind = "counts",
    name: str = "",
) -> Bars:
    """Bars for a summary from `views.histogram_summary` (already cut to its top N).

    Counts turn into probabilities by dividing by the shots; probabilities turn
    into expected counts only when the shots are known, otherwise they stay
    probabilities. The outcomes `histogram_summary` left out become one
    "other (k)" bar at the end, so the heights always add up to the total.
    """
    shots = summary.get("shots")
    has_counts = "counts" in summary
    raw = list(summary["counts"] if has_counts else summary["probabilities"])
    omitted = int(summary.get("omitted") or 0)
    omitted_weight = float(summary.get("omitted_weight") or 0)
    names = [outcome_label(o, labels) for o in summary["outcomes"]]
    if omitted:
        names.append(f"{OTHER_LABEL} ({omitted})")
        raw.append(omitted_weight)
    total = shots or (sum(raw) if has_counts else None)
    kind: ValueKind = values
    if values == "probabilities":
        heights = [v / total for v in raw] if has_counts and total else [float(v) for v in raw]
    elif has_counts:
        heights = [float(v) for v in raw]
    elif shots:
        heights = [round(float(v) * shots, 6) for v in raw]
    else:
        kind = "probabilities"
        heights = [float(v) for v in raw]
    shot_text = f"{shots} shots" if shots else "shots unknown"
    title = f"{name} · {shot_text}" if name else shot_text
    return Bars(names, heights, kind, title, shots, omitted)


def render_png(bars: Bars, *, width: float = 6.4, height: float = 3.0, dpi: int = 96) -> bytes:
    """The bars as PNG bytes, on a transparent background that suits light and dark themes.

    Text and axes are a mid grey readable on both; the figure is released as
    soon as the bytes exist.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    grey, bar_colour, other_colour = "#8a8a8a", "#3b82c4", "#9e9e9e"
    figure = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(figure)
    try:
        axes = figure.add_subplot()
        colours = [bar_colour] * len(bars.heights)
        if bars.grouped:
            colours[-1] = other_colour
        positions = range(len(bars.heights))
        axes.bar(positions, bars.heights, color=colours, width=0.8)
        axes.set_xticks(
            list(positions),
            bars.labels,
            rotation=45 if len(bars.labels) > 8 else 0,
            ha="right" if len(bars.labels) > 8 else "center",
            fontsize=8,
        )
        axes.set_ylabel(bars.ylabel, color=grey)
        # A figure text, not an axes title: placing an axes title costs a layout pass.
        figure.text(0.5, 0.97, bars.title, color=grey, fontsize=10, ha="center", va="top")
        axes.tick_params(colors=grey)
        for spine in ("top", "right"):
            axes.spines[spine].set_visible(False)
        for spine in ("left", "bottom"):
            axes.spines[spine].set_color(grey)
        axes.set_facecolor("none")
        figure.patch.set_alpha(0.0)
        # Fixed margins: tight_layout() would draw the figure twice.
        rotated = len(bars.labels) > 8
        figure.subplots_adjust(left=0.1, right=0.98, top=0.9, bottom=0.3 if rotated else 0.14)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
        return buffer.getvalue()
    finally:
        figure.clear()


def text_histogram(bars: Bars, *, width: int = 40) -> str:
    """The same bars as lines of text, for terminals and nbconvert output."""
    lines = [bars.title]
    if not bars.heights:
        return bars.title + "\n(no outcomes)"
    top = max(bars.heights) or 1.0
    label_width = max(len(label) for label in bars.labels)
    for label, value in zip(bars.labels, bars.heights, strict=True):
        cells = round(width * value / top)
        number = f"{value:g}" if bars.kind == "counts" else f"{value:.3f}"
        lines.append(f"{label.rjust(label_width)} │{'█' * cells} {number}")
    return "\n".join(lines)
