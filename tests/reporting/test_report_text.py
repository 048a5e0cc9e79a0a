"""The Telegram summary: plain text, both languages, never over Telegram's 4096 characters."""

from __future__ import annotations

import pytest

from alliance.reporting.analysis.charts import LABELS
from alliance.reporting.analysis.dataset import ProgramData
from alliance.reporting.analysis.process import process_summary
from alliance.reporting.analysis.report_text import (
    TELEGRAM_LIMIT,
    TEXT,
    fit_message,
    num,
    pval,
    summary_message,
)
from alliance.reporting.report import program_analysis

_RESULTS: dict[int, tuple[dict, dict]] = {}


def message(data: ProgramData, lang: str, name: str | None = None) -> str:
    if id(data) not in _RESULTS:  # the models take a moment; fit them once per data set
        _RESULTS[id(data)] = (program_analysis(data), process_summary(data))
    analysis, process = _RESULTS[id(data)]
    return summary_message(
        name=name or data.name, start="2026-01-05", end="2026-09-04",
        generated_at="2026-09-12 10:00", interim=data.interim,
        analysis=analysis, process=process, lang=lang,
    )


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_summary_fits_in_one_telegram_message(program_data: ProgramData, lang: str):
    text = message(program_data, lang)
    assert 0 < len(text) <= TELEGRAM_LIMIT
    assert "<" not in text and "*" not in text  # no markup for Telegram to parse
    assert TEXT[lang]["c_developmental"] in text


def test_summary_in_french_speaks_french(program_data: ProgramData):
    text = message(program_data, "fr")
    assert "Rapport final" in text and "dyades" in text and "personnes coachées" in text


def test_huge_input_is_cut_at_a_line_break_keeping_the_footer(program_data: ProgramData):
    long_name = "Programme très long " * 400
    text = message(program_data, "en", name=long_name)
    assert len(text) <= TELEGRAM_LIMIT
    assert text.endswith(TEXT["en"]["c_developmental"])
    many = fit_message([f"line {i} " + "x" * 50 for i in range(500)], ["footer"])
    assert len(many) <= TELEGRAM_LIMIT and many.endswith("…\n\nfooter")


def test_numbers_follow_the_readers_conventions():
    assert num(-0.5, 2, "en") == "−0.50" and num(0.5, 2, "fr") == "0,50"
    assert num(None) == "n/a" and num(float("nan"), lang="fr") == "n.d."
    assert pval(0.0042) == "p = .004" and pval(0.0042, "fr") == "p = 0,004"
    assert pval(0.0001) == "p < .001"


def test_every_text_and_label_exists_in_both_languages():
    assert TEXT["en"].keys() == TEXT["fr"].keys()
    assert LABELS["en"].keys() == LABELS["fr"].keys()
