"""Shot-noise tolerances for comparing sampled counts with exact probabilities."""

from __future__ import annotations

import math


def assert_counts_match(
    counts: dict[str, int], probabilities: dict[str, float], *, noise: float = 0.0
):
    """Every outcome's frequency within 5 standard errors of its probability (plus `noise`)."""
    shots = sum(counts.values())
    for outcome in set(counts) | set(probabilities):
        p = probabilities.get(outcome, 0.0)
        observed = counts.get(outcome, 0) / shots
        sigma = math.sqrt(max(p * (1 - p), 1.0 / shots) / shots)
        assert abs(observed - p) <= 5 * sigma + noise, (
            f"outcome {outcome}: {observed:.4f} observed, {p:.4f} expected ({shots} shots)"
        )
