"""The HTML report is one well-formed, standards-mode document."""

from __future__ import annotations

import pytest

from communitydna.snapshot import Place, Snapshot

from .support import make_hostile_snapshot, make_snapshot, parse, render, tag


@pytest.mark.parametrize(
    "snapshot",
    [
        make_snapshot("community"),
        make_snapshot("place"),
        make_hostile_snapshot(),
        Snapshot(place=Place("Empty Town")),
    ],
    ids=["community", "place", "hostile", "empty"],
)
def test_it_parses_with_html5lib_in_strict_mode_without_errors(snapshot: Snapshot) -> None:
    parse(render(snapshot))  # strict mode raises on the first parse error


def test_it_starts_with_the_html5_doctype_and_declares_british_english(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>\n")
    root = parse(html)
    assert root.tag == tag("html")
    assert root.get("lang") == "en-GB"


def test_it_declares_utf8_and_a_title_naming_the_place(html: str) -> None:
    root = parse(html)
    head = root.find(tag("head"))
    assert head is not None
    assert head.find(tag("meta")) is not None
    assert head.find(tag("meta")).get("charset") == "utf-8"  # type: ignore[union-attr]
    title = head.find(tag("title"))
    assert title is not None
    assert title.text == "Northgate: community resilience assessment"
