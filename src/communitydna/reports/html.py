"""Render a report as one self-contained, printable, accessible HTML file.

The stylesheet is inlined and figures are inline SVG, so the file makes no request of its
own: it can be e-mailed, archived or published as it is. All text from the study is
escaped by the template engine.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from communitydna import __version__
from communitydna.reports.model import ContentsEntry, Report

__all__ = ["render_html"]


def _paragraphs(text: str) -> Markup:
    """Text as escaped ``<p>`` paragraphs: a blank line starts a paragraph, a newline breaks."""
    parts = [p.strip() for p in re.split(r"\r?\n\s*\r?\n", str(text)) if p.strip()]
    return Markup("\n").join(
        Markup("<p>{}</p>").format(Markup("<br>\n").join(escape(line) for line in p.splitlines()))
        for p in parts
    )


def _human_date(value: dt.date) -> str:
    return f"{value.day} {calendar.month_name[value.month]} {value.year}"


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    # Keep acronyms and names as written ("VCSE forum"); lower only a capitalised word.
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _count_words(values: Iterable[str]) -> str:
    """``["on track", "at risk", "on track"]`` → ``"2 on track, 1 at risk"`` (blanks skipped)."""
    counts = Counter(v for v in values if v)
    return ", ".join(f"{n} {value}" for value, n in counts.items())


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("communitydna.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["paragraphs"] = _paragraphs
    env.filters["human_date"] = _human_date
    env.filters["upper_first"] = _upper_first
    env.filters["lower_first"] = _lower_first
    env.filters["count_words"] = _count_words
    return env


@cache
def _stylesheet() -> str:
    css = resources.files("communitydna.reports").joinpath("static/report.css").read_text("utf-8")
    if "</" in css:  # would end the <style> element early
        raise ValueError("the report stylesheet must not contain '</'")
    return css


def _nest(entries: Sequence[ContentsEntry]) -> list[dict[str, Any]]:
    """Turn the flat contents (with levels) into a tree for a nested list."""
    tree: list[dict[str, Any]] = []
    for entry in entries:
        node: dict[str, Any] = {"anchor": entry.anchor, "title": entry.title, "children": []}
        if entry.level > 1 and tree:
            tree[-1]["children"].append(node)
        else:
            tree.append(node)
    return tree


def render_html(report: Report) -> str:
    """Render a report as one self-contained HTML document.

    The document has inline CSS with a print stylesheet, no scripts and no external
    references; it has one ``h1``, headings in order, a skip link and a table of contents,
    tables with captions and header scopes, and every rating in words as well as a marker.

    Parameters
    ----------
    report : Report
        The report, from :func:`communitydna.reports.build_report`.

    Returns
    -------
    str
        The HTML document.

    Examples
    --------
    >>> import datetime as dt
    >>> from communitydna.reports import build_report
    >>> from communitydna.snapshot import Place, Snapshot
    >>> page = render_html(build_report(Snapshot(place=Place("Northgate")),
    ...                                 generated_on=dt.date(2024, 5, 1)))
    >>> page.startswith("<!DOCTYPE html>"), page.count("<h1>")
    (True, 1)
    """
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        contents=_nest(report.contents()),
        css=Markup(_stylesheet()),
        version=__version__,
    )
