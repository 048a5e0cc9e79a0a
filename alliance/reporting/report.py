"""The /report use case: a program's analysis as a PDF and a summary text, aggregates only.

Nothing with one row per person, dyad, session or answer is part of it: that is `alliance
export`, run by the operator on their own machine (design principle 1).

Reading the database is async and quick; the statistics and the PDF are CPU work, so they live in
`render_report`, a plain function the bot runs with `asyncio.to_thread` and the CLI calls
directly. Nothing here knows about Telegram.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alliance.core.db import transaction
from alliance.core.models import PromptKind
from alliance.reporting.analysis.answer_scores import scale_of
from alliance.reporting.analysis.attributes import attribute_profile
from alliance.reporting.analysis.chat_charts import write_chat_charts
from alliance.reporting.analysis.dataset import ProgramData, load_program_data
from alliance.reporting.analysis.errors import AnalysisInputError, ModelNotFittableError
from alliance.reporting.analysis.inputs import DYAD_COLUMNS, SESSION_COLUMNS
from alliance.reporting.analysis.mood import mood_model
from alliance.reporting.analysis.process import (
    MIN_DYADS_SHOWN,
    process_summary,
    withhold_small_samples,
)
from alliance.reporting.analysis.report_pdf import write_program_report
from alliance.reporting.analysis.report_text import report_status, summary_message
from alliance.reporting.analysis.similarity import similarity_section
from alliance.reporting.analysis.summary import analyze_dyads, analyze_sessions, to_jsonable

__all__ = ["ReportBundle", "build_report", "program_analysis", "render_report"]


@dataclass(frozen=True)
class ReportBundle:
    """What a /report produces: the files to send and the text to show."""

    pdf: Path
    summary: str
    interim: bool
    charts: tuple[Path, ...] = ()


def program_analysis(data: ProgramData, cut_sd: float | None = None) -> dict[str, Any]:
    """Run the analysis module on what the program has so far; thin samples get a marker.

    Dyad models use the dyads with every value (`ProgramData.complete_dyads`), the session model
    the sessions both sides rated; fewer than 5 dyads means "not enough data yet", never a
    figure, so an interim report is honest about what it cannot say.
    """
    k = data.cut_sd if cut_sd is None else cut_sd
    result: dict[str, Any] = {}
    dyads = data.complete_dyads()
    if len(dyads) >= MIN_DYADS_SHOWN:
        try:
            result.update(analyze_dyads(dyads[list(DYAD_COLUMNS)], cut_sd=k, center=data.center,
                                        source="program data"))
        except AnalysisInputError as exc:
            result.update(n=len(dyads), not_enough_data=True, need=MIN_DYADS_SHOWN,
                          reason=str(exc))
    else:
        result.update(n=len(dyads), not_enough_data=True, need=MIN_DYADS_SHOWN)
    sessions = data.paired_sessions()
    n_dyads = int(sessions["dyad_id"].nunique())
    model: dict[str, Any] = {"n_dyads": n_dyads, "not_enough_data": True}
    if n_dyads >= MIN_DYADS_SHOWN:
        try:
            model = analyze_sessions(sessions[[*SESSION_COLUMNS, "coach_prediction"]],
                                     center=data.center, source="program data")
        except AnalysisInputError as exc:
            model["reason"] = str(exc)
    if "accuracy" in model:
        result["accuracy"] = model.pop("accuracy")
    if data.modules.get("mood"):
        result["mood"] = coach_mood_section(data)
    if data.modules.get("similarity"):
        result["similarity"] = to_jsonable(similarity_section(data.dyads, k))
    if data.modules.get("five_attributes"):
        result["attributes"] = to_jsonable(attribute_profile(
            data.answers, data.dyads,
            scale=scale_of(None, PromptKind.FIVE_ATTRIBUTES, data.instruments)))
    result["session_model"] = model
    return withhold_small_samples(result)


def coach_mood_section(data: ProgramData) -> dict[str, Any]:
    """The mood model on every held session with a mood answer and a coachee rating.

    The coach's own check-in is not needed, so the sample is not the paired sessions; the page
    states its own N.
    """
    rated = data.sessions.dropna(subset=["coach_mood", "coachee_alliance"])
    n_dyads = int(rated["dyad_id"].nunique())
    if n_dyads < MIN_DYADS_SHOWN:
        return {"n_dyads": n_dyads, "not_enough_data": True}
    try:
        section = to_jsonable(mood_model(rated))
    except ModelNotFittableError as exc:
        return {"n_dyads": n_dyads, "error": f"cannot be fitted: {exc}"}
    assert isinstance(section, dict)
    return section


def render_report(
    data: ProgramData,
    out_dir: Path,
    *,
    lang: str = "en",
    cut_sd: float | None = None,
    pdf_path: Path | None = None,
) -> ReportBundle:
    """Statistics, PDF and summary from loaded data: blocking, no database."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    analysis = program_analysis(data, cut_sd)
    process = process_summary(data, cut_sd)
    stamp = data.generated_at.strftime("%Y%m%d-%H%M")
    pdf = pdf_path or out_dir / f"coach-alliance-program-{data.program_id}-{stamp}.pdf"
    write_program_report(data, analysis, process, pdf, lang=lang, cut_sd=cut_sd)
    summary = summary_message(
        name=data.name, start=data.start_date.isoformat(), end=data.end_date.isoformat(),
        generated_at=data.generated_at.strftime("%Y-%m-%d %H:%M"), interim=data.interim,
        analysis=analysis, process=process, lang=lang,
        status=report_status(over=data.over, open_finals=data.open_final_questionnaires, lang=lang),
    )
    charts = write_chat_charts(data, process, out_dir, lang, cut_sd)
    return ReportBundle(pdf=pdf, summary=summary, interim=data.interim, charts=charts)


async def build_report(
    session_factory: async_sessionmaker[AsyncSession],
    program_id: int,
    out_dir: Path,
    lang: str = "en",
    now: datetime | None = None,
) -> ReportBundle:
    """Load the program in one short read transaction, then render in a worker thread.

    Raises `ProgramNotFoundError` (a LookupError) for an unknown program id.
    """
    async with transaction(session_factory) as session:
        data = await load_program_data(session, program_id, now=now)
    return await asyncio.to_thread(render_report, data, Path(out_dir), lang=lang)

