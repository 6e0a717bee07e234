"""The PDF report: every page renders (pdftoppm), none is blank, pages are A4 and numbered.

These need WeasyPrint with its system libraries, and poppler-utils; each test skips with
the reason when they are missing, and CI installs them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from communitydna.analysis import analyse, analysis_to_json
from communitydna.demo import demo_snapshot
from communitydna.reports import build_report, write_report
from communitydna.reports.pdf import PDF_INSTALL_HINT, TypesetPdf, pdf_available, typeset_pdf
from communitydna.snapshot import Snapshot

from .support import GENERATED_ON

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not pdf_available(), reason=f"WeasyPrint cannot run here. {PDF_INSTALL_HINT}"
    ),
]

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils is not installed (apt-get install poppler-utils)",
)

DPI = 40
A4_MM = (210, 297)


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[TypesetPdf, Path]:
    """The demo report as PDF, with its network section, as the report command writes it."""
    snapshot = demo_snapshot()
    analysis = analysis_to_json(analyse(snapshot, seed=0))
    report = build_report(snapshot, analysis=analysis, generated_on=GENERATED_ON)
    typeset = typeset_pdf(report)
    path = tmp_path_factory.mktemp("pdf") / "calderholme.pdf"
    path.write_bytes(typeset.data)
    return typeset, path


@pytest.fixture(scope="module")
def page_images(demo_pdf: tuple[TypesetPdf, Path]) -> list[Path]:
    """Every page of the demo report as a greyscale PNG, rendered by pdftoppm."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils is not installed (apt-get install poppler-utils)")
    _, path = demo_pdf
    prefix = path.parent / "page"
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-gray", "-png", str(path), str(prefix)],
        check=True,
        timeout=300,
    )
    # pdftoppm pads page numbers to the width of the last one: page-01.png … page-50.png.
    return sorted(path.parent.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))


def page_text(path: Path, page: int) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


def ink_in_body(png: Path) -> int:
    """How many pixels of the page's body (the footer left out) are not near white."""
    from PIL import Image  # a dependency of WeasyPrint

    with Image.open(png) as image:
        grey = image.convert("L")
        width, height = grey.size
        body = grey.crop((0, 0, width, int(height * 0.93)))  # the footer sits below 93 %
        return sum(count for value, count in enumerate(body.histogram()) if value < 200)


@needs_poppler
def test_pdftoppm_renders_as_many_pages_as_weasyprint_laid_out(
    demo_pdf: tuple[TypesetPdf, Path], page_images: list[Path]
) -> None:
    typeset, _ = demo_pdf
    assert typeset.pages > 10
    assert len(page_images) == typeset.pages


@needs_poppler
def test_no_page_is_blank(page_images: list[Path]) -> None:
    ink = {png.name: ink_in_body(png) for png in page_images}
    blank = [name for name, pixels in ink.items() if pixels < 50]
    assert not blank, f"pages with (almost) nothing on them: {blank}"


@needs_poppler
def test_pages_are_a4(page_images: list[Path]) -> None:
    from PIL import Image

    for png in page_images:
        with Image.open(png) as image:
            width, height = image.size
        assert abs(width - A4_MM[0] / 25.4 * DPI) <= 1.5, png.name
        assert abs(height - A4_MM[1] / 25.4 * DPI) <= 1.5, png.name


@needs_poppler
def test_pages_are_numbered_in_the_footer_except_the_title_page(
    demo_pdf: tuple[TypesetPdf, Path],
) -> None:
    typeset, path = demo_pdf
    assert "Page 1 of" not in page_text(path, 1)
    assert "Calderholme" in page_text(path, 1)
    for page in (2, typeset.pages // 2, typeset.pages):
        assert f"Page {page} of {typeset.pages}" in page_text(path, page)


@needs_poppler
def test_the_contents_gives_the_page_of_each_section(
    demo_pdf: tuple[TypesetPdf, Path],
) -> None:
    _, path = demo_pdf
    contents = page_text(path, 2)
    assert "Contents" in contents
    found = dict(re.findall(r"^\s*(Summary|Recommendations)\b[ .]*?(\d+)\s*$", contents, re.M))
    assert set(found) == {"Summary", "Recommendations"}
    summary_page = int(found["Summary"])
    assert summary_page > 2
    assert "Overall assessment" in page_text(path, summary_page)


@needs_poppler
def test_the_pdf_is_tagged_and_titled(demo_pdf: tuple[TypesetPdf, Path]) -> None:
    _, path = demo_pdf
    info = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Title:\s+Calderholme", info, re.M)


def test_write_report_writes_pdf_for_a_pdf_suffix(snapshot: Snapshot, tmp_path: Path) -> None:
    target = write_report(snapshot, tmp_path / "northgate.pdf", generated_on=GENERATED_ON)

    data = target.read_bytes()

    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
