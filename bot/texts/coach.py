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
    "mystats.note": "Ce sont vos propres cotes et actions, pour votre réflexion. Les réponses "
    "des personnes coachées restent confidentielles, et rien de ceci n'est une évaluation de "
    "votre performance.",
}
