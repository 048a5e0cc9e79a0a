"""How fast the analysis is, measured against the least it could cost.

`analysis_bench()` writes a large generated program (10,000 dyads × 20 sessions by default) as
the two CSVs `alliance analyze` reads, then times `alliance analyze --dyads --sessions --json` in a
fresh process against a bare script, also in a fresh process, that reads the same CSVs with pandas
and makes the same statsmodels calls (ANCOVA and slopes model with Type III tests, Levene and
Shapiro–Wilk, the response surface, one REML mixed-model fit). The ratio says what our own code
(validation, the oracle layout, the lme4 standard errors) adds. It also times the analysis and
PDF of a 30-dyad program, the size of a real cohort, as a running bot makes it (imports done).
Run it with `python -m alliance.reporting.analysis.bench [repeats]`.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["BARE_SCRIPT", "analysis_bench", "report_seconds", "write_bench_data"]

BARE_SCRIPT = textwrap.dedent(
    '''
    import sys
    import numpy as np, pandas as pd, statsmodels.formula.api as smf
    from scipy import stats
    from statsmodels.stats.anova import anova_lm

    dyads, sessions = pd.read_csv(sys.argv[1]), pd.read_csv(sys.argv[2])
    d = dyads.coach_alliance - dyads.coachee_alliance
    cut = 0.5 * d.std(ddof=1)
    dyads["group"] = np.where(d > cut, "over", np.where(d < -cut, "under", "accurate"))
    fit = smf.ols("se_post ~ C(group, Sum) + se_pre", data=dyads).fit()
    anova_lm(fit, typ=3)
    anova_lm(smf.ols("se_post ~ C(group, Sum) * se_pre", data=dyads).fit(), typ=3)
    stats.levene(*[g.se_post for _, g in dyads.groupby("group")], center="median")
    stats.shapiro(fit.resid)
    dyads["X"], dyads["Y"] = dyads.coach_alliance - 5, dyads.coachee_alliance - 5
    smf.ols("se_post ~ se_pre + X + Y + I(X**2) + I(X*Y) + I(Y**2)", data=dyads).fit()
    sessions["coach_centered"] = sessions.coach_alliance - 5
    model = smf.mixedlm("coachee_alliance ~ coach_centered + session", data=sessions,
                        groups=sessions["dyad_id"])
    model.fit(reml=True, method="lbfgs")
    '''
)
"""What a statistician would type to get the same models, and nothing else."""

_ANALYZE = "from alliance.cli.admin import app; app()"


def write_bench_data(
    folder: Path, dyads: int = 10_000, sessions: int = 20, seed: int = 1,
    coach_models: bool = False,
) -> tuple[Path, Path]:
    """`dyads.csv` and `sessions.csv` of a plausible program, in the export's columns.

    `coach_models` adds the coach's prediction and mood, which bring in the accuracy and mood
    models; the large timing leaves them out, as the bare script has no counterpart for them.
    """
    rng = np.random.default_rng(seed)
    coachee = rng.uniform(5, 9.5, dyads)
    coach = np.clip(coachee + rng.normal(0.2, 0.9, dyads), 0, 10)
    se_pre = rng.uniform(3, 7, dyads)
    se_post = se_pre + 0.8 - 0.3 * (coach - coachee) + rng.normal(0, 0.5, dyads)
    ids = np.array([f"d{i:05d}" for i in range(dyads)], dtype=object)
    coaches = np.array([f"c{i % 500:03d}" for i in range(dyads)], dtype=object)
    folder.mkdir(parents=True, exist_ok=True)
    dyad_path, session_path = folder / "dyads.csv", folder / "sessions.csv"
    pd.DataFrame({"dyad_id": ids, "coach_id": coaches, "coach_alliance": coach.round(3),
                  "coachee_alliance": coachee.round(3), "se_pre": se_pre.round(3),
                  "se_post": se_post.round(3)}).to_csv(dyad_path, index=False)
    which = np.repeat(np.arange(dyads), sessions)
    number = np.tile(np.arange(1, sessions + 1), dyads)
    level = rng.normal(0, 0.6, dyads)[which]
    coach_s = np.clip(coach[which] + rng.normal(0, 0.7, len(which)), 0, 10)
    coachee_s = np.clip(coachee[which] + level + 0.05 * number
                        + 0.4 * (coach_s - coach[which]) + rng.normal(0, 0.5, len(which)), 0, 10)
    frame = pd.DataFrame({"dyad_id": ids[which], "coach_id": coaches[which], "session": number,
                          "coach_alliance": coach_s.round(3),
                          "coachee_alliance": coachee_s.round(3)})
    if coach_models:
        mood = np.clip(np.round(6.5 + rng.normal(0, 1, dyads)[which]
                                + rng.normal(0, 1.2, len(which))), 0, 10)
        frame["coach_prediction"] = np.clip(np.round(
            frame["coachee_alliance"] + 0.3 + 0.3 * (coach_s - coachee_s)
            + rng.normal(0, 0.7, len(which))), 0, 10)
        frame["coach_mood"] = mood
    frame.to_csv(session_path, index=False)
    return dyad_path, session_path


def _timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one child process (CPU is steadier on a shared machine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


_REPORT = textwrap.dedent(
    """
    import sys, time
    began = time.perf_counter()
    from alliance.reporting.analysis.inputs import read_dyads, read_sessions
    from alliance.reporting.analysis.report_pdf import write_analysis_pdf
    from alliance.reporting.analysis.summary import analyze
    imported, cpu = time.perf_counter(), time.process_time()
    dyads = read_dyads(sys.argv[1])
    result = analyze(dyads_df=dyads, sessions_df=read_sessions(sys.argv[2]))
    write_analysis_pdf(result, sys.argv[3], dyads=dyads)
    print(time.perf_counter() - imported, time.process_time() - cpu, imported - began)
    """
)
"""Analysis and PDF of a 30-dyad program, timed after the imports a running bot has already
done; the import time is printed too."""


def report_seconds(
    folder: Path, dyads: int = 30, sessions: int = 8
) -> tuple[float, float, float]:
    """(wall, CPU, import) seconds for the analysis and PDF of a program of a cohort's size.

    The sessions carry the coach's prediction and mood, so every page is drawn.
    """
    dyad_path, session_path = write_bench_data(folder / "small", dyads, sessions, seed=3,
                                               coach_models=True)
    shown = subprocess.run(
        [sys.executable, "-c", _REPORT, str(dyad_path), str(session_path),
         str(folder / "report.pdf")], check=True, capture_output=True, text=True,
    ).stdout.split()
    return float(shown[0]), float(shown[1]), float(shown[2])


def analysis_bench(
    dyads: int = 10_000, sessions: int = 20, repeats: int = 1, folder: Path | None = None
) -> dict[str, float]:
    """Seconds for `alliance analyze`, for the bare script, their ratio, and the 30-dyad PDF.

    Keys: seconds, bare_seconds, ratio_to_bare (wall time), their CPU-time counterparts, and
    report_30_s (analysis + PDF of 30 dyads, imports done), report_30_cpu_s, report_30_import_s.

    With `repeats` > 1 the runs alternate and the fastest of each is kept, so a burst of load
    from other processes does not land on one side only.
    """
    with tempfile.TemporaryDirectory() as scratch:
        where = Path(folder or scratch)
        dyad_path, session_path = write_bench_data(where, dyads, sessions)
        ours = [sys.executable, "-c", _ANALYZE, "analyze", "--dyads", str(dyad_path),
                "--sessions", str(session_path), "--json"]
        bare = [sys.executable, "-c", BARE_SCRIPT, str(dyad_path), str(session_path)]
        runs: dict[str, list[tuple[float, float]]] = {"ours": [], "bare": []}
        for _ in range(max(1, repeats)):
            runs["ours"].append(_timed(ours))
            runs["bare"].append(_timed(bare))
        report, report_cpu, report_imports = report_seconds(where)
    seconds, cpu = min(runs["ours"])
    bare_seconds, bare_cpu = min(runs["bare"])
    return {
        "seconds": seconds,
        "bare_seconds": bare_seconds,
        "ratio_to_bare": seconds / bare_seconds,
        "cpu_seconds": cpu,
        "bare_cpu_seconds": bare_cpu,
        "cpu_ratio_to_bare": cpu / bare_cpu if bare_cpu > 0 else float("nan"),
        "report_30_s": report,
        "report_30_cpu_s": report_cpu,
        "report_30_import_s": report_imports,
    }


if __name__ == "__main__":
    print(json.dumps(analysis_bench(repeats=int(sys.argv[1]) if len(sys.argv) > 1 else 1),
                     indent=2))
