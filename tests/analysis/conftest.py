"""Shared fixtures: the R oracle files, a recursive comparison with them, and synthetic data."""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

DYAD_REL_TOL = 1e-6
MIXED_REL_TOL = 1e-3


ORACLE_MODELS = ("accuracy", "mood")
"""Subfolders of the oracle holding one model's cases each; `analyze` reports them by that name."""


def oracle_dir() -> Path:
    """`ALLIANCE_ORACLE_DIR`, else the copy of R's results shipped in `tests/analysis/oracle`."""
    override = os.environ.get("ALLIANCE_ORACLE_DIR")
    return Path(override) if override else Path(__file__).parent / "oracle"


def oracle_cases(folder: Path) -> list[Path]:
    """Every `<name>.expected.json` in `folder` that has its `<name>.csv` beside it."""
    return [
        path
        for path in sorted(folder.glob("*.expected.json"))
        if path.with_name(path.name.replace(".expected.json", ".csv")).is_file()
    ]


def missing_oracle(message: str) -> None:
    """Fail in CI, where the agreement with R must be checked; skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(message + ": in CI the agreement with R must be checked, not skipped")
    pytest.skip(message)


@pytest.fixture
def oracle() -> Path:
    path = oracle_dir()
    if not (path / "case1.csv").is_file():
        missing_oracle(f"R oracle files not found in {path} (set ALLIANCE_ORACLE_DIR)")
    return path


def mismatches(expected: Any, actual: Any, rel: float, path: str = "") -> list[str]:
    """Every number in `expected` must be in `actual` at the same place, within `rel`."""
    if isinstance(expected, Mapping):
        if not isinstance(actual, Mapping):
            return [f"{path or '<root>'}: expected an object, got {actual!r}"]
        problems: list[str] = []
        for key, value in expected.items():
            where = f"{path}.{key}" if path else key
            if key not in actual:
                problems.append(f"{where}: missing")
            else:
                problems += mismatches(value, actual[key], rel, where)
        return problems
    if isinstance(expected, bool) or not isinstance(expected, int | float):
        return [] if expected == actual else [f"{path}: expected {expected!r}, got {actual!r}"]
    if isinstance(actual, bool) or not isinstance(actual, int | float):
        return [f"{path}: expected a number {expected!r}, got {actual!r}"]
    if not math.isclose(actual, expected, rel_tol=rel, abs_tol=1e-12):
        return [f"{path}: expected {expected!r}, got {actual!r}"]
    return []


@pytest.fixture
def assert_matches() -> Callable[[Any, Any, float], None]:
    def check(expected: Any, actual: Any, rel: float) -> None:
        problems = mismatches(expected, actual, rel)
        assert not problems, "\n".join(problems)

    return check


def simulate_dyads(n: int = 60, seed: int = 1) -> pd.DataFrame:
    """Dyads with alliance on 0–10 and self-efficacy on 1–7, like an exported program."""
    rng = np.random.default_rng(seed)
    coachee = np.clip(rng.normal(7.5, 1.3, n), 0, 10).round(3)
    coach = np.clip(coachee + rng.normal(0.2, 0.9, n), 0, 10).round(3)
    se_pre = np.clip(rng.normal(4.8, 0.6, n), 1, 7).round(3)
    se_post = np.clip(
        1.5 + 0.7 * se_pre + 0.1 * (coachee - 5) - 0.2 * (coach - coachee) + rng.normal(0, 0.4, n),
        1,
        7,
    ).round(3)
    return pd.DataFrame(
        {
            "dyad_id": [f"d{i:03d}" for i in range(n)],
            "coach_id": [f"c{i % 7:02d}" for i in range(n)],
            "coach_alliance": coach,
            "coachee_alliance": coachee,
            "se_pre": se_pre,
            "se_post": se_post,
        }
    )


def simulate_sessions(
    n_dyads: int = 20,
    sessions: int = 6,
    dyad_sd: float = 0.5,
    seed: int = 2,
    beta: tuple[float, float, float] = (5.5, 0.5, 0.08),
) -> pd.DataFrame:
    """Random-intercept data from `coachee ~ (coach − 5) + session + (1 | dyad)`."""
    rng = np.random.default_rng(seed)
    rows = []
    for d in range(n_dyads):
        intercept = rng.normal(0, dyad_sd)
        for s in range(1, sessions + 1):
            if rng.random() < 0.15:
                continue  # a missed check-in
            coach = float(np.clip(rng.normal(7.5, 1.2), 0, 10))
            coachee = beta[0] + beta[1] * (coach - 5) + beta[2] * s + intercept
            rows.append((f"s{d:03d}", f"c{d % 5}", s, coach, coachee + rng.normal(0, 0.6)))
    return pd.DataFrame(
        rows, columns=["dyad_id", "coach_id", "session", "coach_alliance", "coachee_alliance"]
    )


@pytest.fixture
def make_dyads() -> Callable[..., pd.DataFrame]:
    return simulate_dyads


@pytest.fixture
def make_sessions() -> Callable[..., pd.DataFrame]:
    return simulate_sessions


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every case in the oracle folder is one test: `oracle_case` for the dyad and session
    formats at the top, `model_oracle_case` (model name, case) for each model's subfolder."""
    if "oracle_case" in metafunc.fixturenames:
        cases = oracle_cases(oracle_dir())
        metafunc.parametrize(
            "oracle_case",
            cases or [None],
            ids=[p.name.replace(".expected.json", "") for p in cases] or ["no-oracle"],
        )
    if "model_oracle_case" in metafunc.fixturenames:
        found = [(model, path) for model in ORACLE_MODELS
                 for path in oracle_cases(oracle_dir() / model)]
        missing = [(model, None) for model in ORACLE_MODELS
                   if not any(m == model for m, _ in found)]
        metafunc.parametrize(
            "model_oracle_case",
            found + missing,
            ids=[f"{m}-{p.name.replace('.expected.json', '') if p else 'no-oracle'}"
                 for m, p in found + missing],
        )


def oracle_kind(expected: Mapping[str, Any]) -> str:
    """Session-level oracles have `n_obs`; dyad-level ones have `n`."""
    return "sessions" if "n_obs" in expected else "dyads"


@pytest.fixture
def classify_oracle() -> Callable[[Mapping[str, Any]], str]:
    return oracle_kind
