"""Words for people: the Telegram /report summary and the plain-language sentences of the PDF.

Every string exists in English and French (the original study ran in Canada); numbers follow the
reader's conventions (decimal comma in French, APA-style p values in English).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from alliance.analysis.process import MIN_DYADS_SHOWN, is_suppressed

__all__ = ["TELEGRAM_LIMIT", "TEXT", "assumption_checks", "fit_message", "ftest",
           "interpretation", "key_points", "num", "pct", "pval", "summary_message", "text"]

TELEGRAM_LIMIT = 4096

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Coach Alliance — program report",
        "title_analysis": "Coach Alliance — analysis report",
        "interim": "Interim report: the program is still running, so figures will change.",
        "final": "Final report", "key_points": "Key points",
        "analysis_only": "Analysis of exported data (no program records attached)",
        "program": "Program: {name}", "dates": "Program dates: {start} to {end}",
        "generated": "Generated: {at} UTC",
        "confidential": "Aggregates only. Dyads appear under pseudonymous codes, figures over "
                        "fewer than 5 dyads are suppressed and nothing is broken down by coach. "
                        "Alliance ratings are developmental feedback, never a coach's "
                        "performance score.",
        "attached": "The PDF report (totals only) is attached.",
        "not_enough": "Not enough data yet", "suppressed": "suppressed: fewer than 5 dyads",
        "kp_participation": "{dyads} dyads, {sessions} sessions held, {pairs} with both check-ins.",
        "kp_response": "Check-in response: coachees {coachee}, coaches {coach}.",
        "kp_alliance": "Mean alliance ({lo}–{hi}): coachees {coachee}, coaches {coach}; mean gap "
                       "coach − coachee {d}.",
        "kp_groups": "Discrepancy groups (k = {k}, reconstructed rule): under {under}, accurate "
                     "{accurate}, over {over}.",
        "kp_ancova_sig": "End-of-program self-efficacy differs between the groups ({test}).",
        "kp_ancova_ns": "No reliable difference in end self-efficacy between the groups ({test}).",
        "kp_ancova_wait": "Group comparison of self-efficacy: not enough data yet ({have} "
                          "complete dyads, {need} needed).",
        "kp_ancova_error": "Group comparison of self-efficacy: {error}.",
        "kp_tracking": "Session by session, coachee ratings move {b} per point of coach rating; "
                       "mean bias coach − coachee {bias}.",
        "kp_nudges": "{sent} nudges sent; {talked} closed with “we talked”.",
        "kp_effect": "Mean gap D at a nudged session {before}, at the next session {after}.",
        "h_summary": "Summary", "h_participation": "Participation",
        "h_trajectories": "Alliance trajectories", "h_discrepancy": "Coach–coachee discrepancy",
        "h_self_efficacy": "Self-efficacy before and after",
        "h_ancova": "ANCOVA: self-efficacy by discrepancy group", "h_surface": "Response surface",
        "h_sessions": "Session-level mixed model", "h_nudges": "Nudges and what followed",
        "h_interpretation": "Interpretation and caveats", "h_method": "Method notes",
        "cut_rule": "About the groups: Baron, Morin & Morin (2011) do not publish their exact cut "
                    "rule. The rule used here is a reconstruction from the self–other agreement "
                    "literature (Atwater & Yammarino): over when D > k·SD(D), under when D < "
                    "−k·SD(D), accurate otherwise, with k = {k} (configurable per program).",
        "a1": "Slope along the agreement line (coach = coachee): do outcomes rise when both "
              "rate the alliance higher?",
        "a2": "Curvature along the agreement line: does that rise speed up (+) or level off (−)?",
        "a3": "Slope along the disagreement line: positive → better outcomes when the coach rates "
              "higher than the coachee; negative → when the coach rates lower.",
        "a4": "Curvature along the disagreement line: negative → outcomes are best when the views "
              "agree and drop as they diverge either way.",
        "a5": "Asymmetry: whether the coach's and the coachee's ratings curve differently "
              "(b_X² − b_Y²).",
        "verdict_ok": "no sign of a problem",
        "verdict_bad": "possible problem: read the group comparison with care",
        "higher": "higher", "lower": "lower",
        "c_sample": "Small sample: {n} dyads can only show large effects, and every estimate is "
                    "imprecise. Treat p values near .05 as inconclusive.",
        "c_cut": "The three groups come from a reconstructed cut rule (k = {k}); another k "
                 "moves dyads between groups.",
        "c_observational": "Observational data: neither the groups nor the nudges were assigned "
                           "at random, so nothing here shows cause and effect.",
        "c_developmental": "Ratings are developmental feedback about a relationship, not a "
                           "measure of any coach's performance.",
        "c_ceiling": "Alliance ratings bunch near the top of the scale, which shrinks the gaps "
                     "and the correlations.",
        "c_interim": "Interim: the final questionnaires are not all in; results can change.",
        "m_scores": "Alliance score: mean of the check-in's scored items (goal, task, bond, "
                    "overall); the coach's guess of the coachee's rating is not part of it. "
                    "Self-efficacy: mean of the questionnaire's items.",
        "m_dyad": "Dyad alliance: mean over the sessions where both sides answered, so D compares "
                  "the same sessions. D = coach − coachee.",
        "m_ancova": "ANCOVA se_post ~ group + se_pre with sum-to-zero contrasts and Type III "
                    "tests; adjusted means at the mean of se_pre (as R's emmeans); pairwise "
                    "differences with Holm's correction. Checks: equal slopes (group × se_pre), "
                    "Levene (median-centred) on se_post, Shapiro–Wilk on the residuals.",
        "m_surface": "Response surface se_post ~ se_pre + X + Y + X² + XY + Y², X and Y centred "
                     "at the scale midpoint; a1 = b_X + b_Y, a2 = b_X² + b_XY + b_Y², a3 = b_X − "
                     "b_Y, a4 = b_X² − b_XY + b_Y², a5 = b_X² − b_Y², SEs from the coefficient "
                     "covariance.",
        "m_mixed": "Mixed model coachee ~ (coach − midpoint) + session + (1 | dyad), REML.",
        "m_nudge": "Nudges: D at the nudged session against D at the dyad's next session with "
                   "both check-ins; paired t test over those pairs.",
        "m_privacy": "Confidentiality: figures over fewer than 5 dyads are suppressed; no "
                     "breakdown or ranking by coach.",
        "none": "No nudge decisions yet.",
        "traj_note": "Mean rating at each session number; bars are 95% confidence intervals. "
                     "Session numbers with fewer than 5 dyads are left out.",
        "i_participation": "Who took part, and how reliably questionnaires were answered: a "
                           "prompt counts as sent once delivered; the rate is answered / sent.",
        "i_discrepancy": "D is the coach's alliance mean minus the coachee's, per dyad: positive "
                         "when the coach sees the relationship more favourably than the coachee.",
        "i_self_efficacy": "Coachees' self-efficacy at the start and at the end of the program "
                           "(mean of the questionnaire's items), with 95% confidence intervals.",
        "i_ancova": "Does end self-efficacy differ between the groups at an equal starting level? "
                    "Baron et al. (2011) found most growth where the coach under-estimated the "
                    "alliance. Groups are re-cut among the dyads with both questionnaires.",
        "i_surface": "Instead of cutting D into groups, this model keeps both ratings and "
                     "describes how end self-efficacy changes along the agreement and "
                     "disagreement lines. Curves are relative to the scale midpoint; the grey "
                     "band is the range the data cover.",
        "i_sessions": "Does the coachee's rating follow the coach's from session to session, "
                      "and do coaches rate the alliance systematically higher or lower?",
        "i_nudges": "What the discrepancy engine decided after each check-in pair, how coaches "
                    "answered the nudges, and how the gap D moved by the next session.",
        "c_regression": "Nudges fire when D is high, and high gaps tend to shrink on their own "
                        "(regression towards the mean): a smaller gap afterwards does not prove "
                        "that the nudge worked.",
        "r_same": "Adjusted end self-efficacy: under-estimating {under}, over-estimating {over}, "
                  "the direction Baron et al. reported.",
        "r_opposite": "Adjusted end self-efficacy: under-estimating {under}, over-estimating "
                      "{over}, the opposite of Baron et al.'s finding.",
    },
    "fr": {
        "title": "Coach Alliance — rapport de programme",
        "title_analysis": "Coach Alliance — rapport d’analyse",
        "interim": "Rapport intermédiaire : le programme est en cours, les chiffres vont évoluer.",
        "final": "Rapport final", "key_points": "Points clés",
        "analysis_only": "Analyse de données exportées (sans les dossiers du programme)",
        "program": "Programme : {name}", "dates": "Dates du programme : du {start} au {end}",
        "generated": "Généré le {at} UTC",
        "confidential": "Données agrégées seulement. Les dyades portent des codes pseudonymes, "
                        "tout chiffre portant sur moins de 5 dyades est masqué et rien n’est "
                        "ventilé par coach. Les évaluations de l’alliance servent au "
                        "développement, jamais à juger la performance d’un coach.",
        "attached": "Le rapport PDF (totaux seulement) est joint.",
        "not_enough": "Pas encore assez de données", "suppressed": "masqué : moins de 5 dyades",
        "kp_participation": "{dyads} dyades, {sessions} séances tenues, {pairs} avec les deux "
                            "bilans.",
        "kp_response": "Taux de réponse aux bilans : coaché·es {coachee}, coachs {coach}.",
        "kp_alliance": "Alliance moyenne ({lo}–{hi}) : coaché·es {coachee}, coachs {coach} ; "
                       "écart moyen coach − coaché·e {d}.",
        "kp_groups": "Groupes d’écart (k = {k}, règle reconstituée) : sous-estime {under}, juste "
                     "{accurate}, surestime {over}.",
        "kp_ancova_sig": "L’auto-efficacité finale diffère entre les groupes ({test}).",
        "kp_ancova_ns": "Pas de différence fiable d’auto-efficacité finale entre les groupes "
                        "({test}).",
        "kp_ancova_wait": "Comparaison des groupes : pas encore assez de données ({have} dyades "
                          "complètes, {need} nécessaires).",
        "kp_ancova_error": "Comparaison des groupes : {error}.",
        "kp_tracking": "Séance après séance, l’évaluation du coaché·e varie de {b} par point de "
                       "celle du coach ; biais moyen coach − coaché·e {bias}.",
        "kp_nudges": "{sent} rappels envoyés ; {talked} clos par « nous en avons parlé ».",
        "kp_effect": "Écart moyen D à la séance du rappel {before}, à la séance suivante {after}.",
        "h_summary": "Synthèse", "h_participation": "Participation",
        "h_trajectories": "Évolution de l’alliance", "h_discrepancy": "Écart entre coach et "
        "coaché·e", "h_self_efficacy": "Auto-efficacité avant et après",
        "h_ancova": "ANCOVA : auto-efficacité selon le groupe d’écart",
        "h_surface": "Surface de réponse", "h_sessions": "Modèle mixte par séance",
        "h_nudges": "Rappels et suites", "h_interpretation": "Interprétation et mises en garde",
        "h_method": "Notes de méthode",
        "cut_rule": "À propos des groupes : Baron, Morin et Morin (2011) ne publient pas leur "
                    "règle exacte. La règle utilisée ici est une reconstitution tirée de la "
                    "littérature sur l’accord soi–autrui (Atwater et Yammarino) : surestime si D "
                    "> k·ET(D), sous-estime si D < −k·ET(D), juste sinon, avec k = {k} (réglable "
                    "par programme).",
        "a1": "Pente sur la ligne d’accord (coach = coaché·e) : les résultats montent-ils quand "
              "les deux évaluent l’alliance plus haut ?",
        "a2": "Courbure sur la ligne d’accord : la hausse s’accélère (+) ou plafonne (−) ?",
        "a3": "Pente sur la ligne de désaccord : positive → meilleurs résultats quand le coach "
              "évalue plus haut que le coaché·e ; négative → quand il évalue plus bas.",
        "a4": "Courbure sur la ligne de désaccord : négative → résultats meilleurs quand les "
              "points de vue concordent, en baisse quand ils divergent.",
        "a5": "Asymétrie : les évaluations du coach et du coaché·e s’incurvent-elles "
              "différemment (b_X² − b_Y²) ?",
        "verdict_ok": "aucun signe de problème",
        "verdict_bad": "problème possible : lire la comparaison des groupes avec prudence",
        "higher": "plus haut", "lower": "plus bas",
        "c_sample": "Petit échantillon : {n} dyades ne révèlent que de grands effets et chaque "
                    "estimation est imprécise. Un p proche de 0,05 n’est pas concluant.",
        "c_cut": "Les trois groupes viennent d’une règle reconstituée (k = {k}) ; un autre k "
                 "déplace des dyades d’un groupe à l’autre.",
        "c_observational": "Données d’observation : ni les groupes ni les rappels n’ont été "
                           "attribués au hasard ; rien ici ne démontre un lien de cause à effet.",
        "c_developmental": "Les évaluations sont un retour de développement sur une relation, "
                           "pas une mesure de la performance d’un coach.",
        "c_ceiling": "Les évaluations de l’alliance se concentrent en haut de l’échelle, ce qui "
                     "réduit les écarts et les corrélations.",
        "c_interim": "Intermédiaire : les questionnaires finaux ne sont pas tous rentrés ; les "
                     "résultats peuvent changer.",
        "m_scores": "Score d’alliance : moyenne des items notés du bilan (objectifs, tâches, lien, "
                    "global) ; la prédiction du coach n’en fait pas partie. Auto-efficacité : "
                    "moyenne des items du questionnaire.",
        "m_dyad": "Alliance de la dyade : moyenne des séances où les deux ont répondu, pour que D "
                  "compare les mêmes séances. D = coach − coaché·e.",
        "m_ancova": "ANCOVA se_post ~ groupe + se_pre, contrastes à somme nulle, tests de type "
                    "III ; moyennes ajustées à la moyenne de se_pre (comme emmeans de R) ; "
                    "comparaisons deux à deux corrigées par Holm. Vérifications : pentes égales "
                    "(groupe × se_pre), Levene (médiane) sur se_post, Shapiro–Wilk sur les "
                    "résidus.",
        "m_surface": "Surface de réponse se_post ~ se_pre + X + Y + X² + XY + Y², X et Y centrés "
                     "au milieu de l’échelle ; a1 = b_X + b_Y, a2 = b_X² + b_XY + b_Y², a3 = b_X "
                     "− b_Y, a4 = b_X² − b_XY + b_Y², a5 = b_X² − b_Y², erreurs types tirées de "
                     "la covariance des coefficients.",
        "m_mixed": "Modèle mixte coaché·e ~ (coach − milieu) + séance + (1 | dyade), REML.",
        "m_nudge": "Rappels : D à la séance du rappel comparé à D à la séance suivante de la "
                   "dyade avec les deux bilans ; test t apparié sur ces paires.",
        "m_privacy": "Confidentialité : tout chiffre portant sur moins de 5 dyades est masqué ; "
                     "aucune ventilation ni classement par coach.",
        "none": "Aucune décision de rappel pour l’instant.",
        "traj_note": "Évaluation moyenne à chaque numéro de séance ; barres : intervalles de "
                     "confiance à 95 %. Les numéros avec moins de 5 dyades sont omis.",
        "i_participation": "Qui a participé et avec quelle régularité : une sollicitation compte "
                           "comme envoyée une fois livrée ; le taux est répondus / envoyés.",
        "i_discrepancy": "D est la moyenne d’alliance du coach moins celle du coaché·e, par "
                         "dyade : positif quand le coach voit la relation plus favorablement.",
        "i_self_efficacy": "Auto-efficacité des coaché·es au début et à la fin du programme "
                           "(moyenne des items), avec intervalles de confiance à 95 %.",
        "i_ancova": "L’auto-efficacité finale diffère-t-elle entre les groupes à départ égal ? "
                    "Baron et al. (2011) : plus forte progression quand le coach sous-estimait "
                    "l’alliance. Groupes recalculés parmi les dyades aux deux questionnaires.",
        "i_surface": "Au lieu de découper D en groupes, ce modèle garde les deux évaluations et "
                     "décrit l’auto-efficacité finale le long des lignes d’accord et de "
                     "désaccord. Courbes relatives au milieu de l’échelle ; la bande grise "
                     "couvre la plage des données.",
        "i_sessions": "L’évaluation du coaché·e suit-elle celle du coach d’une séance à "
                      "l’autre, et les coachs évaluent-ils l’alliance systématiquement plus "
                      "haut ou plus bas ?",
        "i_nudges": "Ce que le moteur d’écart a décidé après chaque paire de bilans, comment les "
                    "coachs ont répondu aux rappels, et l’évolution de D à la séance suivante.",
        "c_regression": "Les rappels partent quand D est élevé, et les grands écarts tendent à "
                        "se réduire d’eux-mêmes (régression vers la moyenne) : un écart plus "
                        "petit ensuite ne prouve pas l’effet du rappel.",
        "r_same": "Auto-efficacité finale ajustée : sous-estime {under}, surestime {over}, dans "
                  "le sens rapporté par Baron et al.",
        "r_opposite": "Auto-efficacité finale ajustée : sous-estime {under}, surestime {over}, "
                      "à l’inverse du résultat de Baron et al.",
    },
}


def text(key: str, lang: str = "en", **values: Any) -> str:
    """The string `key` in `lang` (English when the language or key is missing), filled in."""
    table = TEXT.get(lang, TEXT["en"])
    template = table.get(key, TEXT["en"][key])
    return template.format(**values) if values else template


def assumption_checks(ancova: Mapping[str, Any], lang: str = "en") -> list[str]:
    """One line per ANCOVA assumption check, with a plain verdict."""
    out = []
    for key, name in (("slopes_homogeneity", "group × se_pre"), ("levene", "Levene"),
                      ("normality", "Shapiro–Wilk")):
        test = ancova.get(key)
        if not test:
            continue
        if "error" in test:
            out.append(f"{name}: {test['error']}")
            continue
        stat = f"W = {num(test['W'], 3, lang)}" if "W" in test else f"F = {num(test['F'], 2, lang)}"
        verdict = text("verdict_bad" if (test.get("p") or 1) < 0.05 else "verdict_ok", lang)
        out.append(f"{name}: {stat}, {pval(test.get('p'), lang)} — {verdict}")
    return out


def num(x: Any, digits: int = 2, lang: str = "en", signed: bool = False) -> str:
    """A number for reading: "n/a" when missing, decimal comma in French."""
    if x is None or not math.isfinite(float(x)):
        return "n/a" if lang != "fr" else "n.d."
    out = f"{float(x):{'+' if signed else ''}.{digits}f}".replace("-", "−")
    return out.replace(".", ",") if lang == "fr" else out


def pval(p: Any, lang: str = "en") -> str:
    """APA-style p in English (p = .004, p < .001); French keeps the zero (p = 0,004)."""
    if p is None or not math.isfinite(float(p)):
        return "p = " + num(None, lang=lang)
    if p < 0.001:
        return "p < .001" if lang != "fr" else "p < 0,001"
    shown = num(p, 3, lang)
    return "p = " + (shown[1:] if lang != "fr" else shown)


def pct(x: Any, lang: str = "en") -> str:
    if x is None or not math.isfinite(float(x)):
        return num(None, lang=lang)
    return f"{100 * float(x):.0f}" + ("\u202f%" if lang == "fr" else "%")


def ftest(test: Mapping[str, Any], lang: str = "en") -> str:
    return (f"F({test['df1']}, {test['df2']}) = {num(test['F'], 2, lang)}, "
            f"{pval(test['p'], lang)}")


def key_points(analysis: Mapping[str, Any], process: Mapping[str, Any] | None,
               lang: str = "en") -> list[str]:
    """The handful of findings a program lead reads first; shared by the PDF and Telegram."""
    points: list[str] = []
    process = process or {}
    part = process.get("participation")
    if part:
        points.append(text("kp_participation", lang, dyads=part["dyads"],
                           sessions=part["sessions_held"], pairs=part["checkin_pairs"]))
    rates = process.get("response_rates", {}).get("checkin", {})
    if rates and not any(is_suppressed(r) for r in rates.values()):
        shown = {side: pct(rates[side]["rate"], lang) if side in rates else "—"
                 for side in ("coach", "coachee")}
        points.append(text("kp_response", lang, **shown))
    overview = process.get("alliance", {})
    if "coach" in overview:
        lo, hi = overview.get("scale", (0, 10))
        points.append(text("kp_alliance", lang, lo=num(lo, 0), hi=num(hi, 0),
                           coachee=num(overview["coachee"]["mean"], 1, lang),
                           coach=num(overview["coach"]["mean"], 1, lang),
                           d=num(overview["d"]["mean"], 2, lang, signed=True)))
    groups = overview.get("discrepancy")
    if groups is None and (analysis.get("n") or 0) >= MIN_DYADS_SHOWN:
        groups = analysis.get("discrepancy")
    if groups:
        points.append(text("kp_groups", lang, k=num(groups["cut_sd"], 2, lang),
                           **groups["groups"]))
    points += _ancova_point(analysis, lang)
    model = analysis.get("session_model", {})
    if "fixed" in model:
        points.append(text("kp_tracking", lang,
                           b=num(model["fixed"]["coach"]["estimate"], 2, lang),
                           bias=num(model["mean_bias"], 2, lang, signed=True)))
    nudges = process.get("nudges")
    if nudges and nudges.get("sent"):
        outcomes = nudges.get("by_outcome", {})
        line = text("kp_nudges", lang, sent=nudges["sent"], talked=outcomes.get("talked", 0))
        # with outcomes suppressed, keep only the count before the ";"
        points.append(line.split(" ;")[0].split(";")[0] + "." if is_suppressed(outcomes) else line)
    effect = process.get("nudge_effect", {})
    if "before" in effect:
        points.append(text("kp_effect", lang, before=num(effect["before"]["mean"], 2, lang),
                           after=num(effect["after"]["mean"], 2, lang)))
    return points


def _ancova_point(analysis: Mapping[str, Any], lang: str) -> list[str]:
    if analysis.get("not_enough_data"):
        return [text("kp_ancova_wait", lang, have=analysis.get("n", 0),
                     need=analysis.get("need", 3))]
    ancova = analysis.get("ancova")
    if not ancova:
        return []
    if "error" in ancova:
        return [text("kp_ancova_error", lang, error=ancova["error"])]
    group = ancova["group"]
    key = "kp_ancova_sig" if (group.get("p") or 1) < 0.05 else "kp_ancova_ns"
    test = f"{ftest(group, lang)}, η²p = {num(group['partial_eta_sq'], 2, lang)}"
    return [text(key, lang, test=test)]


def interpretation(analysis: Mapping[str, Any], process: Mapping[str, Any] | None, lang: str,
                   cut_sd: float, interim: bool) -> list[str]:
    """What the results say, whether they point Baron et al.'s way, and the honest caveats."""
    n = analysis.get("n") or (process or {}).get("participation", {}).get("dyads", 0)
    means = (analysis.get("ancova") or {}).get("adjusted_means", {})
    counts = (analysis.get("discrepancy") or {}).get("groups", {})
    points = key_points(analysis, None, lang)
    if all(counts.get(g, 0) >= MIN_DYADS_SHOWN and g in means for g in ("under", "over")):
        under, over = means["under"]["mean"], means["over"]["mean"]
        points.append(text("r_same" if under > over else "r_opposite", lang,
                           under=num(under, 2, lang), over=num(over, 2, lang)))
    points += [text("c_interim", lang)] if interim else []
    points += [text("c_sample", lang, n=n)] if n < 60 else []
    points.append(text("c_cut", lang, k=num(cut_sd, 2, lang)))
    return points + [text(k, lang) for k in ("c_observational", "c_developmental", "c_ceiling")]


def fit_message(lines: list[str], footer: Sequence[str] = (), limit: int = TELEGRAM_LIMIT) -> str:
    """Join lines, cutting the body at a line break so body + footer never exceed `limit`."""
    tail = "\n".join(footer).strip()
    room = limit - len(tail) - 3 if tail else limit
    body = "\n".join(lines).strip()
    if len(body) > room:
        cut = body[: max(room - 2, 0)]
        body = (cut[: cut.rfind("\n")] if "\n" in cut else cut).rstrip() + "\n…"
    return f"{body}\n\n{tail}"[:limit] if tail else body[:limit]


def summary_message(*, name: str, start: str, end: str, generated_at: str, interim: bool,
                    analysis: Mapping[str, Any], process: Mapping[str, Any] | None,
                    lang: str = "en") -> str:
    """The Telegram /report text: plain, short lines, ≤ 4096 characters whatever the input."""
    lines = [text("title", lang), text("interim" if interim else "final", lang),
             text("program", lang, name=name), text("dates", lang, start=start, end=end),
             text("generated", lang, at=generated_at), "", text("key_points", lang),
             *(f"• {point}" for point in key_points(analysis, process, lang))]
    return fit_message(lines, [text("attached", lang), text("c_developmental", lang)])
