"""Reading an uploaded workbook with the core's reader, from a temporary file."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile

from communitydna.io import ReadResult, read_study

__all__ = ["workbook_read", "workbook_save"]


def workbook_save(upload: UploadedFile[Any]) -> Path:
    """Copy an uploaded workbook to a temporary file of its own, for work that outlives the
    request; whoever takes it moves or removes it."""
    handle, name = tempfile.mkstemp(prefix="communitydna-upload-", suffix=".xlsx")
    with open(handle, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return Path(name)


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
