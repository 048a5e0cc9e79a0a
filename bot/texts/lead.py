"""Program leads: creating programs, invitations, participation, closing."""

EN = {
    "lead.not_lead": "Only a program lead can do this.",
    "lead.program_closed": "This program is closed.",
    "lead.role": "Invitations made here are for coaches and coachees.",
    "lead.no_open_program": "None of your programs is open. Start one with /newprogram.",
    "lead.pick_program": "Which program?",
    "lead.cancelled": "Cancelled.",
    "lead.step_over": "That step is over; this button no longer does anything.",
    "lead.what_a_lead_sees": "As its lead you see totals only: participation, the alliance "
    "trajectories of the whole program and /report. You never see anyone's answers or "
    "comments, and any figure over fewer than 5 pairs is hidden.",
    "lead.draft_gone": "That step has expired. Please start again from the command.",
    "lead.ask_program_name": "What is the new program called? Send its name.",
    "lead.bad_name": "Please send a name of 1 to {limit} characters.",
    "lead.ask_timezone": "Which time zone does the program run in? Tap one, or send its name "
    "(for example America/Regina).",
    "lead.bad_timezone": "I don't know that time zone. Tap one of the buttons, or send a name "
    "like America/Toronto.",
    "lead.ask_dates": "When does it run? Tap below to start today and run about 8 months, or "
    "send the start and end dates, for example 2027-02-01 2027-09-30.",
    "lead.dates_default": "Start today, about 8 months",
    "lead.bad_dates": "Please send two dates, start then end, like 2027-02-01 2027-09-30 (the "
    "end after the start).",
    "lead.program_created": "Program “{program}” created ({timezone}, {start} → {end}). You "
    "are its lead. Invite coaches and coachees with /invite.",
    "lead.ask_role": "Invite someone to “{program}” as:",
    "lead.no_coach_yet": "Invite a coach first: each coachee is paired with a coach of the "
    "program.",
    "lead.ask_invitee_name": "What is the name of the {role}? Send it as you want it to appear.",
    "lead.ask_coach": "Who will coach {name}?",
    "lead.invite_failed": "I could not create that invitation. Please start again with /invite.",
    "lead.invite_link": "Invitation for {name} ({role}) in “{program}”:\n\n{link}\n\n"
    "Send this link to {name} privately. It works once and expires on {expires}.",
    "lead.close_confirm": "Close “{program}”? Coachees then get the final confidence "
    "questionnaire and coaches an end-of-program rating, right away. This cannot be undone.",
    "lead.close_yes": "Close the program",
    "lead.closed": "“{program}” is closed. Sent out now: {final} final questionnaire(s) to "
    "coachees and {ratings} end-of-program rating(s) to coaches.",
    "lead.state_active": "open",
    "lead.state_closed": "closed",
    "lead.status_title": "Participation in “{program}” ({state})\n",
    "lead.status_people": "Enrolled: {leads} lead(s), {coaches} coach(es), {coachees} "
    "coachee(s); {invited} invitation(s) not accepted yet. Coach–coachee pairs: {dyads}.",
    "lead.status_checkins": "Check-ins: {tally}",
    "lead.status_by_coachee": "• from coachees: {tally}",
    "lead.status_by_coach": "• from coaches: {tally}",
    "lead.status_tally": "{asked} sent, {answered} answered, {expired} expired, {waiting} "
    "waiting (response rate {rate})",
    "lead.percent": "{value}%",
    "lead.status_hidden": "hidden (fewer than {min} pairs)",
    "lead.status_nudges": "Nudges sent to coaches: {sent}. Outcomes: {outcomes}",
    "lead.status_nudges_hidden": "Nudges to coaches: hidden. They come from comparing the "
    "coach's and the coachee's ratings, and fewer than {min} pairs have been compared so far.",
    "lead.status_unconfirmed": "Scheduled sessions never confirmed (asked twice, no answer): "
    "{count}",
    "lead.status_outcomes": "“I'll ask” {will_ask}, “we talked” {talked}, “not now” "
    "{not_now}, no answer yet {pending}.",
    "lead.status_footer": "\nTotals only: nothing is shown per person, and any breakdown over "
    "fewer than {min} pairs is hidden.",
}

FR = {
    "lead.not_lead": "Seule une personne responsable de programme peut faire cela.",
    "lead.program_closed": "Ce programme est terminé.",
    "lead.role": "Les invitations faites ici sont pour les coachs et les personnes coachées.",
    "lead.no_open_program": "Aucun de vos programmes n'est en cours. Créez-en un avec "
    "/newprogram.",
    "lead.pick_program": "Quel programme?",
    "lead.cancelled": "Annulé.",
    "lead.step_over": "Cette étape est terminée; ce bouton ne fait plus rien.",
    "lead.what_a_lead_sees": "À titre de responsable, vous ne voyez que des totaux : la "
    "participation, les trajectoires de l'alliance de l'ensemble du programme et /report. "
    "Vous ne voyez jamais les réponses ni les commentaires de qui que ce soit, et tout chiffre "
    "portant sur moins de 5 duos est masqué.",
    "lead.draft_gone": "Cette étape a expiré. Veuillez recommencer à partir de la commande.",
    "lead.ask_program_name": "Quel est le nom du nouveau programme? Envoyez-le.",
    "lead.bad_name": "Veuillez envoyer un nom de 1 à {limit} caractères.",
    "lead.ask_timezone": "Dans quel fuseau horaire le programme se déroule-t-il? Touchez-en un, "
    "ou envoyez son nom (par exemple America/Regina).",
    "lead.bad_timezone": "Je ne connais pas ce fuseau horaire. Touchez un des boutons, ou "
    "envoyez un nom comme America/Toronto.",
    "lead.ask_dates": "Quand se déroule-t-il? Touchez ci-dessous pour commencer aujourd'hui "
    "pour environ 8 mois, ou envoyez les dates de début et de fin, par exemple "
    "2027-02-01 2027-09-30.",
    "lead.dates_default": "Dès aujourd'hui, environ 8 mois",
    "lead.bad_dates": "Veuillez envoyer deux dates, le début puis la fin, comme "
    "2027-02-01 2027-09-30 (la fin après le début).",
    "lead.program_created": "Programme « {program} » créé ({timezone}, {start} → {end}). Vous "
    "en êtes responsable. Invitez les coachs et les personnes coachées avec /invite.",
    "lead.ask_role": "Inviter une personne dans « {program} » à titre de :",
    "lead.no_coach_yet": "Invitez d'abord un coach : chaque personne coachée est jumelée à un "
    "coach du programme.",
    "lead.ask_invitee_name": "Quel est le nom de la personne ({role})? Envoyez-le tel qu'il "
    "doit apparaître.",
    "lead.ask_coach": "Qui sera le coach de {name}?",
    "lead.invite_failed": "Je n'ai pas pu créer cette invitation. Veuillez recommencer avec "
    "/invite.",
    "lead.invite_link": "Invitation pour {name} ({role}) dans « {program} » :\n\n{link}\n\n"
    "Envoyez ce lien à {name} en privé. Il ne fonctionne qu'une fois et expire le {expires}.",
    "lead.close_confirm": "Terminer « {program} »? Les personnes coachées reçoivent alors le "
    "questionnaire final sur la confiance et les coachs une évaluation de fin de programme, "
    "immédiatement. Cette action est irréversible.",
    "lead.close_yes": "Terminer le programme",
    "lead.closed": "« {program} » est terminé. Envoyés maintenant : {final} questionnaire(s) "
    "final(s) aux personnes coachées et {ratings} évaluation(s) de fin de programme aux coachs.",
    "lead.state_active": "en cours",
    "lead.state_closed": "terminé",
    "lead.status_title": "Participation dans « {program} » ({state})\n",
    "lead.status_people": "Inscrits : {leads} responsable(s), {coaches} coach(s), {coachees} "
    "personne(s) coachée(s); {invited} invitation(s) pas encore acceptée(s). Duos "
    "coach–personne coachée : {dyads}.",
    "lead.status_checkins": "Bilans : {tally}",
    "lead.status_by_coachee": "• des personnes coachées : {tally}",
    "lead.status_by_coach": "• des coachs : {tally}",
    "lead.status_tally": "{asked} envoyés, {answered} répondus, {expired} expirés, {waiting} "
    "en attente (taux de réponse {rate})",
    "lead.percent": "{value} %",
    "lead.status_hidden": "masqué (moins de {min} duos)",
    "lead.status_nudges": "Suggestions envoyées aux coachs : {sent}. Suites : {outcomes}",
    "lead.status_nudges_hidden": "Suggestions aux coachs : masquées. Elles viennent de la "
    "comparaison des évaluations du coach et de la personne coachée, et moins de {min} duos "
    "ont été comparés jusqu'ici.",
    "lead.status_unconfirmed": "Séances planifiées jamais confirmées (demandé deux fois, sans "
    "réponse) : {count}",
    "lead.status_outcomes": "« Je vais lui demander » {will_ask}, « On en a parlé » {talked}, "
    "« Pas maintenant » {not_now}, sans réponse {pending}.",
    "lead.status_footer": "\nTotaux seulement : rien n'est montré par personne, et toute "
    "ventilation portant sur moins de {min} duos est masquée.",
}
