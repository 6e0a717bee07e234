"""Helpers for the figure tests: read ids and coordinates out of a figure's SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

from communitydna.reports import Figure, Report

SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


def svg_root(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def element(svg: str, element_id: str) -> ET.Element | None:
    for e in svg_root(svg).iter():
        if e.get("id") == element_id:
            return e
    return None


def points(node: ET.Element) -> list[tuple[float, float]]:
    """Every (x, y) drawn inside an element: path vertices and the places of markers."""
    found: list[tuple[float, float]] = []
    if node.tag == f"{SVG}defs":  # shapes defined for reuse, not drawn where they stand
        return found
    if node.tag == f"{SVG}path" and node.get("d"):
        numbers = [float(n) for n in _NUMBER.findall(node.get("d", ""))]
        found.extend(zip(numbers[0::2], numbers[1::2], strict=False))
    if node.tag == f"{SVG}use":
        found.append((float(node.get("x", "0")), float(node.get("y", "0"))))
    for child in node:
        found.extend(points(child))
    return found


def centre_x(node: ET.Element) -> float:
    xs = [x for x, _ in points(node)]
    return (min(xs) + max(xs)) / 2


def height(node: ET.Element) -> float:
    ys = [y for _, y in points(node)]
    return max(ys) - min(ys)


def texts(svg: str) -> list[str]:
    return [t.text or "" for t in svg_root(svg).iter(f"{SVG}text")]


def all_figures(report: Report) -> Iterator[Figure]:
    yield from report.summary.figures
    yield from report.place.figures
    for m in report.measures:
        yield from m.figures
        yield from m.network.figures
    yield from report.network.figures
    for i in report.indicators:
        yield from i.figures


def demo_analysis(snapshot: Any) -> dict[str, Any] | None:
    """The analysis document of a snapshot, or ``None`` when the analysis is not installed."""
    try:
        from communitydna.analysis import analyse, analysis_to_json
    except ImportError:
        return None
    as_of = snapshot.place.date.end() if snapshot.place.date else None
    document: dict[str, Any] = analysis_to_json(analyse(snapshot, as_of=as_of, orders=20))
    return document
