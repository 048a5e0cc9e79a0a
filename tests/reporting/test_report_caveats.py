"""Caveats beside claims: the summary says which sample each claim rests on, names failed
checks and small groups next to the ANCOVA, and reads the surface as Humberg et al. advise."""

from __future__ import annotations

from typing import Any

from alliance.reporting.analysis.report_caveats import (
    ancova_caveats,
    parameter_reading,
    reconcile,
    surface_verdict,
)
from alliance.reporting.analysis.report_text import key_points

NULL = {"F": 0.34, "df1": 3, "df2": 19, "p": 0.798}


def _surface(quad_p: float, all_p: float, a3: tuple[float, float] = (-1.0, 2.0)) -> dict:
    params = {k: {"estimate": 0.1, "se": 0.5, "p": 0.6, "ci_low": -0.9, "ci_high": 1.1}
              for k in ("a1", "a2", "a4", "a5")}
    params["a3"] = {"estimate": sum(a3) / 2, "se": 0.4, "p": 0.01, "ci_low": a3[0],
                    "ci_high": a3[1]}
    return {"n": 26, "center": 5.0, "r2": 0.8, **params,
            "quadratic_block": {**NULL, "p": quad_p},
            "alliance_block": {"F": 9.5, "df1": 5, "df2": 19, "p": all_p}}


def _analysis(group_p: float = 0.0001, slopes_p: float = 0.019, surface: Any = None) -> dict:
    return {
        "n": 26,
        "discrepancy": {"sd": 1.0, "cut_sd": 0.5, "groups": {"under": 7, "accurate": 15,
                                                            "over": 4}},
        "ancova": {"group": {"F": 19.88, "df1": 2, "df2": 22, "p": group_p,
                             "partial_eta_sq": 0.64},
                   "covariate": {"F": 80, "df1": 1, "df2": 22, "p": 0.0001,
                                 "partial_eta_sq": 0.8},
                   "slopes_homogeneity": {"F": 4.9, "df1": 2, "df2": 20, "p": slopes_p},
                   "levene": {"F": 0.9, "df1": 2, "df2": 23, "p": 0.42},
                   "normality": {"W": 0.97, "p": 0.5}, "adjusted_means": {}},
        "response_surface": surface or _surface(0.8, 0.6),
    }


def test_ancova_caveats_name_the_sample_a_failed_check_and_small_groups():
    lines = ancova_caveats(_analysis())
    assert "26 dyads with both ratings and both questionnaires" in lines[0]
    assert "under-estimating 7" in lines[0]
    assert any("slopes differ" in line and "p = .019" in line for line in lines)
    assert any("Small groups" in line and "over-estimating 4" in line for line in lines)
    assert not any("Levene" in line or "spread" in line for line in lines)  # that one passed


def test_the_sample_line_says_when_the_group_counts_shown_cover_more_dyads():
    assert "cover all 30 dyads with both ratings" in ancova_caveats(_analysis(), rated=30)[0]
    assert "cover all" not in ancova_caveats(_analysis(), rated=26)[0]


def test_passing_checks_and_large_groups_add_only_the_sample_line():
    analysis = _analysis(slopes_p=0.4)
    analysis["discrepancy"]["groups"] = {"under": 8, "accurate": 10, "over": 8}
    assert len(ancova_caveats(analysis)) == 1


def test_a_null_surface_says_it_found_nothing_and_reads_no_shape():
    verdict = " ".join(surface_verdict(_surface(0.8, 0.6, a3=(0.2, 1.8))))
    assert "add nothing reliable beyond baseline" in verdict
    assert "excluding 0" not in verdict and "excludes 0" not in verdict  # a3 is not read
    assert "F(5, 19) = 9.50, p = .600" in verdict
    assert "cannot show that over- or under-estimation is worse" in verdict


def test_a_null_quadratic_block_reads_no_curvature_but_a_linear_term_with_a_clear_interval():
    verdict = surface_verdict(_surface(0.8, 0.001, a3=(0.2, 1.8)))[0]
    assert "quadratic terms add nothing" in verdict and "no curvature is read" in verdict
    assert verdict.endswith("95% intervals excluding 0: a3.")


def test_a_null_quadratic_block_reads_the_slopes_of_the_linear_model_the_curves_show():
    surface = _surface(0.8, 0.001, a3=(-1.9, 0.1))  # the full model's a3 includes 0
    linear = {"estimate": -0.76, "se": 0.17, "p": 0.0001, "ci_low": -1.1, "ci_high": -0.4}
    surface["lines"] = {"model": "linear", "parameters": {"a1": surface["a1"], "a3": linear}}
    verdict = surface_verdict(surface)[0]
    assert verdict.endswith("In the linear model, which the curves show, 95% intervals "
                            "excluding 0: a3.")
    assert "excluent 0\u00a0: a3." in surface_verdict(surface, "fr")[0]


def test_parameters_whose_interval_includes_zero_are_not_interpreted():
    a = {"estimate": 0.16, "ci_low": -0.21, "ci_high": 0.54}
    assert parameter_reading("a2", a, "Curvature …") == "95% interval includes 0: not interpreted."
    assert parameter_reading("a2", {**a, "ci_low": 0.1}, "Curvature …") == "Curvature …"


def test_a_group_effect_the_surface_does_not_bear_out_is_called_fragile():
    (line,) = reconcile(_analysis())
    assert "not borne out by the response surface" in line and "fragile" in line
    (line,) = reconcile(_analysis(group_p=0.3))
    assert line.startswith("Neither")


def test_summary_puts_the_caveats_next_to_the_ancova():
    points = key_points(_analysis(), None)
    at = next(i for i, p in enumerate(points) if "differs between the groups" in p)
    following = " ".join(points[at + 1:])
    assert "slopes differ" in following and "Response surface (n = 26)" in following
    assert "fragile" in following
