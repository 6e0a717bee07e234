"""Every figure of a report has a text alternative that states what it shows, and a caption."""

from __future__ import annotations

import pytest

from communitydna.reports import Report, build_report, render_html

from .figures_support import all_figures, demo_analysis
from .support import GENERATED_ON, parse, tag

demo = pytest.importorskip("communitydna.demo")


@pytest.fixture(scope="module")
def demo_report() -> Report:
    snapshot = demo.demo_snapshot()
    return build_report(snapshot, analysis=demo_analysis(snapshot), generated_on=GENERATED_ON)


def test_every_figure_has_alt_text_and_a_caption(demo_report: Report) -> None:
    figures = list(all_figures(demo_report))
    assert len(figures) >= 14
    for figure in figures:
        assert len(figure.alt.split()) >= 4, figure.id
        assert figure.caption.strip(), figure.id


def test_rating_figures_state_the_rating_in_words_and_position(demo_report: Report) -> None:
    for section in demo_report.measures:
        alt = section.figures[0].alt
        rating = section.judgement.rating
        if rating.rated:
            assert f"{rating.words} (position {rating.position} of 7)" in alt
        else:
            assert alt.endswith("not rated")
    overall = next(f for f in demo_report.summary.figures if f.id == "overall")
    assert overall.alt.startswith("Overall rating: ")


def test_the_html_gives_each_figure_role_img_its_alt_text_and_its_caption(
    demo_report: Report,
) -> None:
    root = parse(render_html(demo_report))
    figures = list(root.iter(tag("figure")))
    assert len(figures) == len(list(all_figures(demo_report)))
    for figure in figures:
        graphic = figure.find(tag("div"))
        assert graphic is not None
        assert graphic.get("role") == "img"
        assert (graphic.get("aria-label") or "").strip()
        assert figure.find(tag("figcaption")) is not None
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))  # figures' inner ids never clash
