"""Reading an uploaded workbook with the core's reader, from a temporary file."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile

from communitydna.io import ReadResult, read_study

__all__ = ["workbook_read"]


def workbook_read(upload: UploadedFile[Any]) -> ReadResult:
    """Read an uploaded ``.xlsx`` workbook; the temporary copy is removed afterwards.

    Never raises for bad content: every problem comes back in the result, with its sheet,
    row, column and reason.
    """
    with tempfile.TemporaryDirectory(prefix="communitydna-upload-") as folder:
        path = Path(folder) / "upload.xlsx"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        return read_study(path)
