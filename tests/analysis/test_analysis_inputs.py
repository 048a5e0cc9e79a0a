"""Reading and validating the dyad and session CSVs: one clear message per problem."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from alliance.reporting.analysis.inputs import (
    AnalysisInputError,
    read_dyads,
    read_sessions,
    validate_dyads,
    validate_sessions,
)

DYAD_HEADER = "dyad_id,coach_id,coach_alliance,coachee_alliance,se_pre,se_post"
DYAD_ROWS = [
    "d1,c1,7.5,7.0,4.5,5.0",
    "d2,c1,6.0,6.5,4.0,4.8",
    "d3,c2,8.0,8.1,5.0,5.5",
    "d4,c2,9.0,7.9,4.2,4.1",
]
SESSION_HEADER = "dyad_id,coach_id,session,coach_alliance,coachee_alliance"
SESSION_ROWS = ["d1,c1,1,7,6.5", "d1,c1,2,7.5,7", "d2,c2,1,8,8.5", "d2,c2,2,8,8"]


def write(tmp_path: Path, lines: list[str], name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def error_of(call, *args) -> str:
    with pytest.raises(AnalysisInputError) as info:
        call(*args)
    return str(info.value)


def test_reads_dyads_with_numeric_columns(tmp_path: Path) -> None:
    df = read_dyads(write(tmp_path, [DYAD_HEADER, *DYAD_ROWS]))
    assert list(df["dyad_id"]) == ["d1", "d2", "d3", "d4"]
    assert df["se_post"].dtype == "float64"
    assert df.loc[3, "coach_alliance"] == 9.0


def test_reads_the_oracle_files(oracle: Path) -> None:
    assert len(read_dyads(oracle / "case1.csv")) == 30
    assert len(read_sessions(oracle / "sessions1.csv")) == 201


def test_extra_columns_are_kept_but_not_required(tmp_path: Path) -> None:
    lines = [DYAD_HEADER + ",program", *(row + ",p1" for row in DYAD_ROWS)]
    df = read_dyads(write(tmp_path, lines))
    assert list(df["program"]) == ["p1"] * 4


def test_byte_order_mark_and_padded_header_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    header = " dyad_id , coach_id,coach_alliance,coachee_alliance,se_pre,se_post"
    path.write_text("\ufeff" + "\n".join([header, *DYAD_ROWS]), encoding="utf-8")
    assert len(read_dyads(path)) == 4


def test_missing_file_is_named(tmp_path: Path) -> None:
    message = error_of(read_dyads, tmp_path / "nope.csv")
    assert "nope.csv" in message and "not found" in message


def test_empty_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    assert "empty" in error_of(read_dyads, path)


def test_missing_column_is_named(tmp_path: Path) -> None:
    lines = [DYAD_HEADER.replace(",se_post", ""), *(r.rsplit(",", 1)[0] for r in DYAD_ROWS)]
    message = error_of(read_dyads, write(tmp_path, lines, "nopost.csv"))
    assert 'missing column "se_post"' in message
    assert "nopost.csv" in message


def test_non_numeric_value_names_line_and_column(tmp_path: Path) -> None:
    rows = list(DYAD_ROWS)
    rows[2] = "d3,c2,8.0,high,5.0,5.5"
    path = write(tmp_path, [DYAD_HEADER, *rows], "bad.csv")
    message = error_of(read_dyads, path)
    assert message == f'{path}, line 4, column "coachee_alliance": "high" is not a number'


def test_line_numbers_count_blank_lines_as_in_the_file(tmp_path: Path) -> None:
    lines = [DYAD_HEADER, DYAD_ROWS[0], "", DYAD_ROWS[1], "d3,c2,8.0,8.1,,5.5", DYAD_ROWS[3]]
    message = error_of(read_dyads, write(tmp_path, lines))
    assert 'line 5, column "se_pre": value is missing' in message


def test_infinite_value_is_rejected(tmp_path: Path) -> None:
    rows = [*DYAD_ROWS[:3], "d4,c2,9.0,7.9,inf,4.1"]
    assert "line 5" in error_of(read_dyads, write(tmp_path, [DYAD_HEADER, *rows]))


def test_missing_dyad_id_is_reported(tmp_path: Path) -> None:
    rows = [*DYAD_ROWS[:3], ",c2,9.0,7.9,4.2,4.1"]
    message = error_of(read_dyads, write(tmp_path, [DYAD_HEADER, *rows]))
    assert 'line 5, column "dyad_id": value is missing' in message


def test_duplicate_dyad_names_both_lines(tmp_path: Path) -> None:
    rows = [*DYAD_ROWS, "d2,c1,6.0,6.5,4.0,4.8"]
    message = error_of(read_dyads, write(tmp_path, [DYAD_HEADER, *rows]))
    assert "line 6: duplicate dyad_id d2 (first seen on line 3)" in message


def test_wrong_number_of_fields_is_reported(tmp_path: Path) -> None:
    rows = [*DYAD_ROWS[:3], "d4,c2,9.0,7.9,4.2"]
    message = error_of(read_dyads, write(tmp_path, [DYAD_HEADER, *rows]))
    assert "line 5: 5 fields, but the header has 6" in message


def test_too_few_dyads_is_reported(tmp_path: Path) -> None:
    message = error_of(read_dyads, write(tmp_path, [DYAD_HEADER, *DYAD_ROWS[:2]]))
    assert "too few rows" in message and "2 dyads" in message


def test_duplicate_session_is_reported(tmp_path: Path) -> None:
    rows = [*SESSION_ROWS, "d1,c1,2,6,6"]
    message = error_of(read_sessions, write(tmp_path, [SESSION_HEADER, *rows]))
    assert "line 6: duplicate (dyad_id, session) d1, 2 (first seen on line 3)" in message


def test_sessions_need_a_session_column(tmp_path: Path) -> None:
    lines = ["dyad_id,coach_id,coach_alliance,coachee_alliance", "d1,c1,7,6.5"]
    assert 'missing column "session"' in error_of(read_sessions, write(tmp_path, lines))


def test_frames_from_the_database_are_validated_by_row() -> None:
    df = pd.DataFrame(
        {
            "dyad_id": ["a", "b", "c"],
            "coach_id": ["x", None, "y"],
            "coach_alliance": [7.0, 8.0, 9.0],
            "coachee_alliance": [7.0, None, 8.0],
            "se_pre": [4.0, 4.0, 4.0],
            "se_post": [5.0, 5.0, 5.0],
        }
    )
    message = error_of(validate_dyads, df, "program 7")
    assert message == 'program 7, row 2, column "coachee_alliance": value is missing'


def test_validation_returns_typed_copy_and_leaves_input_alone() -> None:
    df = pd.DataFrame(
        {
            "dyad_id": [1, 2, 3],
            "coach_id": ["x", "x", "y"],
            "session": ["1", "2", "1"],
            "coach_alliance": ["7", "8", "9"],
            "coachee_alliance": [7, 8, 8.5],
        }
    )
    out = validate_sessions(df)
    assert out["session"].dtype == "float64" and out["dyad_id"].tolist() == ["1", "2", "3"]
    assert df["coach_alliance"].tolist() == ["7", "8", "9"]


def test_incomplete_rows_can_be_left_out_but_malformed_ones_cannot(tmp_path: Path) -> None:
    df = pd.DataFrame(
        {
            "dyad_id": ["a", "b", "c", "d"],
            "coach_id": ["x", "x", "y", "y"],
            "coach_alliance": [7.0, None, 9.0, 8.0],
            "coachee_alliance": [7.0, 8.0, 8.0, 8.5],
            "se_pre": [4.0, 4.0, 4.0, 4.5],
            "se_post": [5.0, 5.0, 5.0, 5.5],
        }
    )
    assert validate_dyads(df, drop_incomplete=True)["dyad_id"].tolist() == ["a", "c", "d"]
    df = df.astype(object)
    df.loc[0, "se_pre"] = "n/a"
    with pytest.raises(AnalysisInputError, match='row 1, column "se_pre": "n/a" is not a number'):
        validate_dyads(df, drop_incomplete=True)


def test_leaving_out_rows_keeps_file_line_numbers(tmp_path: Path) -> None:
    rows = [SESSION_ROWS[0], "d1,c1,2,,7", *SESSION_ROWS[2:], "d2,c2,2,6,6"]
    path = write(tmp_path, [SESSION_HEADER, *rows])
    message = error_of(lambda: read_sessions(path, drop_incomplete=True))
    assert "line 6: duplicate (dyad_id, session) d2, 2 (first seen on line 5)" in message


def test_too_few_complete_rows_is_reported() -> None:
    df = pd.DataFrame(
        {
            "dyad_id": ["a", "b", "c"],
            "coach_id": ["x", "x", "y"],
            "session": [1, 2, 1],
            "coach_alliance": [7.0, None, 9.0],
            "coachee_alliance": [7.0, 8.0, 8.0],
        }
    )
    message = error_of(lambda: validate_sessions(df, drop_incomplete=True))
    assert "2 session rows with complete values, at least 3 are needed" in message


def test_a_plain_file_and_a_quoted_one_read_the_same(tmp_path: Path) -> None:
    """Plain files take pandas' C parser, others the careful reader: same table either way."""
    plain = write(tmp_path, [DYAD_HEADER, *DYAD_ROWS], "plain.csv")
    quoted_rows = [f'"{row.split(",", 1)[0]}",{row.split(",", 1)[1]}' for row in DYAD_ROWS]
    quoted = write(tmp_path, [DYAD_HEADER, *quoted_rows], "quoted.csv")
    padded = write(tmp_path, [DYAD_HEADER, *[row.replace(",", " , ") for row in DYAD_ROWS]],
                   "padded.csv")
    expected = read_dyads(quoted)
    pd.testing.assert_frame_equal(read_dyads(plain), expected)
    pd.testing.assert_frame_equal(read_dyads(padded), expected)


def test_a_plain_file_names_the_line_of_a_bad_value(tmp_path: Path) -> None:
    rows = [*DYAD_ROWS[:2], "d3,c2,eight,8.1,5.0,5.5", DYAD_ROWS[3]]
    message = error_of(read_dyads, write(tmp_path, [DYAD_HEADER, *rows]))
    assert "line 4" in message and "coach_alliance" in message
