"""Words for positions on the sliding scale."""

from __future__ import annotations

from django import template

from communitydna.framework import format_rating

register = template.Library()


@register.filter
def scale_label(position: int | str | None) -> str:
    """``4`` → ``"vulnerable–stable (4)"``; nothing → ``"not rated"``."""
    if position is None or position == "":
        return "not rated"
    return f"{format_rating(int(position))} ({position})"
