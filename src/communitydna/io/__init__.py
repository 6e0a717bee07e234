"""Reading and writing studies as workbooks (an ``.xlsx`` file or a folder of ``.csv`` files)
and as a lossless JSON archive.

- :func:`read_study` — read and check a study; every problem is named by sheet, row and
  column, and with any error no snapshot is produced. Never raises for bad input.
- :func:`load_study` — the same, raising :class:`StudyReadError` on errors.
- :class:`ReadLimits` — how large a study is read before it is refused (zip bombs, sheets
  of millions of rows); both readers take ``limits=``.
- :func:`write_study` — write a snapshot; reading it back gives an equal snapshot.
- :func:`write_archive`, :func:`read_archive`, :func:`snapshot_to_archive`,
  :func:`archive_to_snapshot` — the whole study as one versioned JSON document.
- :func:`write_template` — the empty workbook, with an Instructions sheet, for
  ``communitydna template``.
- :data:`SHEETS` — the workbook contract as data: sheets, columns, what they accept.
"""

from communitydna.io.archive import (
    archive_to_snapshot,
    read_archive,
    snapshot_to_archive,
    write_archive,
)
from communitydna.io.columns import SHEETS, Column, SheetSpec
from communitydna.io.problems import Problem, ReadResult, Severity, StudyReadError
from communitydna.io.reader import ProgressCallback, load_study, read_study
from communitydna.io.tabular import ReadLimits
from communitydna.io.template import write_template
from communitydna.io.writer import write_study

__all__ = [
    "SHEETS",
    "Column",
    "Problem",
    "ProgressCallback",
    "ReadLimits",
    "ReadResult",
    "Severity",
    "SheetSpec",
    "StudyReadError",
    "archive_to_snapshot",
    "load_study",
    "read_archive",
    "read_study",
    "snapshot_to_archive",
    "write_archive",
    "write_study",
    "write_template",
]
