"""The Word report opens cleanly in LibreOffice, which lays it out and prints it to PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from communitydna.analysis import analyse, analysis_to_json
from communitydna.demo import demo_snapshot
from communitydna.reports import build_report
from communitydna.reports.docx import render_docx

from .support import GENERATED_ON

pytestmark = pytest.mark.slow

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)",
)
def test_libreoffice_converts_the_demo_report_to_pdf(tmp_path: Path) -> None:
    assert SOFFICE is not None
    source = tmp_path / "calderholme.docx"
    snapshot = demo_snapshot()  # with its network section and figures, as the command writes it
    analysis = analysis_to_json(analyse(snapshot, seed=0))
    report = build_report(snapshot, analysis=analysis, generated_on=GENERATED_ON)
    source.write_bytes(render_docx(report))
    profile = (tmp_path / "profile").as_uri()  # its own profile: no clash with a running one

    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )

    printed = tmp_path / "calderholme.pdf"
    assert done.returncode == 0, done.stderr
    assert printed.exists(), done.stdout + done.stderr
    assert printed.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(printed), "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
        assert "Calderholme" in text
        assert "Measure 10:" in text
        assert "Appendix: organisations by sector" in text
        assert "The network" in text
