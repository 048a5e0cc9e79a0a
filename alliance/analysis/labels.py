"""Short labels (axes, legends, table cells) in English and French, shared by charts and tables."""

from __future__ import annotations

__all__ = ["LABELS", "label"]

LABELS: dict[str, dict[str, str]] = {
    "en": {
        # chart titles and axes
        "session": "Session number", "alliance": "Alliance (mean, 95% CI)",
        "traj": "Alliance by session number (paired sessions)",
        "d_axis": "D = coach − coachee (dyad means)",
        "d_title": "Distribution of the coach–coachee gap D", "cut": "cut ±{k}·SD",
        "adj_title": "Adjusted post self-efficacy by group", "adj_axis": "Adjusted mean (95% CI)",
        "agree": "Agreement line: coach = coachee", "agree_x": "Both ratings",
        "band": "95% confidence band",
        "disagree": "Disagreement, at mean level {level}", "disagree_x": "Coach − coachee (D)",
        "surface_y": "Predicted post-test self-efficacy", "observed": "observed range",
        "nudge_title": "Gap D at the nudged session and at the next one",
        "nudge_n": "n = {pairs} nudged sessions, {dyads} dyads",
        "surface_title": "Response surface curves, {model} model (n = {n} dyads)",
        "model_linear": "linear", "model_quadratic": "full quadratic",
        "before": "Nudged session", "after": "Next session", "nudge_y": "Mean D (95% CI)",
        "se_title": "Self-efficacy before and after", "pre": "Before", "post": "After",
        "se_y": "Self-efficacy (mean, 95% CI)", "all": "All dyads",
        # shared with the report's tables
        "dyads": "Dyads", "coaches": "Coaches", "sessions_held": "Sessions held",
        "checkin_pairs": "Sessions with both check-ins",
        "se_pre": "Baseline questionnaires answered", "se_post": "Final questionnaires answered",
        "complete_dyads": "Dyads complete for the ANCOVA",
        "questionnaire": "Questionnaire", "role": "Role", "sent": "Sent", "answered": "Answered",
        "expired": "Expired", "rate": "Response rate", "median": "Median time to answer",
        "checkin": "Check-in", "self_efficacy": "Self-efficacy", "coach": "Coach",
        "five_attributes": "Five attributes",
        "coachee": "Coachee", "term": "Term", "group": "Discrepancy group",
        "covariate": "Self-efficacy before", "mean": "Adjusted mean", "ci": "95% CI",
        "contrast": "Comparison", "diff": "Difference", "p_holm": "p (Holm)",
        "estimate": "Estimate", "meaning": "What it means", "effect": "Effect",
        "intercept": "Coachee rating when the coach rates {c}",
        "slope": "Per point of coach rating (tracking)", "trend": "Per session (trend)",
        "rule": "Rule", "outcome": "Outcome", "count": "Count", "checks": "Assumption checks",
        "logged": "Logged only (no message sent)", "pairs": "pairs",
        "mood": "Coach mood before the session, correlation with the alliance score "
                "(sessions pooled)",
        "n_decisions": "Decisions after a pair of check-ins", "n_fired": "Nudges triggered",
        "n_sent": "Nudges delivered",
        "under": "Under-estimating", "accurate": "Accurate", "over": "Over-estimating",
        "overestimation": "Overestimation emerging", "rupture": "Coachee rupture",
        "ceiling": "Ceiling", "underestimation": "Underestimation", "prediction_gap":
        "Prediction gap", "talked": "We talked", "will_ask": "I'll ask", "not_now": "Not now",
        "part_title": "Questionnaires sent, answered and expired", "part_x": "Prompts sent",
        "open": "Still open",
        "pending": "No answer yet", "held": "Held by the cooldown (no message)",
        "reply": "Coach's reply", "ft_events": "Count", "ft_followed": "Followed up",
        "ft_closed": "Gap closed", "ft_narrowed": "Narrowed", "ft_coachee": "Coachee Δ",
    },
    "fr": {
        "session": "Numéro de séance", "alliance": "Alliance (moyenne, IC 95 %)",
        "traj": "Alliance par numéro de séance (séances appariées)",
        "d_axis": "D = coach − coaché·e (moyennes par dyade)",
        "d_title": "Distribution de l’écart coach–coaché·e D", "cut": "seuil ±{k}·ET",
        "adj_title": "Auto-efficacité finale ajustée par groupe",
        "adj_axis": "Moyenne ajustée (IC 95 %)",
        "agree": "Ligne d’accord : coach = coaché·e", "agree_x": "Les deux évaluations",
        "band": "bande de confiance à 95 %",
        "disagree": "Désaccord, au niveau moyen {level}", "disagree_x": "Coach − coaché·e (D)",
        "surface_y": "Auto-efficacité finale prédite",
        "observed": "plage observée",
        "nudge_title": "Écart D à la séance du rappel et à la suivante",
        "nudge_n": "n = {pairs} séances avec rappel, {dyads} dyades",
        "surface_title": "Courbes de la surface de réponse, modèle {model} (n = {n} dyades)",
        "model_linear": "linéaire", "model_quadratic": "quadratique complet",
        "before": "Séance du rappel", "after": "Séance suivante", "nudge_y": "D moyen (IC 95 %)",
        "se_title": "Auto-efficacité avant et après", "pre": "Avant", "post": "Après",
        "se_y": "Auto-efficacité (moyenne, IC 95 %)", "all": "Toutes les dyades",
        "dyads": "Dyades", "coaches": "Coachs", "sessions_held": "Séances tenues",
        "checkin_pairs": "Séances avec les deux bilans", "se_pre": "Questionnaires initiaux reçus",
        "se_post": "Questionnaires finaux reçus", "complete_dyads": "Dyades complètes (ANCOVA)",
        "questionnaire": "Questionnaire", "role": "Rôle", "sent": "Envoyés",
        "answered": "Répondus", "expired": "Expirés", "rate": "Taux de réponse",
        "five_attributes": "Cinq attributs",
        "median": "Délai médian de réponse", "checkin": "Bilan", "self_efficacy":
        "Auto-efficacité", "coach": "Coach", "coachee": "Coaché·e", "term": "Terme",
        "group": "Groupe d’écart", "covariate": "Auto-efficacité initiale",
        "mean": "Moyenne ajustée", "ci": "IC 95 %", "contrast": "Comparaison",
        "diff": "Différence", "p_holm": "p (Holm)", "estimate": "Estimation",
        "meaning": "Signification", "effect": "Effet",
        "intercept": "Évaluation du coaché·e quand le coach donne {c}",
        "slope": "Par point d’évaluation du coach (suivi)", "trend": "Par séance (tendance)",
        "rule": "Règle", "outcome": "Suite", "count": "Nombre",
        "checks": "Vérification des hypothèses", "logged": "Consignés seulement (aucun message)",
        "pairs": "paires",
        "mood": "Humeur du coach avant la séance, corrélation avec le score d’alliance "
                "(séances regroupées)",
        "n_decisions": "Décisions après une paire de bilans", "n_fired": "Rappels déclenchés",
        "n_sent": "Rappels remis",
        "under": "Sous-estime", "accurate": "Juste", "over": "Surestime",
        "overestimation": "Surestimation naissante", "rupture": "Rupture côté coaché·e",
        "ceiling": "Plafond", "underestimation": "Sous-estimation", "prediction_gap":
        "Écart de prédiction", "talked": "Nous en avons parlé", "will_ask": "Je vais demander",
        "not_now": "Pas maintenant", "pending": "Pas de réponse",
        "held": "Retenu par le délai (aucun message)",
        "part_title": "Questionnaires envoyés, répondus et expirés",
        "part_x": "Sollicitations envoyées", "open": "Encore ouverts", "reply": "Réponse du coach",
        "ft_events": "Nombre", "ft_followed": "Suivis", "ft_closed": "Écart clos",
        "ft_narrowed": "Réduit", "ft_coachee": "Δ coaché·e",
    },
}


def label(code: str, lang: str = "en", **values: object) -> str:
    """A short label (axis, legend, table cell) in `lang`; unknown codes shown tidied up."""
    known = LABELS.get(lang, LABELS["en"]).get(code) or LABELS["en"].get(code)
    return (known or code.replace("_", " ")).format(**values)
