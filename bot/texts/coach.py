"""Texts of /mystats, the coach's own trends."""

EN = {
    "mystats.only_coaches": "/mystats shows a coach's own trends; it is for coaches.",
    "mystats.title": "Your coaching so far",
    "mystats.counts": "Active coachees: {coachees}\nSessions logged: {sessions}\n"
    "Your check-ins answered: {answered} of {sent}",
    "mystats.own_trend": "Your own alliance ratings (0–10), by month:",
    "mystats.own_month": "• {month}: {mean} ({count} check-ins)",
    "mystats.no_ratings": "No check-ins answered yet.",
    "mystats.nudges": "Verify-with-your-coachee suggestions received: {total} "
    "(talked: {talked}, will ask: {will_ask}, not now: {not_now}, open: {pending})",
    "mystats.reading": "How you read your coachees (over {n} sessions where you guessed their "
    "rating and they answered; a direction only, never their answers):",
    "mystats.bias.higher": "• Your guesses tend to be higher than your coachees' own ratings: the "
    "work may feel less positive to them than you think.",
    "mystats.bias.lower": "• Your guesses tend to be lower than your coachees' own ratings: the "
    "work may be going better for them than you think.",
    "mystats.bias.close": "• Your guesses are close to your coachees' ratings on average, with no "
    "clear lean up or down.",
    "mystats.tracking.closely": "• When a session goes better or worse for them, your guesses "
    "follow closely.",
    "mystats.tracking.partly": "• When a session goes better or worse for them, your guesses "
    "follow partly.",
    "mystats.tracking.hardly": "• When a session goes better or worse for them, your guesses "
    "hardly follow; asking them directly may tell you more.",
    "mystats.tracking.steady": "• Their ratings have hardly moved from session to session, so "
    "there are no ups and downs to follow yet.",
    "mystats.reading_wait": "How you read your coachees appears after {min} sessions where you "
    "guessed their rating and they answered (so far: {n}).",
    "mystats.mood.higher": "Your mood: on days you felt better before a session, your coachees "
    "tended to rate the session higher ({n} sessions).",
    "mystats.mood.lower": "Your mood: on days you felt better before a session, your coachees "
    "tended to rate the session lower ({n} sessions).",
    "mystats.mood.none": "Your mood: no clear link so far between your mood before a session and "
    "how your coachees rated it ({n} sessions).",
    "mystats.mood_wait": "Your mood pattern appears after {min} sessions with a mood answer and "
    "your coachee's check-in (so far: {n}).",
    "mystats.patterns_note": "Simple estimates pooled over all your sessions: observational, for "
    "your reflection, not a score.",
    "mystats.note": "These are your own ratings and actions, for your reflection. Your "
    "coachees' answers stay private, and none of this is a performance score.",
}

FR = {
    "mystats.only_coaches": "/mystats montre les tendances d'un·e coach; cette commande est "
    "réservée aux coachs.",
    "mystats.title": "Votre accompagnement jusqu'ici",
    "mystats.counts": "Personnes coachées actives : {coachees}\nSéances consignées : "
    "{sessions}\nVos bilans remplis : {answered} sur {sent}",
    "mystats.own_trend": "Vos propres cotes d'alliance (0–10), par mois :",
    "mystats.own_month": "• {month} : {mean} ({count} bilans)",
    "mystats.no_ratings": "Aucun bilan rempli pour l'instant.",
    "mystats.nudges": "Suggestions de vérifier auprès de la personne coachée reçues : {total} "
    "(on en a parlé : {talked}, je vais demander : {will_ask}, pas maintenant : {not_now}, "
    "en suspens : {pending})",
    "mystats.reading": "Comment vous lisez vos coachés (sur {n} séances où vous avez estimé leur "
    "note et où ils ont répondu; une tendance seulement, jamais leurs réponses) :",
    "mystats.bias.higher": "• Vos estimations ont tendance à dépasser les notes de vos coachés : "
    "le travail leur paraît peut-être moins positif que vous ne le pensez.",
    "mystats.bias.lower": "• Vos estimations ont tendance à être sous les notes de vos coachés : "
    "le travail se passe peut-être mieux pour eux que vous ne le pensez.",
    "mystats.bias.close": "• Vos estimations sont en moyenne proches des notes de vos coachés, "
    "sans tendance nette vers le haut ou le bas.",
    "mystats.tracking.closely": "• Quand une séance se passe mieux ou moins bien pour eux, vos "
    "estimations suivent de près.",
    "mystats.tracking.partly": "• Quand une séance se passe mieux ou moins bien pour eux, vos "
    "estimations suivent en partie.",
    "mystats.tracking.hardly": "• Quand une séance se passe mieux ou moins bien pour eux, vos "
    "estimations suivent peu; le leur demander directement peut vous en apprendre plus.",
    "mystats.tracking.steady": "• Leurs notes ont peu varié d'une séance à l'autre : pas encore "
    "de hauts et de bas à suivre.",
    "mystats.reading_wait": "Votre lecture de vos coachés apparaîtra après {min} séances où vous "
    "avez estimé leur note et où ils ont répondu (jusqu'ici : {n}).",
    "mystats.mood.higher": "Votre humeur : les jours où vous vous sentiez mieux avant une séance, "
    "vos coachés tendaient à mieux la noter ({n} séances).",
    "mystats.mood.lower": "Votre humeur : les jours où vous vous sentiez mieux avant une séance, "
    "vos coachés tendaient à moins bien la noter ({n} séances).",
    "mystats.mood.none": "Votre humeur : pas de lien net jusqu'ici entre votre humeur avant une "
    "séance et la note de vos coachés ({n} séances).",
    "mystats.mood_wait": "Votre profil d'humeur apparaîtra après {min} séances avec une réponse "
    "d'humeur et le bilan de la personne coachée (jusqu'ici : {n}).",
    "mystats.patterns_note": "Estimations simples sur l'ensemble de vos séances : des données "
    "d'observation, pour votre réflexion, pas une évaluation.",
    "mystats.note": "Ce sont vos propres cotes et actions, pour votre réflexion. Les réponses "
    "des personnes coachées restent confidentielles, et rien de ceci n'est une évaluation de "
    "votre performance.",
}
