"""Reports to hand over: an athlete's season and a coach's caseload, as PDF, workbook or CSV.

content.py   what a report says (figures, charts as Vega-Lite, tables), in words and units
render.py    the same report laid out as a PDF (fpdf2, charts drawn by vl-convert), an Excel
             workbook (XlsxWriter, one sheet per table) or CSV (formula-safe cells)
files.py     the use-cases: a report in the format asked for, with its file name
"""
