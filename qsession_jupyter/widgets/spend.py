"""The panel's spend line: spent, the budget with a meter, and the forecast.

Built from `views.overview.spend_model`, the same dict the sidebar's route
sends, so both say the same amounts and the same sentence.
"""

from __future__ import annotations

from typing import Any

from .html import esc

SPEND_STYLE = """<style>
.qsp-spend { display: flex; flex-wrap: wrap; align-items: center; gap: 2px 12px; margin: 4px 0;
  line-height: 1.5; }
.qsp-spend .qsp-meter { flex: 1 1 120px; max-width: 260px; min-width: 80px; height: 8px;
  border-radius: 4px; background: var(--jp-layout-color3, #e0e0e0); overflow: hidden; }
.qsp-spend .qsp-meter-fill { height: 100%; background: var(--jp-success-color1, #388e3c); }
.qsp-spend .qsp-meter[data-level="high"] .qsp-meter-fill { background: var(--jp-warn-color1, #f57c00); }
.qsp-spend .qsp-meter[data-level="full"] .qsp-meter-fill { background: var(--jp-error-color1, #d32f2f); }
.qsp-spend .qsp-forecast { color: var(--jp-ui-font-color2, #616161); }
</style>"""


def _level(fraction: float) -> str:
    return "full" if fraction >= 1.0 else "high" if fraction >= 0.8 else "ok"


def spend_html(spend: dict[str, Any]) -> str:
    """ "Spent $19.50 of $100 [meter] · about 4 more jobs like the last one fit".

    Empty for a session with no budget that has spent nothing (a free simulator).
    """
    if spend["limit"] is None and not spend["spent"]:
        return ""
    parts = [f'<span class="qsp-spent">Spent <b>{esc(spend["spent_display"])}</b>']
    if spend["limit"] is not None:
        parts[0] += f' of <b class="qsp-limit">{esc(spend["limit_display"])}</b> budget'
    parts[0] += "</span>"
    fraction = spend["fraction"]
    if fraction is not None:
        percent = round(100 * fraction)
        parts.append(
            f'<div class="qsp-meter" role="meter" aria-label="Budget spent" aria-valuemin="0" '
            f'aria-valuemax="100" aria-valuenow="{percent}" data-level="{_level(fraction)}" '
            f'title="{percent} % of the budget spent">'
            f'<div class="qsp-meter-fill" style="width:{percent}%"></div></div>'
        )
    parts.append(f'<span class="qsp-forecast">{esc(spend["forecast"])}</span>')
    return f'<div class="qsp qsp-spend">{"".join(parts)}</div>'
