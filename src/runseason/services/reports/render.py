"""A report laid out as a PDF, an Excel workbook or CSV: the same figures, charts and tables."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import vl_convert
import xlsxwriter
from fpdf import FPDF

from runseason.services.data_rights import spreadsheet_safe
from runseason.services.reports.content import Cell, Report, Table

# Fonts that carry every letter of a name (Zoë, Łukasz, Jürgen): the first one found is used;
# without any, the PDF falls back to Helvetica and letters outside Latin-1 become "?".
FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
    Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
)
SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def pdf(report: Report) -> bytes:
    """The report as an A4 PDF: title, figures, charts drawn to images, then the tables."""
    doc = FPDF(format="A4")
    doc.set_title(report.title)
    doc.set_creator("Run Season Command")
    doc.set_auto_page_break(auto=True, margin=15)
    family = _font(doc)
    doc.add_page()
    doc.set_font(family, size=16)
    doc.multi_cell(0, 9, _text(report.title, family), new_x="LMARGIN", new_y="NEXT")
    doc.set_font(family, size=9)
    doc.multi_cell(0, 5, _text(report.subtitle, family), new_x="LMARGIN", new_y="NEXT")
    doc.ln(3)
    doc.set_font(family, size=10)
    with doc.table(col_widths=(60, 40), width=100, align="LEFT", first_row_as_headings=False) as t:
        for label, value in report.figures:
            t.row([_text(label, family), _text(value, family)])
    for chart in report.charts:
        doc.ln(4)
        png = vl_convert.vegalite_to_png(chart.spec, scale=2)
        doc.image(io.BytesIO(png), w=doc.epw * 0.9)
    for table in report.tables:
        _pdf_table(doc, family, table)
    return bytes(doc.output())


def _pdf_table(doc: FPDF, family: str, table: Table) -> None:
    doc.ln(5)
    doc.set_font(family, size=12)
    doc.cell(0, 7, _text(table.title, family), new_x="LMARGIN", new_y="NEXT")
    doc.set_font(family, size=8)
    if not table.rows:
        doc.cell(0, 5, "Nothing in this season.", new_x="LMARGIN", new_y="NEXT")
        return
    texts = [[_text(_cell_text(c), family) for c in row] for row in table.rows]
    headings = [_text(c, family) for c in table.columns]
    widths = _widths(doc, headings, texts)
    _grid_row(doc, headings, widths, fill=True)
    for row in texts:
        if doc.will_page_break(ROW_MM):
            doc.add_page()
            _grid_row(doc, headings, widths, fill=True)
        _grid_row(doc, row, widths, fill=False)


ROW_MM = 5.0


def _widths(doc: FPDF, headings: list[str], rows: list[list[str]]) -> list[float]:
    """Columns as wide as their longest text (by a sample of rows), scaled to the page."""
    sample = rows[:200]
    natural = [
        max(doc.get_string_width(t) for t in [h, *(r[i] for r in sample)]) + 2.0
        for i, h in enumerate(headings)
    ]
    scale = min(1.0, doc.epw / sum(natural))
    return [w * scale for w in natural]


def _grid_row(doc: FPDF, cells: list[str], widths: list[float], *, fill: bool) -> None:
    doc.set_fill_color(225, 232, 240)
    for text, width in zip(cells, widths, strict=True):
        doc.cell(width, ROW_MM, _fit(doc, text, width - 1.0), border=1, fill=fill)
    doc.ln(ROW_MM)


def _fit(doc: FPDF, text: str, width: float) -> str:
    """The text, shortened with an ellipsis if it is wider than its column."""
    if doc.get_string_width(text) <= width:
        return text
    while text and doc.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


def workbook(report: Report) -> bytes:
    """The report as an Excel workbook: a summary sheet, then one sheet per table."""
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    book = xlsxwriter.Workbook(buffer, options)
    bold = book.add_format({"bold": True})
    summary = book.add_worksheet("Summary")
    summary.write_string(0, 0, report.title, book.add_format({"bold": True, "font_size": 14}))
    summary.write_string(1, 0, report.subtitle)
    for i, (label, value) in enumerate(report.figures, start=3):
        summary.write_string(i, 0, label, bold)
        summary.write_string(i, 1, value)
    summary.autofit()
    for table in report.tables:
        sheet = book.add_worksheet(SHEET_NAME.sub(" ", table.title)[:31])
        for col, name in enumerate(table.columns):
            sheet.write_string(0, col, name, bold)
        for r, row in enumerate(table.rows, start=1):
            for col, cell in enumerate(row):
                if isinstance(cell, int | float):
                    sheet.write_number(r, col, cell)
                elif cell is not None:
                    sheet.write_string(r, col, str(cell))
        sheet.freeze_panes(1, 0)
        sheet.autofit()
    book.close()
    return buffer.getvalue()


def csv_text(report: Report) -> bytes:
    """The report's tables as CSV, each under its title; no cell can start a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([spreadsheet_safe(report.title)])
    for label, value in report.figures:
        writer.writerow([spreadsheet_safe(label), spreadsheet_safe(value)])
    for table in report.tables:
        writer.writerow([])
        writer.writerow([spreadsheet_safe(table.title)])
        writer.writerow([spreadsheet_safe(c) for c in table.columns])
        writer.writerows([spreadsheet_safe(_cell_text(c)) for c in row] for row in table.rows)
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def _cell_text(cell: Cell) -> str:
    if cell is None:
        return "–"
    if isinstance(cell, float):
        return f"{cell:g}"
    return str(cell)


def _font(doc: FPDF) -> str:
    for path in FONT_CANDIDATES:
        if path.exists():
            doc.add_font("Report", fname=str(path))
            return "Report"
    return "Helvetica"


def _text(value: str, family: str) -> str:
    if family != "Helvetica":
        return value
    return value.replace("–", "-").encode("latin-1", "replace").decode("latin-1")
