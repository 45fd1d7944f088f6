"""Reports downloaded over HTTP."""

from __future__ import annotations

import io

import openpyxl
from fastapi.testclient import TestClient
from pypdf import PdfReader

from tests.factories import World

Headers = dict[str, dict[str, str]]


def test_an_athlete_downloads_their_season_as_pdf_and_workbook(
    client: TestClient, headers: Headers, world: World
) -> None:
    path = f"/api/v1/athletes/{world.greta.id}/reports/season"
    pdf = client.get(path, headers=headers["greta"])
    assert pdf.status_code == 200, pdf.text
    assert pdf.headers["content-type"] == "application/pdf"
    assert 'filename="season-2026-greta-green.pdf"' in pdf.headers["content-disposition"]
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Season report 2026: Greta Green" in text
    xlsx = client.get(path, params={"format": "xlsx"}, headers=headers["cole"])
    assert xlsx.status_code == 200
    assert "Summary" in openpyxl.load_workbook(io.BytesIO(xlsx.content)).sheetnames


def test_a_coach_downloads_the_caseload_as_csv(
    client: TestClient, headers: Headers, world: World
) -> None:
    made = client.get("/api/v1/reports/caseload", params={"format": "csv"}, headers=headers["cole"])
    assert made.status_code == 200, made.text
    assert made.headers["content-type"].startswith("text/csv")
    body = made.content.decode("utf-8-sig")
    assert "Greta Green" in body
    assert "Riley Red" not in body  # Asha's athlete


def test_bad_requests_are_named(client: TestClient, headers: Headers, world: World) -> None:
    path = f"/api/v1/athletes/{world.greta.id}/reports/season"
    bad = client.get(path, params={"format": "docx"}, headers=headers["cole"])
    assert bad.status_code == 422
    assert "format" in bad.text
    assert client.get(path, params={"season": 1999}, headers=headers["cole"]).status_code == 422
    foreign = client.get(
        f"/api/v1/athletes/{world.oona.id}/reports/season", headers=headers["cole"]
    )
    assert foreign.status_code == 404
    athlete = client.get("/api/v1/reports/caseload", headers=headers["greta"])
    assert athlete.status_code == 403
