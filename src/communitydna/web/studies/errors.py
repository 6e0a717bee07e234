"""What the study services raise besides ``ValidationError`` and ``PermissionDenied``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from communitydna.web.studies.models import Rating

__all__ = ["RatingConflict", "StudyImportError"]


class StudyImportError(ValueError):
    """A snapshot could not be stored; nothing was. ``problems`` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems[:5]) + (" …" if len(problems) > 5 else ""))


class RatingConflict(Exception):
    """Someone else changed the rating since it was read; their version is ``current``.

    The save is refused rather than overwriting their change; show ``current`` and let the
    person decide.
    """

    def __init__(self, current: Rating | None) -> None:
        self.current = current
        version = current.version if current is not None else 0
        super().__init__(f"the rating was changed by someone else (now version {version})")
