"""The plan as a spreadsheet: CSV and XLSX with the columns of seed 004's measure lists
(ID, område, tiltak, ansvarlig, relevant for, beskrivelse, type, status)."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from actionplan.models import MeasureStatus

# Cells a spreadsheet would read as a formula. Text from users never becomes one (CSV
# injection): such cells get a leading apostrophe in CSV and are typed as text in XLSX.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Light fills with dark text (contrast above 7:1); the status is written out in the cell too.
_FILLS = {
    MeasureStatus.PLANNED: "E8E8E9",
    MeasureStatus.ONGOING: "DCEBFA",
    MeasureStatus.DONE: "D9F2E1",
    MeasureStatus.NOT_DONE: "FBDADA",
    MeasureStatus.POSTPONED: "FDEBD0",
}


def columns():
    return [_("ID"), _("Område"), _("Tiltak"), _("Ansvarlig"), _("Relevant for"),
            _("Beskrivelse"), _("Type"), _("Status"), _("Videreført fra")]


def rows(table):
    """One row per measure, in the plan's order, from selectors.plan_table()."""
    for group in table.groups:
        area = str(group.area) if group.area else _("Uten område")
        for m in group.measures:
            carried = ""
            if m.carried_from_id:
                carried = f"{m.carried_from.plan.title} ({m.carried_from.code})"
            yield [m.code, area, m.title, m.responsible_display(m.responsible_list),
                   m.relevant_for, m.description, m.get_kind_display(),
                   m.get_status_display(), carried]


def filename(plan, extension):
    return f"handlingsplan-{plan.year}-{plan.body.slug}.{extension}"


def to_csv(table):
    """Semicolon-separated UTF-8 with a byte order mark: what Excel with Norwegian
    settings opens directly."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns())
    for row in rows(table):
        writer.writerow(["'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v
                         for v in row])
    return out.getvalue().encode("utf-8")


def to_xlsx(plan, table):
    wb = Workbook()
    ws = wb.active
    ws.title = str(plan.year)
    ws.append([plan.title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"{plan.body.name} – {_('status')}: {plan.get_status_display()}"])
    header_row = 4
    for col, name in enumerate(columns(), start=1):
        cell = ws.cell(row=header_row, column=col, value=name)
        cell.font = Font(bold=True)
    status_col = columns().index(_("Status")) + 1
    statuses = {str(s.label): s for s in MeasureStatus}
    for r, row in enumerate(rows(table), start=header_row + 1):
        for col, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=col)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        status = statuses.get(row[status_col - 1])
        if status is not None:
            ws.cell(row=r, column=status_col).fill = PatternFill(
                "solid", start_color=_FILLS[status], end_color=_FILLS[status])
    widths = [8, 28, 40, 28, 28, 70, 14, 18, 28]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    last = header_row + max(table.count, 1)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(widths))}{last}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
