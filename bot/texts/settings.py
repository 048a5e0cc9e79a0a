"""A program's settings as a lead changes them in Telegram: reminders, expiry, quiet hours,
optional modules."""

EN = {
    "settings.view": "Settings of “{program}”:\n"
    "• Reminder: {reminder} after a check-in is sent, if unanswered\n"
    "• Check-ins close: {expiry} after they are sent\n"
    "• Quiet hours: {quiet} (in each person's own time zone)\n"
    "• Optional modules:\n{modules}\n\n"
    "Changes apply to what is asked from now on; check-ins already sent keep their times.",
    "settings.hours": "{hours} h",
    "settings.quiet_none": "none",
    "settings.on": "on",
    "settings.off": "off",
    "settings.module.mood": "coach's mood before a scheduled session",
    "settings.module.five_attributes": "mid-program five-attribute check",
    "settings.module.similarity": "coach–coachee similarity in the report",
    "settings.button.reminder": "Reminder delay",
    "settings.button.expiry": "Closing delay",
    "settings.button.quiet": "Quiet hours",
    "settings.button.turn_on": "Turn on: {module}",
    "settings.button.turn_off": "Turn off: {module}",
    "settings.button.back": "Back",
    "settings.button.typed": "Type another value",
    "settings.type_r": "Send the reminder delay in hours, for example 36 or 1.5.",
    "settings.type_e": "Send the closing delay in hours, for example 96.",
    "settings.type_q": "Send the quiet hours as two whole hours, start then end, for example "
    "22-7, or “none”.",
    "settings.bad_r": "Please send a number of hours, for example 36 or 1.5.",
    "settings.bad_e": "Please send a number of hours, for example 96.",
    "settings.bad_q": "Please send two whole hours from 0 to 23, like 22-7, or “none”.",
    "settings.bad_hours": "A delay must be at least {minimum}. Please send another number.",
    "settings.button.done": "Done",
    "settings.ask_reminder": "Remind people who have not answered after how long? Now: "
    "{current}.",
    "settings.ask_expiry": "Close an unanswered check-in after how long? Now: {current}.",
    "settings.ask_quiet": "When should I send nothing? Now: {current}.",
    "settings.changed_reminder": "Changed: the reminder comes after {now} (was {was}).",
    "settings.changed_expiry": "Changed: check-ins close after {now} (was {was}).",
    "settings.changed_quiet": "Changed: quiet hours {now} (was {was}).",
    "settings.changed_module": "Changed: {module} is now {now}.",
    "settings.reminder_before_expiry": "The reminder must come before the check-in closes: "
    "a reminder after {reminder} with check-ins closing after {expiry} is not possible.",
}

FR = {
    "settings.view": "Paramètres de « {program} » :\n"
    "• Rappel : {reminder} après l'envoi d'un bilan, s'il est sans réponse\n"
    "• Fermeture des bilans : {expiry} après leur envoi\n"
    "• Heures de silence : {quiet} (dans le fuseau horaire de chaque personne)\n"
    "• Modules facultatifs :\n{modules}\n\n"
    "Les changements valent pour ce qui est demandé à partir de maintenant; les bilans déjà "
    "envoyés gardent leurs heures.",
    "settings.hours": "{hours} h",
    "settings.quiet_none": "aucune",
    "settings.on": "activé",
    "settings.off": "désactivé",
    "settings.module.mood": "humeur du coach avant une séance planifiée",
    "settings.module.five_attributes": "bilan des cinq attributs à mi-programme",
    "settings.module.similarity": "similarité coach–personne coachée dans le rapport",
    "settings.button.reminder": "Délai du rappel",
    "settings.button.expiry": "Délai de fermeture",
    "settings.button.quiet": "Heures de silence",
    "settings.button.turn_on": "Activer : {module}",
    "settings.button.turn_off": "Désactiver : {module}",
    "settings.button.back": "Retour",
    "settings.button.typed": "Écrire une autre valeur",
    "settings.type_r": "Envoyez le délai du rappel en heures, par exemple 36 ou 1,5.",
    "settings.type_e": "Envoyez le délai de fermeture en heures, par exemple 96.",
    "settings.type_q": "Envoyez les heures de silence en deux heures entières, le début puis "
    "la fin, par exemple 22-7, ou « aucune ».",
    "settings.bad_r": "Veuillez envoyer un nombre d'heures, par exemple 36 ou 1,5.",
    "settings.bad_e": "Veuillez envoyer un nombre d'heures, par exemple 96.",
    "settings.bad_q": "Veuillez envoyer deux heures entières de 0 à 23, comme 22-7, ou "
    "« aucune ».",
    "settings.bad_hours": "Un délai doit être d'au moins {minimum}. Veuillez envoyer un autre "
    "nombre.",
    "settings.button.done": "Terminé",
    "settings.ask_reminder": "Relancer les personnes sans réponse après combien de temps? "
    "Actuellement : {current}.",
    "settings.ask_expiry": "Fermer un bilan sans réponse après combien de temps? "
    "Actuellement : {current}.",
    "settings.ask_quiet": "Quand ne dois-je rien envoyer? Actuellement : {current}.",
    "settings.changed_reminder": "Changé : le rappel vient après {now} (avant : {was}).",
    "settings.changed_expiry": "Changé : les bilans ferment après {now} (avant : {was}).",
    "settings.changed_quiet": "Changé : heures de silence {now} (avant : {was}).",
    "settings.changed_module": "Changé : {module} est maintenant {now}.",
    "settings.reminder_before_expiry": "Le rappel doit venir avant la fermeture du bilan : un "
    "rappel après {reminder} avec des bilans qui ferment après {expiry} n'est pas possible.",
}
