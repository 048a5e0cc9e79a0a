"""Caveats beside the claims: which sample each model used, failed assumption checks, small
groups, and how the response surface is read (Humberg, Nestler & Back, 2019) and squares with
the ANCOVA. Shared by the Telegram summary and the PDF, in English and French."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from alliance.analysis.formatting import ftest, pval
from alliance.analysis.labels import label
from alliance.confidentiality import MIN_DYADS_SHOWN

__all__ = ["ancova_caveats", "parameter_reading", "reconcile", "surface_verdict"]

ALPHA = 0.05
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "sample": "The group comparison uses the {n} dyads with both ratings and both "
                  "questionnaires, the groups re-cut among them ({groups})",
        "sample_other": "; the group counts above cover all {m} dyads with both ratings",
        "failed": "Assumption checks failed: {checks}; read the group comparison with care.",
        "slopes": "slopes differ between groups ({p})",
        "levene": "unequal spread ({p})", "normality": "residuals not normal ({p})",
        "small": "Small groups (fewer than {k} dyads): {groups}; their means are not shown.",
        "s_none": "Response surface (n = {n}): the alliance ratings add nothing reliable beyond "
                  "baseline self-efficacy ({all}); no shape is read from it.",
        "s_linear": "Response surface (n = {n}): the ratings go with end self-efficacy ({all}), "
                    "but the quadratic terms add nothing ({quad}), so no curvature is read.",
        "s_quad": "Response surface (n = {n}): the quadratic terms add to the fit ({quad}).",
        "s_params": "95% intervals excluding 0: {params}.",
        "s_params_linear": "In the linear model, which the curves show, 95% intervals "
                           "excluding 0: {params}.",
        "s_no_params": "No parameter's 95% interval excludes 0.",
        "s_no_claim": "A quadratic surface alone cannot show that over- or under-estimation is "
                      "worse (Humberg, Nestler & Back, 2019).",
        "not_read": "95% interval includes 0: not interpreted.",
        "r_fragile": "The group difference is not borne out by the response surface, which keeps "
                     "both ratings whole: cutting D into groups can show differences the full "
                     "ratings do not (Edwards, 2002). Read the group effect as fragile.",
        "r_neither": "Neither the group comparison nor the response surface finds a reliable "
                     "link between the coach–coachee ratings and end self-efficacy.",
        "r_surface_only": "The response surface finds a link the group comparison misses: the "
                          "groups discard part of the ratings (Edwards, 2002).",
        "r_both": "The group comparison and the response surface both find a link between "
                  "the ratings and end self-efficacy; neither shows that one kind of "
                  "misestimation causes it.",
    },
    "fr": {
        "sample": "La comparaison des groupes porte sur les {n} dyades aux deux évaluations et "
                  "aux deux questionnaires, groupes recalculés parmi elles ({groups})",
        "sample_other": " ; les effectifs ci-dessus couvrent les {m} dyades aux deux "
                        "évaluations",
        "failed": "Hypothèses non vérifiées : {checks} ; lire la comparaison des groupes avec "
                  "prudence.",
        "slopes": "pentes différentes selon le groupe ({p})",
        "levene": "dispersions inégales ({p})", "normality": "résidus non normaux ({p})",
        "small": "Petits groupes (moins de {k} dyades) : {groups} ; leurs moyennes sont "
                 "masquées.",
        "s_none": "Surface de réponse (n = {n}) : les évaluations de l’alliance n’ajoutent rien "
                  "de fiable à l’auto-efficacité initiale ({all}) ; aucune forme n’en est tirée.",
        "s_linear": "Surface de réponse (n = {n}) : les évaluations vont avec l’auto-efficacité "
                    "finale ({all}), mais les termes quadratiques n’ajoutent rien ({quad}) ; "
                    "aucune courbure n’est interprétée.",
        "s_quad": "Surface de réponse (n = {n}) : les termes quadratiques améliorent "
                  "l’ajustement ({quad}).",
        "s_params": "Intervalles à 95 % qui excluent 0 : {params}.",
        "s_params_linear": "Dans le modèle linéaire, celui des courbes, intervalles à 95 % qui "
                           "excluent 0 : {params}.",
        "s_no_params": "Aucun intervalle à 95 % n’exclut 0.",
        "s_no_claim": "Une surface quadratique seule ne montre pas que la surestimation ou la "
                      "sous-estimation est pire (Humberg, Nestler et Back, 2019).",
        "not_read": "L’intervalle à 95 % contient 0 : non interprété.",
        "r_fragile": "La différence entre groupes n’est pas confirmée par la surface de réponse, "
                     "qui garde les deux évaluations entières : découper D en groupes peut "
                     "montrer des écarts que les évaluations complètes ne montrent pas (Edwards, "
                     "2002). L’effet de groupe est fragile.",
        "r_neither": "Ni la comparaison des groupes ni la surface de réponse ne trouvent de lien "
                     "fiable entre les évaluations et l’auto-efficacité finale.",
        "r_surface_only": "La surface de réponse trouve un lien que la comparaison des groupes "
                          "manque : les groupes perdent une partie des évaluations (Edwards, "
                          "2002).",
        "r_both": "La comparaison des groupes et la surface de réponse trouvent toutes deux un "
                  "lien entre les évaluations et l’auto-efficacité finale ; aucune ne montre "
                  "qu’un type d’erreur d’estimation en soit la cause.",
    },
}


def _w(key: str, lang: str, **values: Any) -> str:
    template = _WORDS.get(lang, _WORDS["en"])[key]
    return template.format(**values) if values else template


def _sig(test: Mapping[str, Any] | None) -> bool:
    return test is not None and test.get("p") is not None and test["p"] < ALPHA


def ancova_caveats(analysis: Mapping[str, Any], lang: str = "en", checks: bool = True,
                   rated: int | None = None) -> list[str]:
    """The ANCOVA's sample (and, when the group counts shown elsewhere cover `rated` dyads,
    that they differ), its failed checks unless the page lists them, and its small groups."""
    ancova = analysis.get("ancova") or {}
    counts = (analysis.get("discrepancy") or {}).get("groups", {})
    if not ancova or "error" in ancova:
        return []
    groups = ", ".join(f"{label(g, lang).lower()} {v}" for g, v in counts.items())
    other = _w("sample_other", lang, m=rated) if rated and rated != analysis.get("n") else ""
    out = [_w("sample", lang, n=analysis.get("n"), groups=groups) + other + "."]
    failed = [_w(key, lang, p=pval(ancova[check]["p"], lang))
              for key, check in (("slopes", "slopes_homogeneity"), ("levene", "levene"),
                                 ("normality", "normality"))
              if "error" not in ancova.get(check, {"error": 1}) and _sig(ancova[check])]
    if failed and checks:
        out.append(_w("failed", lang, checks="; ".join(failed)))
    small = [f"{label(g, lang).lower()} {v}" for g, v in counts.items() if v < MIN_DYADS_SHOWN]
    if small:
        out.append(_w("small", lang, k=MIN_DYADS_SHOWN, groups=", ".join(small)))
    return out


def surface_verdict(rs: Mapping[str, Any] | None, lang: str = "en") -> list[str]:
    """The surface read in Humberg et al.'s order: rating block, quadratic block, intervals."""
    if not rs or "error" in rs or "quadratic_block" not in rs:
        return []
    n, quad, every = rs.get("n"), rs["quadratic_block"], rs["alliance_block"]
    if not _sig(every):  # the blocks come first: no parameter of a null surface is read
        return [_w("s_none", lang, n=n, all=ftest(every, lang)), _w("s_no_claim", lang)]
    if not _sig(quad):
        head = _w("s_linear", lang, n=n, all=ftest(every, lang), quad=ftest(quad, lang))
    else:
        head = _w("s_quad", lang, n=n, quad=ftest(quad, lang))
    keys = [k for k in ("a1", "a2", "a3", "a4", "a5") if _excludes_zero(rs[k])]
    said = "s_params"
    if not _sig(quad):  # curvatures of a null block are not read; the slopes are those drawn
        drawn = (rs.get("lines") or {}).get("parameters")
        keys = [k for k in ("a1", "a3") if _excludes_zero((drawn or rs)[k])]
        said = "s_params_linear" if drawn else said
    params = _w(said, lang, params=", ".join(keys)) if keys else _w("s_no_params", lang)
    return [f"{head} {params}", _w("s_no_claim", lang)]


def parameter_reading(key: str, a: Mapping[str, Any], meaning: str, lang: str = "en") -> str:
    """What a surface parameter means, given only when its 95% interval excludes 0."""
    return meaning if _excludes_zero(a) else _w("not_read", lang)


def reconcile(analysis: Mapping[str, Any], lang: str = "en") -> list[str]:
    """One sentence on whether the ANCOVA and the response surface tell the same story."""
    ancova, rs = analysis.get("ancova") or {}, analysis.get("response_surface") or {}
    if "group" not in ancova or "alliance_block" not in rs:
        return []
    groups, surface = _sig(ancova["group"]), _sig(rs["alliance_block"])
    key = {(True, False): "r_fragile", (False, False): "r_neither",
           (False, True): "r_surface_only", (True, True): "r_both"}[(groups, surface)]
    return [_w(key, lang)]


def _excludes_zero(a: Mapping[str, Any]) -> bool:
    low, high = a.get("ci_low"), a.get("ci_high")
    return low is not None and high is not None and (low > 0 or high < 0)
