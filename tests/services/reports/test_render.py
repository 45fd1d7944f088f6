"""A report as PDF, workbook and CSV, each opened and read back."""

from __future__ import annotations

import csv
import io

import openpyxl
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from runseason.services.reports import render
from runseason.services.reports.content import Chart, Report, Table

REPORT = Report(
    title="Season report 2026: Łukasz Żółw",
    subtitle="Prepared 24 November 2026.",
    file_stem="season-2026-lukasz",
    figures=(("Runs", "21"), ("Distance", "181 km")),
    charts=(
        Chart(
            "Distance per week (km)",
            {
                "data": {
                    "values": [{"Week": "2026-11-02", "km": 40}, {"Week": "2026-11-09", "km": 45}]
                },
                "mark": "bar",
                "encoding": {
                    "x": {"field": "Week", "type": "nominal"},
                    "y": {"field": "km", "type": "quantitative"},
                },
            },
        ),
    ),
    tables=(
        Table(
            "Races and time trials",
            ("Date", "Race", "Time", "VDOT"),
            (
                ("12 Apr 2026", '=HYPERLINK("x")', "21:30", 46.1),
                ("4 Oct 2026", "Autumn 5K", "20:45", None),
            ),
        ),
        Table("Personal bests", ("Date", "Distance", "Time"), ()),
    ),
)


def test_the_pdf_reads_back_with_its_title_figures_and_tables() -> None:
    data = render.pdf(REPORT)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Season report 2026: Łukasz Żółw" in text
    assert "181 km" in text
    assert "Autumn 5K" in text
    assert "20:45" in text
    assert "Nothing in this season." in text  # the empty table says so
    images = sum(len(page.images) for page in reader.pages)
    assert images == 1  # the chart, drawn without a browser


def test_the_workbook_has_a_summary_and_a_sheet_per_table() -> None:
    book = openpyxl.load_workbook(io.BytesIO(render.workbook(REPORT)))
    assert book.sheetnames == ["Summary", "Races and time trials", "Personal bests"]
    summary = book["Summary"]
    assert summary["A1"].value == "Season report 2026: Łukasz Żółw"
    assert (summary["A4"].value, summary["B4"].value) == ("Runs", "21")
    races = book["Races and time trials"]
    assert [c.value for c in races[1]] == ["Date", "Race", "Time", "VDOT"]
    assert races["D2"].value == 46.1  # a number stays a number
    assert races["B2"].value == '=HYPERLINK("x")'
    assert races["B2"].data_type == "s"  # text, never a formula


def test_the_csv_lists_each_table_under_its_title() -> None:
    rows = list(csv.reader(io.StringIO(render.csv_text(REPORT).decode("utf-8-sig"))))
    assert rows[0] == ["Season report 2026: Łukasz Żółw"]
    assert ["Races and time trials"] in rows
    assert ["4 Oct 2026", "Autumn 5K", "20:45", "–"] in rows
    assert ["12 Apr 2026", '\'=HYPERLINK("x")', "21:30", "46.1"] in rows


@given(st.lists(st.text(max_size=30), min_size=1, max_size=5))
def test_no_csv_cell_can_start_a_formula(cells: list[str]) -> None:
    table = Table("T", tuple(f"c{i}" for i in range(len(cells))), (tuple(cells),))
    report = Report("R", "", "r", (("label", cells[0]),), (), (table,))
    for row in csv.reader(io.StringIO(render.csv_text(report).decode("utf-8-sig"))):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
