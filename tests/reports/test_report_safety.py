"""User text is escaped, and the report loads nothing from elsewhere."""

from __future__ import annotations

import re

import pytest

from communitydna.reports import Figure

from .support import HOSTILE, make_hostile_snapshot, make_snapshot, parse, render, tag, text_of


def test_user_text_containing_script_is_escaped() -> None:
    page = render(make_hostile_snapshot())
    root = parse(page)
    assert list(root.iter(tag("script"))) == []
    assert list(root.iter(tag("img"))) == []
    assert list(root.iter(tag("b"))) == []
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    text = text_of(root)
    assert HOSTILE in text  # shown to the reader as the text it is
    assert "<b>bold</b>" in text


def test_no_attribute_carries_an_event_handler() -> None:
    root = parse(render(make_hostile_snapshot()))
    for element in root.iter():
        assert not any(name.lower().startswith("on") for name in element.attrib), element.tag


@pytest.mark.parametrize(
    "snapshot", [make_snapshot(), make_hostile_snapshot()], ids=["plain", "hostile"]
)
def test_no_external_resource_is_referenced(snapshot) -> None:  # type: ignore[no-untyped-def]
    page = render(snapshot)
    root = parse(page)
    assert list(root.iter(tag("link"))) == []
    assert list(root.iter(tag("script"))) == []
    assert list(root.iter(tag("iframe"))) == []
    for element in root.iter():
        assert element.get("src") is None, element.tag
        href = element.get("href")
        assert href is None or href.startswith("#"), href
    style = "".join(e.text or "" for e in root.iter(tag("style")))
    assert "@import" not in style
    assert re.search(r"url\(\s*['\"]?(?!#)", style) is None


def test_the_stylesheet_is_inlined_with_a_print_stylesheet() -> None:
    root = parse(render(make_snapshot()))
    styles = list(root.iter(tag("style")))
    assert len(styles) == 1
    css = styles[0].text or ""
    assert "@media print" in css
    assert "break-before: page" in css


@pytest.mark.parametrize(
    "svg",
    [
        "<svg><script>alert(1)</script></svg>",
        '<svg><rect onclick="alert(1)"/></svg>',
        '<svg><image href="https://example.org/x.png"/></svg>',
        '<svg><rect style="fill: url(https://example.org/x)"/></svg>',
        "<div>not svg</div>",
    ],
)
def test_a_figure_refuses_scripts_and_external_references(svg: str) -> None:
    with pytest.raises(ValueError):
        Figure("bad", svg, "A figure")


def test_a_figure_needs_a_text_alternative() -> None:
    with pytest.raises(ValueError):
        Figure("mute", "<svg></svg>", " ")
