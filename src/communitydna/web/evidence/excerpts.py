"""Splitting pasted interview notes into excerpts."""

from __future__ import annotations

import re

__all__ = ["split_excerpts"]

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def split_excerpts(notes: str) -> list[str]:
    """The notes' paragraphs: split on blank lines, trimmed, empty ones dropped.

    >>> split_excerpts("First point.\\n\\n  \\nSecond,\\nstill second.\\r\\n\\r\\nThird.")
    ['First point.', 'Second,\\nstill second.', 'Third.']
    """
    text = notes.replace("\r\n", "\n").replace("\r", "\n")
    return [part.strip() for part in _BLANK_LINE.split(text) if part.strip()]
