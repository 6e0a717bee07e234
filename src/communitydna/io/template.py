"""The empty study workbook that ``communitydna template`` writes.

It has an Instructions sheet first, explaining how to fill the workbook and then, sheet by
sheet, every column: what it means, whether it is required, the values it accepts, what a
blank means and an example. Each sheet's section ends with example rows laid out like the
sheet itself, ready to copy. The examples live on the Instructions sheet, which the reader
never reads as data, so a filled-in template holds only what its user typed: example rows
on the data sheets would have to be deleted by hand, and any forgotten would become part of
the study.

The data sheets have their header rows (bold, frozen, sized, each header with a note saying
what the column means), drop-down lists for the columns with fixed values (sector, size,
yes/no columns, relationship type and status, polarity, ratings, measures, progress,
action status, observation kind, direction, the variant) and whole-number checks for
strength, weight and severity. Lists warn rather than refuse, because the reader also
understands synonyms (``private`` for commercial, ``between stable and resilient`` for
``stable–resilient``). The Place sheet comes with its field names filled in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from communitydna.io.columns import (
    INSTRUCTIONS_SHEET,
    PLACE_FIELDS,
    SHEETS,
    Column,
    SheetSpec,
)

__all__ = ["EXAMPLES", "write_template"]

EXAMPLES: dict[str, tuple[dict[str, str], ...]] = {
    "Place": (
        {"field": "name", "value": "Northgate"},
        {"field": "variant", "value": "community"},
        {"field": "date", "value": "2012-07"},
        {"field": "wards", "value": "Northgate East; Northgate West"},
        {"field": "funded by", "value": "(any other field is kept as it is)"},
    ),
    "Organisations": (
        {
            "id": "council",
            "name": "Northgate Borough Council",
            "sector": "public",
            "type": "local authority",
            "ward": "Northgate East",
            "size": "large",
        },
        {
            "id": "foodbank",
            "name": "Northgate Food Bank",
            "sector": "voluntary",
            "type": "charity",
            "ward": "Northgate West",
            "identifier": "GB-CHC-1234567",
            "led_by": "bme; women",
            "size": "small",
        },
    ),
    "Relationships": (
        {
            "from": "council",
            "to": "foodbank",
            "type": "grant",
            "strength": "4",
            "since": "2010",
            "evidence": "e1",
        },
        {
            "from": "Northgate Food Bank",
            "to": "council",
            "type": "forum",
            "tense": "yes",
            "status": "active",
        },
    ),
    "Evidence": (
        {
            "id": "e1",
            "source": "Interview: food bank manager",
            "date": "June 2012",
            "measures": "social-public; 1",
            "polarity": "positive",
            "weight": "2",
            "text": "The council's grant has kept the food bank open through two winters.",
            "organisations": "council; foodbank",
        },
        {
            "id": "e2",
            "source": "Desk review: area action plan",
            "measures": "governance",
            "polarity": "weakness",
            "text": "The plan names no community organisations as partners.",
            "confidential": "no",
        },
    ),
    "Ratings": (
        {
            "measure": "social-public",
            "rating": "between vulnerable and stable",
            "rationale": "Regular forum\nFew small groups take part",
            "assessor": "A. Researcher",
        },
        {"measure": "overall", "rating": "vulnerable"},
    ),
    "Recommendations": (
        {
            "id": "rec1",
            "title": "Open the commissioning forum to small groups",
            "measures": "social-public",
            "owner": "Council",
            "status": "agreed",
        },
    ),
    "FollowUps": ({"recommendation": "rec1", "date": "2013-01", "progress": "in progress"},),
    "Actions": (
        {
            "ref": "1.2.3",
            "theme": "Cohesion",
            "action": "Run a welcome event for new residents",
            "milestone": "Venue booked\nEvent held",
            "due": "2008-09\nNovember 2008",
            "lead": "council; Northgate Residents' Forum",
            "status": "on track",
            "recommendations": "rec1",
        },
    ),
    "ActionUpdates": (
        {"action": "1.2.3", "date": "2008-08", "status": "on track", "note": "Venue booked."},
        {
            "action": "1.2.3",
            "date": "October 2008",
            "status": "at risk",
            "note": "The venue cancelled; looking for another.",
        },
    ),
    "Indicators": (
        {
            "id": "ni1",
            "name": "People who feel they belong to their neighbourhood",
            "type": "national indicator",
            "unit": "%",
            "direction": "up",
        },
    ),
    "Observations": (
        {"indicator": "ni1", "period": "2007/08", "kind": "baseline", "value": "less than 40%"},
        {"indicator": "ni1", "period": "2010/11", "kind": "target", "value": "to be determined"},
        {
            "indicator": "ni1",
            "period": "2008/09",
            "kind": "actual",
            "value": "42%",
            "area": "Northgate East",
            "breakdown": "age=16-24",
        },
    ),
    "Tensions": (
        {
            "date": "2012-03",
            "area": "Northgate East",
            "reported_by": "Police",
            "category": "anti-social behaviour",
            "severity": "2",
            "summary": "Groups gathering near the shops in the evenings.",
        },
    ),
}
"""Example rows for each sheet, shown on the Instructions sheet (never read as data)."""

_INTRODUCTION = (
    "This workbook holds one study of a place: its organisations and the relationships "
    "between them, the evidence gathered, the ratings of the ten measures, the "
    "recommendations and what became of them, the action plan, indicators and tension "
    "reports.",
    "Fill in the sheets you need. Place and Organisations are required; the others may be "
    "left empty. Keep the header row of each sheet as it is; you may add columns of your "
    "own, which are kept with each row.",
    "Lists inside one cell are separated by ; or by putting each item on its own line "
    "(Alt+Enter in Excel). Dates may be a day (2012-07-15 or 15/07/2012), a month (2012-07 "
    "or July 2012) or a year (2012); the precision you give is kept. Letter case never "
    "matters in column names or in fixed values.",
    "Then check it: communitydna check study.xlsx lists every problem by sheet, row and "
    "column. communitydna report study.xlsx -o report.html writes the report.",
    "Example rows for each sheet are shown below, laid out like the sheet; this "
    "Instructions sheet is never read as data, so copy what helps and leave the rest.",
)

_BOLD: dict[str, Any] = {"bold": True}
_TITLE: dict[str, Any] = {"bold": True, "size": 16}
_HEADING: dict[str, Any] = {"bold": True, "size": 13}
_HEADER_FILL = "DDEBF7"
_EXAMPLE_FILL = "F2F2F2"
_PLACE_NOTE = (
    "Each row of the Place sheet is one field (in column 'field') and its value (in column "
    "'value'). The fields are:"
)
_TABLE_HEADER = ("column", "required", "what it means", "accepted values", "if blank", "example")


def _list_formula(choices: tuple[str, ...]) -> str:
    return '"' + ",".join(choices) + '"'


def _validation(column: Column) -> dict[str, Any] | None:
    """Keyword arguments of openpyxl's DataValidation for a column, or ``None``."""
    numbers = {"strength": (1, 5), "severity": (1, 5), "weight": (1, 3)}
    if column.name in numbers:
        low, high = numbers[column.name]
        return {
            "type": "whole",
            "operator": "between",
            "formula1": str(low),
            "formula2": str(high),
            "errorTitle": f"{column.name} is a whole number",
            "error": f"{column.name} is a whole number from {low} to {high}.",
            "errorStyle": "stop",
        }
    if not column.choices:
        return None
    open_text = column.name == "type"  # relationship types: any other text is kept
    return {
        "type": "list",
        "formula1": _list_formula(column.choices),
        "errorTitle": f"Not a usual value for {column.name}",
        "error": f"{column.accepted} Keep this value anyway?",
        "errorStyle": "information" if open_text else "warning",
    }


def _write_instructions(sheet: Any) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    wrap = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEF", (18, 10, 48, 48, 24, 28), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append(["Community DNA study workbook"])
    sheet.cell(row=1, column=1).font = Font(**_TITLE)
    for paragraph in _INTRODUCTION:
        sheet.append([paragraph])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        sheet.cell(row=row, column=1).alignment = wrap
        sheet.row_dimensions[row].height = 45
    header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
    example_fill = PatternFill("solid", fgColor=_EXAMPLE_FILL)
    for spec in SHEETS:
        sheet.append([])
        need = "required" if spec.required else "optional"
        sheet.append([f"{spec.name} ({need})"])
        sheet.cell(row=sheet.max_row, column=1).font = Font(**_HEADING)
        sheet.append([spec.description])
        sheet.cell(row=sheet.max_row, column=1).alignment = Alignment(wrap_text=False)
        _append_styled(sheet, _TABLE_HEADER, Font(**_BOLD), header_fill)
        columns = spec.columns
        if spec.pairs:
            sheet.append(["", "", _PLACE_NOTE])
        for column in columns:
            sheet.append(
                [
                    column.name,
                    "required" if column.required else "",
                    column.description,
                    column.accepted,
                    column.default,
                    column.example,
                ]
            )
            for cell in sheet[sheet.max_row]:
                cell.alignment = wrap
        _write_examples(sheet, spec, example_fill)


def _append_styled(sheet: Any, values: tuple[str, ...], font: Any, fill: Any) -> None:
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        cell.font = font
        cell.fill = fill


def _write_examples(sheet: Any, spec: SheetSpec, fill: Any) -> None:
    from openpyxl.styles import Alignment, Font

    examples = EXAMPLES.get(spec.name, ())
    if not examples:
        return
    sheet.append([f"Example rows of {spec.name}:"])
    sheet.cell(row=sheet.max_row, column=1).font = Font(italic=True)
    # the columns the examples use, in the sheet's order (all of them would not fit)
    names: tuple[str, ...] = ("field", "value")
    if not spec.pairs:
        names = tuple(c.name for c in spec.columns if any(c.name in e for e in examples))
    _append_styled(sheet, names, Font(**_BOLD), fill)
    for example in examples:
        sheet.append([example.get(name, "") for name in names])
        for cell in sheet[sheet.max_row]:
            cell.fill = fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _write_data_sheet(book: Any, spec: SheetSpec) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = book.create_sheet(spec.name)
    sheet.freeze_panes = "A2"
    fill = PatternFill("solid", fgColor=_HEADER_FILL)
    if spec.pairs:
        sheet.append(["field", "value"])
        for cell in sheet[1]:
            cell.font = Font(**_BOLD)
            cell.fill = fill
        sheet.column_dimensions["A"].width = 16
        sheet.column_dimensions["B"].width = 60
        for field in PLACE_FIELDS:
            sheet.append([field.name])
            row = sheet.max_row
            sheet.cell(row=row, column=1).comment = Comment(field.description, "Community DNA")
            rule = _validation(field)
            if rule is not None:
                check = DataValidation(allow_blank=True, showErrorMessage=True, **rule)
                sheet.add_data_validation(check)
                check.add(f"B{row}")
        return
    sheet.append(list(spec.column_names))
    for position, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(position)
        cell = sheet.cell(row=1, column=position)
        cell.font = Font(**_BOLD)
        cell.fill = fill
        note = column.description + ("" if not column.required else " Required.")
        cell.comment = Comment(f"{note}\n{column.accepted}", "Community DNA")
        sheet.column_dimensions[letter].width = column.width
        rule = _validation(column)
        if rule is not None:
            check = DataValidation(allow_blank=True, showErrorMessage=True, **rule)
            sheet.add_data_validation(check)
            check.add(f"{letter}2:{letter}1048576")


def write_template(path: str | Path) -> None:
    """Write the empty study workbook, with its Instructions sheet, to ``path``.

    Raises
    ------
    OSError
        If the file cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> from communitydna.io import read_study
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_template(folder + "/study.xlsx")
    ...     [p.reason for p in read_study(folder + "/study.xlsx").errors]
    ["the place has no name; add a row with field 'name' and the place's name"]
    """
    from openpyxl import Workbook

    book = Workbook()
    instructions = book.active
    instructions.title = INSTRUCTIONS_SHEET
    _write_instructions(instructions)
    for spec in SHEETS:
        _write_data_sheet(book, spec)
    book.active = 0
    book.save(Path(path))
