"""Nudges to coaches: a concrete way to verify, never a number or an item of the coachee's.

Each text says only that the views may differ (or that a check-in could help), never by how much,
in which direction or on which question, and that check-in ratings are developmental.
"""

EN = {
    "nudge.verify": "A moment to verify, after session {sequence} with {coachee}\n\n"
    "Your check-ins suggest that you and {coachee} may see the work differently. That is "
    "common, and worth checking rather than assuming.\n\n"
    "A concrete way to verify: open your next session by asking, “What has been most useful "
    "in our work so far, and what has been least useful?” Then listen before responding.",
    "nudge.check_in": "A moment to check in, after session {sequence} with {coachee}\n\n"
    "This may be a good time to ask how the coaching feels for {coachee} at the moment.\n\n"
    "A concrete way to do it: at the start of your next session, ask, “How is our work "
    "together feeling for you right now? Is there anything you would like us to do "
    "differently?”",
    "nudge.candid_feedback": "An invitation to candid feedback, after session {sequence} with "
    "{coachee}\n\n"
    "Check-in ratings often sit at the top of the scale, where they say little about what "
    "could be better.\n\n"
    "A concrete way to invite candour: ask, “If you could change one thing about how we work "
    "together, what would it be?”",
    "nudge.footer": "Check-ins are developmental: they are never a score of your performance, "
    "and {coachee}'s answers stay confidential.",
    "nudge.button.will_ask": "I'll ask",
    "nudge.button.talked": "We talked",
    "nudge.button.not_now": "Not now",
    "nudge.noted.will_ask": "Noted: you will ask. Tap “We talked” once you have.",
    "nudge.noted.talked": "Noted: you talked. Thank you!",
    "nudge.noted.not_now": "Noted: not now.",
    "nudge.refused": "This was already noted.",
    "nudge.someone": "your coachee",
}

FR = {
    "nudge.verify": "Un moment pour vérifier, après la séance {sequence} avec {coachee}\n\n"
    "Vos bilans laissent penser que {coachee} et vous voyez peut-être le travail "
    "différemment. C'est courant, et cela vaut la peine de le vérifier plutôt que de le "
    "supposer.\n\n"
    "Une façon concrète de vérifier : ouvrez votre prochaine séance en demandant « Qu'est-ce "
    "qui a été le plus utile dans notre travail jusqu'ici, et le moins utile? » Puis écoutez "
    "avant de répondre.",
    "nudge.check_in": "Un moment pour prendre des nouvelles, après la séance {sequence} avec "
    "{coachee}\n\n"
    "C'est peut-être le bon moment pour demander à {coachee} comment le coaching se vit en ce "
    "moment.\n\n"
    "Une façon concrète de le faire : au début de votre prochaine séance, demandez « Comment "
    "vivez-vous notre travail ensemble en ce moment? Y a-t-il quelque chose que vous "
    "aimeriez que nous fassions autrement? »",
    "nudge.candid_feedback": "Une invitation à un retour franc, après la séance {sequence} "
    "avec {coachee}\n\n"
    "Les notes des bilans restent souvent en haut de l'échelle, où elles disent peu de chose "
    "sur ce qui pourrait être mieux.\n\n"
    "Une façon concrète d'inviter la franchise : demandez « Si vous pouviez changer une chose "
    "dans notre façon de travailler ensemble, laquelle serait-ce? »",
    "nudge.footer": "Les bilans servent au développement : ils ne notent jamais votre "
    "performance, et les réponses de {coachee} restent confidentielles.",
    "nudge.button.will_ask": "Je vais demander",
    "nudge.button.talked": "Nous en avons parlé",
    "nudge.button.not_now": "Pas maintenant",
    "nudge.noted.will_ask": "C'est noté : vous allez demander. Touchez « Nous en avons "
    "parlé » une fois que ce sera fait.",
    "nudge.noted.talked": "C'est noté : vous en avez parlé. Merci!",
    "nudge.noted.not_now": "C'est noté : pas maintenant.",
    "nudge.refused": "C'était déjà noté.",
    "nudge.someone": "la personne coachée",
}
