"""Without WeasyPrint or its system libraries, asking for PDF says what to install."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from communitydna.cli import cli
from communitydna.reports import ReportFormatUnavailableError, check_report_format, write_report
from communitydna.reports import pdf as pdf_module
from communitydna.snapshot import Snapshot


def _missing_package() -> ModuleType:
    raise ModuleNotFoundError("No module named 'weasyprint'")


def _missing_pango() -> ModuleType:
    # What WeasyPrint's import raises when cffi cannot find Pango.
    raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object")


@pytest.fixture(params=[_missing_package, _missing_pango], ids=["no-package", "no-pango"])
def without_weasyprint(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    monkeypatch.setattr(pdf_module, "_import_weasyprint", request.param)
    pdf_module._weasyprint.cache_clear()
    yield
    pdf_module._weasyprint.cache_clear()


@pytest.mark.usefixtures("without_weasyprint")
def test_the_check_names_the_extra_and_the_debian_packages() -> None:
    with pytest.raises(ReportFormatUnavailableError) as raised:
        check_report_format("pdf")
    message = str(raised.value)
    assert "pip install 'communitydna[pdf]'" in message
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0" in message
    assert not pdf_module.pdf_available()


@pytest.mark.usefixtures("without_weasyprint")
def test_write_report_writes_nothing(snapshot: Snapshot, tmp_path: Path) -> None:
    target = tmp_path / "northgate.pdf"
    with pytest.raises(ReportFormatUnavailableError):
        write_report(snapshot, target)
    assert not target.exists()


@pytest.mark.usefixtures("without_weasyprint")
def test_the_report_command_says_what_to_install_and_exits_1_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "study").mkdir()  # never read: the format is checked first

    result = CliRunner().invoke(cli, ["report", "study", "-o", "northgate.pdf"])

    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    words = " ".join(result.output.split())  # the console may wrap long lines
    assert "pip install 'communitydna[pdf]'" in words
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"):
        assert package in words
    assert not (tmp_path / "northgate.pdf").exists()


def test_html_and_word_need_no_check() -> None:
    check_report_format("html")
    check_report_format("docx")
