"""The dyad export carries the pair-level similarity fields, with a codebook that says how they
were derived; nobody's own gender, age or background is in it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from alliance.reporting.analysis.dataset import ProgramData
from alliance.reporting.export import CODEBOOK, write_export

from .builders import matching
from .conftest import KEY

MATCHING = ("same_gender", "same_background", "age_gap")


@pytest.fixture(scope="module")
def exported(program_data: ProgramData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export")
    write_export(program_data, out, KEY, xlsx=False)
    return out


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_dyad_files_carry_the_pair_level_fields_as_the_roster_left_them(exported: Path):
    for name in ("dyads.csv", "dyads_all.csv"):
        assert list(CODEBOOK[name])[-3:] == list(MATCHING)
    rows = rows_of(exported / "dyads_all.csv")  # in dyad order D01…D12 (codes are hashed)
    for i, row in enumerate(rows):
        stored = matching(i, len(rows))
        expected = {k: ("" if k not in stored else str(stored[k]).lower()
                        if k != "age_gap" else f"{stored[k]:g}") for k in MATCHING}
        assert {k: row[k] for k in MATCHING} == expected, i
    assert {r["same_gender"] for r in rows} == {"true", "false", ""}
    complete = rows_of(exported / "dyads.csv")
    assert len(complete) == 10 and all(r["same_background"] in ("true", "false") for r in complete)


def test_codebook_says_how_the_fields_were_derived_and_that_traits_are_not_exported(
    exported: Path,
):
    codebook = {(r["file"], r["column"]): r for r in rows_of(exported / "codebook.csv")}
    gender = codebook[("dyads.csv", "same_gender")]
    assert gender["type"] == "boolean" and "empty" in gender["scale"]
    assert "same gender in the roster" in gender["meaning"]
    assert "not stored or exported" in gender["meaning"]
    assert codebook[("dyads_all.csv", "age_gap")]["scale"].startswith("years")
    markdown = (exported / "codebook.md").read_text(encoding="utf-8")
    assert "derived when the roster was imported" in markdown
    for name in ("dyads.csv", "dyads_all.csv"):
        header = next(csv.reader((exported / name).open(encoding="utf-8")))
        assert not {"gender", "age", "background"} & set(header)
