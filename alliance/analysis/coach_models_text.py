"""Plain-language readings of the coach-accuracy and mood models, in English and French.

One place for the words, so the PDF page, the /report summary line and the terminal summary say
the same thing. Every reading names its sample and says that the data are observational; a
figure whose 95% interval includes 0 is read as "no clear difference", never as a direction.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from alliance.analysis.report_text import num

__all__ = ["accuracy_line", "accuracy_points", "mood_line", "mood_points", "summary_lines", "words"]

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "h_accuracy": "Coach accuracy: how well coaches read their coachees",
        "i_accuracy": "After each session the coach guessed how the coachee rated it. The "
        "truth-and-bias model (West & Kenny 2011) splits those guesses into three parts.",
        "sample_acc": "Based on {n_obs} sessions with a prediction, from {n_dyads} dyads and "
        "{n_coaches} coaches.",
        "bias_up": "Do coaches think their coachees rate the work higher than they do? Yes: "
        "coaches' guesses were {b} points higher on the 0–10 scale than what their coachees "
        "gave (95% interval {lo} to {hi}).",
        "bias_down": "Do coaches think their coachees rate the work higher than they do? No, "
        "lower: coaches' guesses were {b} points below what their coachees gave (95% interval "
        "{lo} to {hi}).",
        "bias_none": "Do coaches think their coachees rate the work higher than they do? No "
        "clear difference: the guesses were on average {b} points off (95% interval {lo} to "
        "{hi}, which includes 0).",
        "force": "How well do coaches track the ups and downs? When a coachee rated a session "
        "one point higher, the coach's guess rose by {f} points (1 = follows every "
        "change, 0 = none; 95% interval {lo} to {hi}). {spread}",
        "spread": "Dyads differ in this (SD {sd} between dyads).",
        "spread_none": "Dyads hardly differ in this.",
        "similarity": "How much do coaches project their own view? For each point the coach's "
        "own rating was higher, the guess was {s} points higher, whatever the coachee gave "
        "(0 = no projection; 95% interval {lo} to {hi}).",
        "caveat_acc": "Observational data: this describes how guesses and ratings went together "
        "in this program, not why, and it is not a verdict on any coach. A coach sees only their "
        "own pattern in /mystats.",
        "line_acc": "Coach accuracy ({n_obs} sessions, {n_dyads} dyads): guesses {bias}; "
        "tracking {f} (1 = perfect); projection {s}.",
        "line_up": "{b} above the coachees' ratings",
        "line_down": "{b} below the coachees' ratings",
        "line_none": "neither clearly higher nor lower than the coachees' ratings",
        "h_mood": "Coach mood before sessions",
        "i_mood": "Coaches answered one mood question before scheduled sessions. The mixed model "
        "separates a coach's mood on the day (within the dyad) from their usual mood (between "
        "dyads).",
        "sample_mood": "Based on {n_obs} sessions with a mood answer and a coachee rating, from "
        "{n_dyads} dyads.",
        "within_up": "On days the coach felt better than usual, did the coachee rate the session "
        "higher? Yes: one point of mood above the coach's usual went with {w} points more in the "
        "coachee's rating (95% interval {lo} to {hi}).",
        "within_down": "On days the coach felt better than usual, did the coachee rate the "
        "session higher? No, lower: one point of mood above usual went with {w} points less "
        "(95% interval {lo} to {hi}).",
        "within_none": "On days the coach felt better than usual, did the coachee rate the "
        "session higher? No clear difference ({w} points per point of mood; 95% interval {lo} "
        "to {hi}, which includes 0).",
        "between_up": "Do coaches in a better mood on average have better-rated alliances? Yes: "
        "one point of usual mood above the program's mean ({m}) went with {b} points more "
        "(95% interval {lo} to {hi}).",
        "between_down": "Do coaches in a better mood on average have better-rated alliances? "
        "No, lower: one point of usual mood above the program's mean ({m}) went with {b} points "
        "less (95% interval {lo} to {hi}).",
        "between_none": "Do coaches in a better mood on average have better-rated alliances? No "
        "clear difference ({b} points per point of usual mood; 95% interval {lo} to {hi}, which "
        "includes 0).",
        "caveat_mood": "Observational data: mood may reflect how the work is going as much as "
        "shape it, and the between-dyad comparison rests on few coaches. Mood answers are never "
        "shown to anyone but the coach.",
        "line_mood": "Coach mood ({n_obs} sessions, {n_dyads} dyads): {within}.",
        "line_mood_up": "better days went with higher coachee ratings",
        "line_mood_down": "better days went with lower coachee ratings",
        "line_mood_none": "no clear link with the coachee's rating",
        "not_fitted": "The model could not be fitted: {error}.",
        "too_few": "Not enough data yet (fewer than 5 dyads).",
        "r_bias": "directional bias (intercept)",
        "r_force": "truth force (coachee's rating)",
        "r_similar": "assumed similarity (coach's own)",
        "r_within": "mood on the day (within dyad)",
        "r_between": "usual mood (between dyads)",
        "r_session": "per session",
        "ci": "95% CI",
        "note_acc": "judgment ~ truth + own + (1 + truth | dyad), REML, all centred on the mean "
        "coachee rating ({mean}); σ²(bias) = {vb}, σ²(truth force) = {vf}, r = {r}, "
        "σ²(residual) = {ve}. West & Kenny (2011).",
        "note_mood": "coachee ~ mood_within + mood_between + session + (1 | dyad), REML; mean "
        "mood {mean}; σ²(dyad) = {vd}, σ²(residual) = {ve}. Ianiro & Kauffeld (2014).",
    },
    "fr": {
        "h_accuracy": "Justesse des coachs : à quel point les coachs lisent leurs coachés",
        "i_accuracy": "Après chaque séance, le coach a estimé la note donnée par la personne "
        "coachée. Le modèle vérité-biais (West & Kenny 2011) décompose ces estimations en trois "
        "parts.",
        "sample_acc": "Sur {n_obs} séances avec une estimation, de {n_dyads} dyades et "
        "{n_coaches} coachs.",
        "bias_up": "Les coachs pensent-ils que leurs coachés notent le travail plus haut qu'ils "
        "ne le font? Oui : les estimations dépassaient de {b} points (échelle 0–10) les notes "
        "des coachés (intervalle à 95 % : {lo} à {hi}).",
        "bias_down": "Les coachs pensent-ils que leurs coachés notent le travail plus haut "
        "qu'ils ne le font? Non, plus bas : les estimations étaient {b} points sous les notes "
        "des coachés (intervalle à 95 % : {lo} à {hi}).",
        "bias_none": "Les coachs pensent-ils que leurs coachés notent le travail plus haut "
        "qu'ils ne le font? Pas de différence nette : écart moyen de {b} points (intervalle à "
        "95 % : {lo} à {hi}, qui inclut 0).",
        "force": "Les coachs suivent-ils les hauts et les bas? Quand une personne coachée "
        "notait une séance un point plus haut, l'estimation du coach montait de "
        "{f} point (1 = suit chaque variation, 0 = aucune; intervalle à 95 % : {lo} à {hi}). "
        "{spread}",
        "spread": "Les dyades diffèrent sur ce point (écart-type {sd} entre dyades).",
        "spread_none": "Les dyades diffèrent peu sur ce point.",
        "similarity": "Les coachs projettent-ils leur propre vision? Pour chaque point de plus "
        "dans la note du coach, l'estimation montait de {s} point, quelle que soit la note de la "
        "personne coachée (0 = aucune projection; intervalle à 95 % : {lo} à {hi}).",
        "caveat_acc": "Données d'observation : cela décrit comment estimations et notes sont "
        "allées ensemble dans ce programme, pas pourquoi, et ce n'est un jugement sur aucun "
        "coach. Chaque coach ne voit que son propre profil dans /mystats.",
        "line_acc": "Justesse des coachs ({n_obs} séances, {n_dyads} dyades) : estimations "
        "{bias}; suivi {f} (1 = parfait); projection {s}.",
        "line_up": "{b} au-dessus des notes des coachés",
        "line_down": "{b} sous les notes des coachés",
        "line_none": "ni nettement plus hautes ni plus basses que les notes des coachés",
        "h_mood": "Humeur du coach avant les séances",
        "i_mood": "Les coachs ont répondu à une question d'humeur avant les séances planifiées. "
        "Le modèle mixte sépare l'humeur du jour (dans la dyade) de l'humeur habituelle (entre "
        "dyades).",
        "sample_mood": "Sur {n_obs} séances avec une humeur et une note de la personne coachée, "
        "de {n_dyads} dyades.",
        "within_up": "Les jours où le coach se sentait mieux que d'habitude, la séance était-"
        "elle mieux notée? Oui : un point d'humeur au-dessus de l'habitude allait avec {w} point "
        "de plus (intervalle à 95 % : {lo} à {hi}).",
        "within_down": "Les jours où le coach se sentait mieux que d'habitude, la séance était-"
        "elle mieux notée? Non, moins bien : {w} point de moins par point d'humeur (intervalle "
        "à 95 % : {lo} à {hi}).",
        "within_none": "Les jours où le coach se sentait mieux que d'habitude, la séance était-"
        "elle mieux notée? Pas de différence nette ({w} point par point d'humeur; intervalle à "
        "95 % : {lo} à {hi}, qui inclut 0).",
        "between_up": "Les coachs d'humeur habituellement meilleure ont-ils des alliances mieux "
        "notées? Oui : un point d'humeur habituelle au-dessus de la moyenne ({m}) allait avec "
        "{b} point de plus (intervalle à 95 % : {lo} à {hi}).",
        "between_down": "Les coachs d'humeur habituellement meilleure ont-ils des alliances "
        "mieux notées? Non, moins bien : {b} point de moins par point d'humeur habituelle "
        "(moyenne {m}; intervalle à 95 % : {lo} à {hi}).",
        "between_none": "Les coachs d'humeur habituellement meilleure ont-ils des alliances "
        "mieux notées? Pas de différence nette ({b} point par point d'humeur habituelle; "
        "intervalle à 95 % : {lo} à {hi}, qui inclut 0).",
        "caveat_mood": "Données d'observation : l'humeur peut refléter la marche du travail "
        "autant que l'influencer, et la comparaison entre dyades repose sur peu de coachs. Les "
        "réponses d'humeur ne sont montrées qu'au coach lui-même.",
        "line_mood": "Humeur du coach ({n_obs} séances, {n_dyads} dyades) : {within}.",
        "line_mood_up": "les meilleurs jours allaient avec de meilleures notes des coachés",
        "line_mood_down": "les meilleurs jours allaient avec des notes plus basses",
        "line_mood_none": "pas de lien net avec la note de la personne coachée",
        "not_fitted": "Le modèle n'a pas pu être ajusté : {error}.",
        "too_few": "Pas encore assez de données (moins de 5 dyades).",
        "r_bias": "biais directionnel (constante)",
        "r_force": "force de la vérité (note du coaché)",
        "r_similar": "similarité supposée (note du coach)",
        "r_within": "humeur du jour (dans la dyade)",
        "r_between": "humeur habituelle (entre dyades)",
        "r_session": "par séance",
        "ci": "IC à 95 %",
        "note_acc": "estimation ~ vérité + propre + (1 + vérité | dyade), REML, tout centré sur "
        "la note moyenne des coachés ({mean}); σ²(biais) = {vb}, σ²(force de la vérité) = {vf}, "
        "r = {r}, σ²(résiduelle) = {ve}. West & Kenny (2011).",
        "note_mood": "coaché ~ humeur_jour + humeur_habituelle + séance + (1 | dyade), REML; "
        "humeur moyenne {mean}; σ²(dyade) = {vd}, σ²(résiduelle) = {ve}. Ianiro & Kauffeld "
        "(2014).",
    },
}


def words(key: str, lang: str = "en", **values: Any) -> str:
    """The string `key` in `lang` (English when missing), filled in."""
    template = _WORDS.get(lang, _WORDS["en"]).get(key, _WORDS["en"][key])
    return template.format(**values) if values else template


def _direction(row: Mapping[str, Any]) -> str:
    """"up" or "down" only when the 95% interval excludes 0."""
    low, high = row.get("ci_low"), row.get("ci_high")
    if low is None or high is None:
        return "none"
    return "up" if low > 0 else "down" if high < 0 else "none"


def _interval(row: Mapping[str, Any], lang: str) -> dict[str, str]:
    return {"lo": num(row["ci_low"], 2, lang), "hi": num(row["ci_high"], 2, lang)}


def accuracy_points(acc: Mapping[str, Any], lang: str = "en") -> list[str]:
    """Sample, bias, tracking and projection in plain words, then the caveat."""
    bias, force, similar = acc["directional_bias"], acc["truth_force"], acc["assumed_similarity"]
    way = _direction(bias)
    shown = abs(bias["estimate"]) if way != "none" else bias["estimate"]
    sd = math.sqrt(max(float(acc["truth_force_variance"]), 0.0))
    spread = words("spread", lang, sd=num(sd, 2, lang)) if sd >= 0.05 else words(
        "spread_none", lang)
    return [
        words("sample_acc", lang, n_obs=acc["n_obs"], n_dyads=acc["n_dyads"],
              n_coaches=acc.get("n_coaches", "?")),
        words(f"bias_{way}", lang, b=num(shown, 2, lang), **_interval(bias, lang)),
        words("force", lang, f=num(force["estimate"], 2, lang), spread=spread,
              **_interval(force, lang)),
        words("similarity", lang, s=num(similar["estimate"], 2, lang), **_interval(similar, lang)),
        words("caveat_acc", lang),
    ]


def accuracy_line(acc: Mapping[str, Any], lang: str = "en") -> str | None:
    """One line for the /report summary; None when the model is missing or withheld."""
    if "directional_bias" not in acc:
        return None
    bias = acc["directional_bias"]
    way = _direction(bias)
    return words("line_acc", lang, n_obs=acc["n_obs"], n_dyads=acc["n_dyads"],
                 bias=words(f"line_{way}", lang, b=num(abs(bias["estimate"]), 2, lang)),
                 f=num(acc["truth_force"]["estimate"], 2, lang),
                 s=num(acc["assumed_similarity"]["estimate"], 2, lang))


def mood_points(mood: Mapping[str, Any], lang: str = "en") -> list[str]:
    """Sample, the within- and between-dyad readings, then the caveat."""
    within, between = mood["fixed"]["mood_within"], mood["fixed"]["mood_between"]
    w_way, b_way = _direction(within), _direction(between)
    w = abs(within["estimate"]) if w_way != "none" else within["estimate"]
    b = abs(between["estimate"]) if b_way != "none" else between["estimate"]
    return [
        words("sample_mood", lang, n_obs=mood["n_obs"], n_dyads=mood["n_dyads"]),
        words(f"within_{w_way}", lang, w=num(w, 2, lang), **_interval(within, lang)),
        words(f"between_{b_way}", lang, b=num(b, 2, lang), m=num(mood["mood_mean"], 1, lang),
              **_interval(between, lang)),
        words("caveat_mood", lang),
    ]


def mood_line(mood: Mapping[str, Any], lang: str = "en") -> str | None:
    """One line for the /report summary; None when the model is missing or withheld."""
    if "fixed" not in mood:
        return None
    way = _direction(mood["fixed"]["mood_within"])
    return words("line_mood", lang, n_obs=mood["n_obs"], n_dyads=mood["n_dyads"],
                 within=words(f"line_mood_{way}", lang))


def summary_lines(analysis: Mapping[str, Any], lang: str = "en") -> list[str]:
    """The /report summary's bullet for each coach model the analysis has figures for."""
    lines = (accuracy_line(analysis.get("accuracy") or {}, lang),
             mood_line(analysis.get("mood") or {}, lang))
    return [f"• {line}" for line in lines if line]
