"""Each person's time zone: the question at enrolment, `/timezone`, and how times are labelled."""

EN = {
    "zone.label": "{place} time",
    "zone.at": "{time} ({label})",
    "zone.when": "{moment} ({label})",
    "timezone.question": "One last thing: which time zone do you live in? I show you times in "
    "it, and keep quiet at night there. Right now it is {label}; tap another if you live "
    "elsewhere.",
    "timezone.current": "Your times and quiet hours are in {label} (it is {time} there now). "
    "Tap another zone, or “Other” to type one.",
    "timezone.other": "Other…",
    "timezone.ask_typed": "Send the name of your city or time zone, for example Paris, "
    "New York or Europe/Paris.",
    "timezone.unknown": "I don't know the time zone “{name}”. Nothing changed: your times stay "
    "in {label}. Send a city or zone name (for example Paris or Europe/Paris), or /timezone "
    "to pick one.",
    "timezone.done": "Done: your times and quiet hours are now in {label} (it is {time} "
    "there now).",
    "timezone.waiting": "What is waiting for you comes at {when}, after your quiet hours.",
    "timezone.stranger": "Your time zone is set once you have joined a program with your "
    "invitation link.",
}

FR = {
    "zone.label": "heure de {place}",
    "zone.at": "{time} ({label})",
    "zone.when": "{moment} ({label})",
    "timezone.question": "Une dernière chose : dans quel fuseau horaire vivez-vous? Je vous "
    "montre les heures dans ce fuseau, et je me tais la nuit chez vous. Pour l'instant, c'est "
    "l'{label}; touchez-en un autre si vous vivez ailleurs.",
    "timezone.current": "Vos heures et vos heures de silence sont à l'{label} (il y est {time}). "
    "Touchez un autre fuseau, ou « Autre » pour l'écrire.",
    "timezone.other": "Autre…",
    "timezone.ask_typed": "Envoyez le nom de votre ville ou de votre fuseau horaire, par "
    "exemple Paris, New York ou Europe/Paris.",
    "timezone.unknown": "Je ne connais pas le fuseau horaire « {name} ». Rien n'a changé : vos "
    "heures restent à l'{label}. Envoyez un nom de ville ou de fuseau (par exemple Paris ou "
    "Europe/Paris), ou /timezone pour en choisir un.",
    "timezone.done": "C'est fait : vos heures et vos heures de silence sont maintenant à "
    "l'{label} (il y est {time}).",
    "timezone.waiting": "Ce qui vous attend arrive à {when}, après vos heures de silence.",
    "timezone.stranger": "Votre fuseau horaire se règle une fois que vous vous êtes joint·e à "
    "un programme avec votre lien d'invitation.",
}
