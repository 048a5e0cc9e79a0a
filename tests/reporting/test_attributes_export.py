"""The export carries the five-attribute check: its answers by dyad, its wording, its note."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from alliance.reporting.analysis.attributes import ATTRIBUTES
from alliance.reporting.export import write_export

from .conftest import KEY, build_in


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = build_in(tmp_path_factory.mktemp("attributes") / "alliance.db", attributes=True).data
    out = tmp_path_factory.mktemp("attributes-export")
    write_export(data, out, KEY)
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_answers_are_in_the_questionnaires_file_under_their_dyad(exported: Path) -> None:
    rows = [r for r in _rows(exported / "questionnaires.csv")
            if r["questionnaire"] == "five_attributes"]
    assert len(rows) == 9 * len(ATTRIBUTES)  # 9 of the 12 coachees answered
    assert {r["item"] for r in rows} == set(ATTRIBUTES)
    assert all(r["dyad_id"].startswith("d-") and r["side"] == "coachee" for r in rows)
    assert len({r["dyad_id"] for r in rows}) == 9


def test_items_file_and_codebook_give_the_wording(exported: Path) -> None:
    items = {r["item"]: r for r in _rows(exported / "items.csv")
             if r["instrument_id"] == "five_attributes"}
    assert list(items) == list(ATTRIBUTES)
    assert items["trust"]["text_en"] == "My coach builds a relationship of trust with me."
    assert items["trust"]["text_fr"] == "Mon coach établit une relation de confiance avec moi."
    assert (items["contract"]["scale_min"], items["contract"]["scale_max"]) == ("0", "10")
    markdown = (exported / "codebook.md").read_text(encoding="utf-8")
    assert "`five_attributes` (optional module) is asked once per coachee" in markdown
    assert "lower third of the scale" in markdown
    assert "Our goals, roles and way of working together are clear." in markdown
