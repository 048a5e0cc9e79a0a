"""Pseudonymised CSV/XLSX export of one program, with a codebook for every column.

Identifiers are keyed hashes (HMAC-SHA256, cut to 10 hex digits) with the operator's
`ALLIANCE_PSEUDONYM_KEY` or else the random key kept in the database
(`alliance.reporting.pseudonym_keys`):
stable for one key, unlinkable to people without it, and different between programs and
installations. The codebook says which key was used. No names,
Telegram ids or free-text comments are exported; they are never even loaded.

`dyads.csv` holds only dyads with every analysis value (both alliance means and both
self-efficacy scores), because `alliance analyze` refuses empty cells; `dyads_all.csv` holds
every dyad with empty cells where a value is missing (an interim export, a dropped-out coachee).
Both feed `alliance analyze --dyads`, the first as is, the second once its gaps are handled.
`sessions.csv` has every session held, `sessions_paired.csv` those for `analyze --sessions`.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from pathlib import Path

import pandas as pd
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.reporting.analysis.dataset import ProgramData, load_program_data
from alliance.reporting.export_codebook import CODEBOOK, markdown_table
from alliance.reporting.export_tables import export_tables
from alliance.reporting.pseudonym_keys import ExportKey

__all__ = ["CODEBOOK", "export_program", "pseudonym", "write_export"]

def pseudonym(key: bytes, program_id: int, kind: str, label: str) -> str:
    """`d-`/`c-` + 10 hex digits of HMAC-SHA256(key, "program:kind:label")."""
    digest = hmac.new(key, f"{program_id}:{kind}:{label}".encode(), hashlib.sha256).hexdigest()
    return f"{kind[0]}-{digest[:10]}"


async def export_program(
    session: AsyncSession, program_id: int, out_dir: Path, key: ExportKey
) -> list[Path]:
    """Load one program and write its export files into `out_dir`; returns the paths written."""
    data = await load_program_data(session, program_id)
    return await asyncio.to_thread(write_export, data, Path(out_dir), key)


def write_export(
    data: ProgramData, out_dir: Path, key: ExportKey, xlsx: bool = True
) -> list[Path]:
    """Write every CSV, the codebook (CSV and Markdown) and, optionally, one XLSX workbook."""
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = export_tables(
        data, lambda kind, label: pseudonym(key.secret, data.program_id, kind, label)
    )
    scales = {"alliance": _scale(data.alliance_scale), "se": _scale(data.se_scale)}
    codebook = pd.DataFrame(
        [(name, column, kind, scale.format(**scales), meaning)
         for name, columns in CODEBOOK.items()
         for column, (kind, scale, meaning) in columns.items()],
        columns=["file", "column", "type", "scale", "meaning"],
    )
    written = []
    for name, frame in tables.items():
        frame.to_csv(out_dir / name, index=False, lineterminator="\n", float_format="%.10g")
        written.append(out_dir / name)
    codebook.to_csv(out_dir / "codebook.csv", index=False, lineterminator="\n")
    (out_dir / "codebook.md").write_text(_markdown(data, codebook, tables["items.csv"], key),
                                         encoding="utf-8")
    written += [out_dir / "codebook.csv", out_dir / "codebook.md"]
    if xlsx:
        with pd.ExcelWriter(out_dir / "export.xlsx", engine="openpyxl") as book:
            for name, frame in [*tables.items(), ("codebook", codebook)]:
                frame.to_excel(book, sheet_name=name.removesuffix(".csv"), index=False)
        written.append(out_dir / "export.xlsx")
    return written


def _scale(bounds: tuple[float, float]) -> str:
    return f"{bounds[0]:g}–{bounds[1]:g}"


def _markdown(
    data: ProgramData, codebook: pd.DataFrame, items: pd.DataFrame, key: ExportKey
) -> str:
    """The codebook as a document a researcher can read before opening the files."""
    lines = [
        "# Coach Alliance export — codebook",
        "",
        f"Program {data.program_id}, exported {data.generated_at:%Y-%m-%d %H:%M} UTC "
        f"({'interim' if data.interim else 'final'}).",
        "",
        "- Identifiers are keyed hashes: the same key gives the same ids in every export of this "
        "program; without the key they cannot be traced back to people.",
        f"- Pseudonym key: {key.describe()}.",
        "- No names, Telegram ids or free-text comments are included.",
        "- Empty cell = no value (not asked, not answered, or not yet due).",
        "- `dyads.csv` has only dyads with every analysis value and feeds "
        "`alliance analyze --dyads dyads.csv --sessions sessions_paired.csv` unchanged; "
        "`dyads_all.csv` has every dyad. `sessions.csv` has every session held, with flags for "
        "which side answered; `sessions_paired.csv` only those both sides answered.",
        "- Times are in UTC. In `prompts.csv`, `…_local` columns give the same moment on the "
        "recipient's clock: their own time zone if they chose one, else the program's "
        f"({data.timezone}); only the UTC offset is written, never the zone's name, as a name "
        "says where someone lives. `held_at_local` in `sessions.csv` is in the program's zone.",
        "- `unfinished` marks answers of a questionnaire left part-way; they are kept as given.",
        "- Alliance score = mean of the check-in's scored items (goal, task, bond, overall); the "
        "coach's prediction item is not part of it.",
        "- `same_gender`, `same_background` and `age_gap` are pair-level matching fields, "
        "derived when the roster was imported by comparing the coach's and the coachee's "
        "gender, background and age; the per-person values were dropped then and are not in "
        "this export.",
        "- `five_attributes` (optional module) is asked once per coachee, after the program's "
        "midpoint and once their dyad has held enough sessions; its answers are rows of "
        "`questionnaires.csv` under the dyad whose sessions made it due, its wording is in "
        "`items.csv`. The report calls a rating low when it is in the lower third of the scale.",
        "- Ratings are developmental feedback about a relationship, not a measure of any coach's "
        "performance.",
    ]
    for name, rows in codebook.groupby("file", sort=False):
        lines += ["", f"## {name}", ""]
        lines += markdown_table(["column", "type", "scale", "meaning"],
                                ([f"`{r.column}`", r.type, r.scale, r.meaning]
                                 for r in rows.itertuples()))
    lines += ["", "## Item wording", "", "Instruments as the program asked them (id, version); "
              "the shipped defaults are our own wording, not a validated scale.", ""]
    lines += markdown_table(["instrument", "version", "item", "side", "scored", "scale",
                             "wording (en)"],
                            ([r.instrument_id, r.instrument_version, f"`{r.item}`", r.side,
                              r.scored, f"{r.scale_min}–{r.scale_max}", r.text_en]
                             for r in items.itertuples()))
    return "\n".join(lines) + "\n"
