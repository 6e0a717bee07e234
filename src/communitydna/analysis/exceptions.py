"""The errors the analysis raises.

Every error is an :class:`AnalysisError`, a ``ValueError``, so callers that only want to
report a user's mistake can catch one type.
"""

from __future__ import annotations

__all__ = ["AnalysisError", "InvalidGraphError", "UnknownOrganisationError"]


class AnalysisError(ValueError):
    """Something asked of the analysis cannot be done with the data given."""


class UnknownOrganisationError(AnalysisError):
    """An organisation named in a request (e.g. a closure scenario) is not in the study.

    Examples
    --------
    >>> str(UnknownOrganisationError(["nobody"]))
    "unknown organisation 'nobody'"
    """

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        listed = ", ".join(repr(i) for i in ids)
        super().__init__(f"unknown organisation{'s' if len(ids) != 1 else ''} {listed}")


class InvalidGraphError(AnalysisError):
    """Plain arrays given to a measure do not describe a graph (bad node index, shape)."""
