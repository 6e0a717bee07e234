"""Keeping the picture alive: rules that watch a study after its report.

Pure functions over the snapshot's plain data, with no I/O and no Django:

- :mod:`~communitydna.monitoring.indicators` — progress of an indicator against its target,
  in the direction that is better, keeping qualifiers and never turning "to be determined"
  into zero;
- :mod:`~communitydna.monitoring.tensions` — tension reports month by month per area and
  category, and the early-warning rule that flags an area whose month rises above its
  trailing average by more than a threshold.
"""

from communitydna.monitoring.indicators import (
    IndicatorProgress,
    Standing,
    indicator_progress,
    period_key,
    progress_against_target,
)
from communitydna.monitoring.tensions import (
    EarlyWarning,
    Month,
    MonthlySeries,
    WarningRule,
    early_warnings,
    monthly_series,
)

__all__ = [
    "EarlyWarning",
    "IndicatorProgress",
    "Month",
    "MonthlySeries",
    "Standing",
    "WarningRule",
    "early_warnings",
    "indicator_progress",
    "monthly_series",
    "period_key",
    "progress_against_target",
]
