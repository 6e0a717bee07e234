"""Reading an uploaded study (a workbook or a JSON archive) with the core's reader, from a
temporary file."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile

from communitydna.io import ReadResult, read_study

__all__ = ["UPLOAD_SUFFIXES", "upload_suffix", "workbook_read", "workbook_save"]

UPLOAD_SUFFIXES = (".xlsx", ".json")
"""What a study may be uploaded as: a workbook, or a JSON archive of a whole study."""


def upload_suffix(upload: UploadedFile[Any]) -> str:
    """``.json`` for an upload named as an archive, ``.xlsx`` for anything else: the reader
    goes by the name, so that a workbook is never taken for an archive or the other way."""
    return ".json" if (upload.name or "").lower().endswith(".json") else ".xlsx"


def workbook_save(upload: UploadedFile[Any]) -> Path:
    """Copy an uploaded study to a temporary file of its own, named by its kind, for work
    that outlives the request; whoever takes it moves or removes it."""
    handle, name = tempfile.mkstemp(prefix="communitydna-upload-", suffix=upload_suffix(upload))
    with open(handle, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return Path(name)


def workbook_read(upload: UploadedFile[Any]) -> ReadResult:
    """Read an uploaded ``.xlsx`` workbook or ``.json`` archive; the temporary copy is
    removed afterwards.

    Never raises for bad content: every problem comes back in the result, with its sheet,
    row, column and reason.
    """
    with tempfile.TemporaryDirectory(prefix="communitydna-upload-") as folder:
        path = Path(folder) / f"upload{upload_suffix(upload)}"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        return read_study(path)
