"""Help by role, and the one-line descriptions shown in Telegram's command menu."""

EN = {
    "command.start": "How to join a program",
    "command.help": "What I can do for you",
    "command.language": "Choose English or French",
    "command.timezone": "Your time zone",
    "command.newprogram": "Create a program",
    "command.invite": "Invite a coach or a coachee",
    "command.invites": "Invitations: their state, resend or revoke a link",
    "command.people": "Fix a name, or give a coachee another coach",
    "command.settings": "Reminders, closing, quiet hours and modules of a program",
    "command.status": "Participation in your program",
    "command.close": "Close a program and send the final questionnaires",
    "command.report": "The program's analysis: summary and PDF, totals only",
    "command.session": "Log a coaching session that just ended",
    "command.schedule": "Plan a coaching session",
    "command.mystats": "Your own trends as a coach",
    "command.pause": "Pause your participation",
    "command.resume": "Resume your participation",
    "command.mydata": "Get everything stored about you",
    "command.forget": "Erase your data",
    "help.stranger": "I'm Coach Alliance: after each coaching session I ask the coach and the "
    "coachee the same short check-in, so the coach can verify how the work feels on the other "
    "side.\n\nTo join, open the invitation link your program lead sent you.\n\n"
    "/language chooses English or French.",
    "help.intro": "Here is what you can do.",
    "help.lead": "As a program lead:\n"
    "/newprogram: create a program (name, time zone, dates)\n"
    "/invite: get a one-time invitation link for a coach or a coachee\n"
    "/invites: the invitations and their state; send a fresh link or revoke one\n"
    "/people: fix someone's name, or give a coachee another coach\n"
    "/settings: reminder delay, closing delay, quiet hours and optional modules\n"
    "/status: participation in your program (totals only)\n"
    "/report: the analysis so far or at the end: a summary and a PDF, totals only\n"
    "/close: close the program; coachees get the final questionnaire, coaches an "
    "end-of-program rating",
    "help.coach": "As a coach:\n"
    "/session: log a session that just ended, so you and your coachee get the check-in\n"
    "/schedule: plan a session ahead\n"
    "/mystats: your own trends (never your coachees' answers)\n"
    "When your view and your coachee's may differ, I suggest a way to check in with them; "
    "I never show you their answers.",
    "help.coachee": "As a coachee:\n"
    "/session: tell me you just had a session; your coach confirms it\n"
    "After each session you get a 30-second check-in, answered with buttons, and a confidence "
    "questionnaire at the start and at the end of the program. Your coach never sees your "
    "answers; a comment is shared only if you choose to share it.",
    "help.everyone": "For everyone:\n"
    "/pause and /resume: stop and restart the questions\n"
    "/language: English or French\n"
    "/timezone: the time zone your times and quiet hours are in\n"
    "/mydata: a file with everything stored about you\n"
    "/forget: erase your data\n"
    "/help: this message",
    "help.confidential": "Your program lead sees totals only, never anyone's answers. The "
    "ratings are for development, never a score of a coach's performance.",
}

FR = {
    "command.start": "Comment se joindre à un programme",
    "command.help": "Ce que je peux faire pour vous",
    "command.language": "Choisir le français ou l'anglais",
    "command.timezone": "Votre fuseau horaire",
    "command.newprogram": "Créer un programme",
    "command.invite": "Inviter un coach ou une personne coachée",
    "command.invites": "Invitations : leur état, renvoyer ou retirer un lien",
    "command.people": "Corriger un nom, ou donner un autre coach à une personne coachée",
    "command.settings": "Rappels, fermeture, heures de silence et modules d'un programme",
    "command.status": "Participation dans votre programme",
    "command.close": "Terminer un programme et envoyer les questionnaires de fin",
    "command.report": "L'analyse du programme : résumé et PDF, totaux seulement",
    "command.session": "Inscrire une séance de coaching qui vient de finir",
    "command.schedule": "Planifier une séance de coaching",
    "command.mystats": "Vos propres tendances comme coach",
    "command.pause": "Mettre votre participation en pause",
    "command.resume": "Reprendre votre participation",
    "command.mydata": "Obtenir tout ce qui est conservé à votre sujet",
    "command.forget": "Effacer vos données",
    "help.stranger": "Je suis Coach Alliance : après chaque séance de coaching, je pose au "
    "coach et à la personne coachée le même court bilan, pour que le coach puisse vérifier "
    "comment le travail est vécu de l'autre côté.\n\nPour vous joindre à un programme, ouvrez "
    "le lien d'invitation envoyé par la personne responsable de votre programme.\n\n"
    "/language permet de choisir le français ou l'anglais.",
    "help.intro": "Voici ce que vous pouvez faire.",
    "help.lead": "À titre de responsable de programme :\n"
    "/newprogram : créer un programme (nom, fuseau horaire, dates)\n"
    "/invite : obtenir un lien d'invitation à usage unique pour un coach ou une personne "
    "coachée\n"
    "/invites : les invitations et leur état; envoyer un nouveau lien ou en retirer un\n"
    "/people : corriger le nom d'une personne, ou donner un autre coach à une personne "
    "coachée\n"
    "/settings : délai du rappel, délai de fermeture, heures de silence et modules "
    "facultatifs\n"
    "/status : la participation dans votre programme (totaux seulement)\n"
    "/report : l'analyse en cours ou finale : un résumé et un PDF, totaux seulement\n"
    "/close : terminer le programme; les personnes coachées reçoivent le questionnaire final, "
    "les coachs une évaluation de fin de programme",
    "help.coach": "À titre de coach :\n"
    "/session : inscrire une séance qui vient de finir, pour que vous et la personne coachée "
    "receviez le bilan\n"
    "/schedule : planifier une séance\n"
    "/mystats : vos propres tendances (jamais les réponses des personnes coachées)\n"
    "Quand votre point de vue et celui de la personne coachée pourraient différer, je vous "
    "suggère une façon d'en parler avec elle; je ne vous montre jamais ses réponses.",
    "help.coachee": "À titre de personne coachée :\n"
    "/session : me dire que vous venez d'avoir une séance; votre coach la confirme\n"
    "Après chaque séance, vous recevez un bilan de 30 secondes, à remplir avec des boutons, "
    "ainsi qu'un questionnaire sur la confiance au début et à la fin du programme. Votre coach "
    "ne voit jamais vos réponses; un commentaire n'est partagé que si vous le choisissez.",
    "help.everyone": "Pour tout le monde :\n"
    "/pause et /resume : arrêter et reprendre les questions\n"
    "/language : français ou anglais\n"
    "/timezone : le fuseau horaire de vos heures et de vos heures de silence\n"
    "/mydata : un fichier avec tout ce qui est conservé à votre sujet\n"
    "/forget : effacer vos données\n"
    "/help : ce message",
    "help.confidential": "La personne responsable de votre programme ne voit que des totaux, "
    "jamais les réponses de qui que ce soit. Les évaluations servent au développement, jamais "
    "à noter la performance d'un coach.",
}
