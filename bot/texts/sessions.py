"""Texts for logging, reporting, confirming and scheduling sessions, and for dates."""

EN = {
    "session.no_dyads": "You have no active coaching pair in a running program.",
    "session.pick_coachee": "Which coachee was the session with?",
    "session.logged": "Session {sequence} with {coachee} is logged. {checkins}",
    "session.checkins_now": "Your check-in follows; {coachee} receives theirs now too.",
    "session.checkins_coach_later": "Your check-in comes at {mine}, after your quiet hours; "
    "{coachee} receives theirs now.",
    "session.checkins_coachee_later": "Your check-in follows; {coachee} receives theirs at "
    "{theirs}, after their quiet hours.",
    "session.checkins_later": "Your check-in comes at {mine} and {coachee}'s at {theirs}, "
    "after the quiet hours.",
    "session.duplicate": "You already logged a session with {coachee} at {time}. "
    "Was this another session?",
    "session.button.another": "Yes, another session",
    "session.button.already": "No, already logged",
    "session.not_duplicated": "All right: nothing new was logged.",
    "session.confirm_log": "A session with {coachee} that just ended?",
    "session.button.log_yes": "Yes, log it",
    "session.button.undo": "Undo",
    "session.undone": "Undone: the session with {coachee} is no longer logged, and its "
    "check-ins not answered yet are withdrawn.",
    "session.undo_too_late": "Too late to undo: a session can be undone for {minutes} minutes "
    "after it is logged.",
    "session.undo_not_possible": "This session was reported or planned, so it cannot be undone "
    "here.",
    "session.coachee_undone": "{coach} logged a session with you by mistake and took it back: "
    "no check-in is needed this time.",
    "session.already_logged": "That session is already logged.",
    "session.reported": "Thank you! I asked {coach} to confirm the session; you will both "
    "receive the check-in then.",
    "session.reported_later": "Thank you! I will ask {coach} to confirm the session at {when}, "
    "after their quiet hours; you will both receive the check-in then.",
    "session.recently_logged": "{coach} already logged a session with you at {time}; your "
    "check-in is on its way.",
    "session.recently_logged_later": "{coach} already logged a session with you at {time}; "
    "your check-in comes at {when}, after your quiet hours.",
    "session.recently_logged_answered": "{coach} already logged a session with you at {time}, "
    "and you have answered its check-in. Thank you!",
    "session.recently_logged_closed": "{coach} already logged a session with you at {time}; "
    "its check-in has closed. After your next session, {coach} can log it, or you can send "
    "/session.",
    "session.awaiting": "I have already asked {coach} to confirm your session.",
    "session.awaiting_outcome": "Your session with {coach} was planned for {when}. Once it "
    "ends, I ask {coach} whether it took place; you will both receive the check-in then.",
    "session.coachee_confirm_unanswered": "{coach} did not answer whether your session took "
    "place, so there is no check-in for it. After your next session, send /session again.",
    "session.coachee_outcome_unconfirmed": "{coach} did not say whether your planned session "
    "took place, so there is no check-in for it. After your next session, send /session again.",
    "session.coachee_planned_not_held": "{coach} says your planned session did not take place, "
    "so there is no check-in for it.",
    "session.confirm_question": "{coachee} says you just had a coaching session together. "
    "Did it take place?",
    "session.button.confirm_yes": "Yes, it took place",
    "session.button.confirm_no": "No",
    "session.not_confirmed": "Noted: no session was logged.",
    "session.coachee_not_confirmed": "{coach} did not confirm a session just now, so there is "
    "no check-in this time.",
    "session.outcome_question": "Your session with {coachee} was planned for {when}. "
    "Did it take place?",
    "session.button.held": "It took place",
    "session.button.cancelled": "Cancelled",
    "session.button.moved": "Moved",
    "session.outcome_cancelled": "Noted: the session of {when} with {coachee} was cancelled.",
    "session.outcome_now.held": "Noted: the session of {when} with {coachee} took place "
    "(session {sequence}); its check-ins were sent.",
    "session.outcome_now.moved": "Noted: the session of {when} with {coachee} was moved. If "
    "the new one is not planned yet, send /schedule.",
    "session.outcome_now.asked_again": "The session of {when} with {coachee}: this question "
    "was asked again below; please answer it there.",
    "session.outcome_now.closed": "The session of {when} with {coachee}: this question has "
    "closed, so the session has no check-in. After your next session, send /session.",
    "session.someone": "your coachee",
    "session.your_coach": "your coach",
    "schedule.only_coaches": "Only coaches schedule sessions. If you just had a session with "
    "your coach, send /session.",
    "schedule.pick_coachee": "Who is the session with?",
    "schedule.pick_day": "Session with {coachee}: pick the day ({timezone} time).",
    "schedule.moved_pick_day": "Noted: the session of {when} was moved. When is the new one? "
    "Pick the day ({timezone} time).",
    "schedule.pick_time": "Session with {coachee} on {day}: pick the start time "
    "({timezone}).",
    "schedule.pick_duration": "Session with {coachee} on {day} at {time}: how long?",
    "schedule.minutes": "{minutes} min",
    "schedule.done": "Scheduled: session with {coachee} on {when} to {end} ({timezone}). "
    "After it ends I will ask you whether it took place.",
    "schedule.cancelled": "Scheduling cancelled.",
    "schedule.past": "That time is no longer available; please pick again.",
    "date.day": "{weekday} {day} {month}",
    "date.moment": "{weekday} {day} {month}, {time}",
    "weekday.0": "Mon",
    "weekday.1": "Tue",
    "weekday.2": "Wed",
    "weekday.3": "Thu",
    "weekday.4": "Fri",
    "weekday.5": "Sat",
    "weekday.6": "Sun",
    "month.1": "Jan",
    "month.2": "Feb",
    "month.3": "Mar",
    "month.4": "Apr",
    "month.5": "May",
    "month.6": "Jun",
    "month.7": "Jul",
    "month.8": "Aug",
    "month.9": "Sep",
    "month.10": "Oct",
    "month.11": "Nov",
    "month.12": "Dec",
}

FR = {
    "session.no_dyads": "Vous n'avez aucun duo de coaching actif dans un programme en cours.",
    "session.pick_coachee": "Avec quelle personne coachée était la séance?",
    "session.logged": "La séance {sequence} avec {coachee} est enregistrée. {checkins}",
    "session.checkins_now": "Votre bilan suit; {coachee} reçoit aussi le sien maintenant.",
    "session.checkins_coach_later": "Votre bilan arrive à {mine}, après vos heures de "
    "silence; {coachee} reçoit le sien maintenant.",
    "session.checkins_coachee_later": "Votre bilan suit; {coachee} reçoit le sien à {theirs}, "
    "après ses heures de silence.",
    "session.checkins_later": "Votre bilan arrive à {mine}, et celui de {coachee} à {theirs}, "
    "après les heures de silence.",
    "session.duplicate": "Vous avez déjà enregistré une séance avec {coachee} à {time}. "
    "S'agit-il d'une autre séance?",
    "session.button.another": "Oui, une autre séance",
    "session.button.already": "Non, déjà enregistrée",
    "session.not_duplicated": "D'accord : rien de nouveau n'a été enregistré.",
    "session.confirm_log": "Une séance avec {coachee} qui vient de se terminer?",
    "session.button.log_yes": "Oui, l'enregistrer",
    "session.button.undo": "Retirer la séance",
    "session.undone": "C'est fait : la séance avec {coachee} est retirée, et ses bilans pas "
    "encore remplis sont annulés.",
    "session.undo_too_late": "Trop tard pour la retirer : une séance peut être retirée pendant "
    "{minutes} minutes après son enregistrement.",
    "session.undo_not_possible": "Cette séance a été signalée ou prévue; elle ne peut pas être "
    "retirée ici.",
    "session.coachee_undone": "{coach} a enregistré une séance avec vous par erreur et l'a "
    "retirée : pas de bilan cette fois.",
    "session.already_logged": "Cette séance est déjà enregistrée.",
    "session.reported": "Merci! J'ai demandé à {coach} de confirmer la séance; vous recevrez "
    "tous deux le bilan ensuite.",
    "session.reported_later": "Merci! Je demanderai à {coach} de confirmer la séance à {when}, "
    "après ses heures de silence; vous recevrez tous deux le bilan ensuite.",
    "session.recently_logged": "{coach} a déjà enregistré une séance avec vous à {time}; votre "
    "bilan arrive.",
    "session.recently_logged_later": "{coach} a déjà enregistré une séance avec vous à {time}; "
    "votre bilan arrive à {when}, après vos heures de silence.",
    "session.recently_logged_answered": "{coach} a déjà enregistré une séance avec vous à "
    "{time}, et vous avez répondu à son bilan. Merci!",
    "session.recently_logged_closed": "{coach} a déjà enregistré une séance avec vous à {time}; "
    "son bilan est maintenant fermé. Après votre prochaine séance, {coach} pourra "
    "l'enregistrer, ou vous pourrez envoyer /session.",
    "session.awaiting": "J'ai déjà demandé à {coach} de confirmer votre séance.",
    "session.awaiting_outcome": "Votre séance avec {coach} était prévue le {when}. Une fois "
    "terminée, je demande à {coach} si elle a eu lieu; vous recevrez tous deux le bilan "
    "ensuite.",
    "session.coachee_confirm_unanswered": "{coach} n'a pas répondu à la question sur votre "
    "séance; il n'y a donc pas de bilan pour celle-ci. Après votre prochaine séance, envoyez "
    "de nouveau /session.",
    "session.coachee_outcome_unconfirmed": "{coach} n'a pas indiqué si votre séance prévue a "
    "eu lieu; il n'y a donc pas de bilan pour celle-ci. Après votre prochaine séance, envoyez "
    "de nouveau /session.",
    "session.coachee_planned_not_held": "{coach} indique que votre séance prévue n'a pas eu "
    "lieu; il n'y a donc pas de bilan pour celle-ci.",
    "session.confirm_question": "{coachee} indique que vous venez d'avoir une séance de "
    "coaching ensemble. A-t-elle eu lieu?",
    "session.button.confirm_yes": "Oui, elle a eu lieu",
    "session.button.confirm_no": "Non",
    "session.not_confirmed": "C'est noté : aucune séance n'a été enregistrée.",
    "session.coachee_not_confirmed": "{coach} n'a pas confirmé de séance à l'instant; il n'y "
    "a donc pas de bilan cette fois.",
    "session.outcome_question": "Votre séance avec {coachee} était prévue le {when}. "
    "A-t-elle eu lieu?",
    "session.button.held": "Elle a eu lieu",
    "session.button.cancelled": "Annulée",
    "session.button.moved": "Déplacée",
    "session.outcome_cancelled": "C'est noté : la séance du {when} avec {coachee} a été "
    "annulée.",
    "session.outcome_now.held": "C'est noté : la séance du {when} avec {coachee} a eu lieu "
    "(séance {sequence}); ses bilans ont été envoyés.",
    "session.outcome_now.moved": "C'est noté : la séance du {when} avec {coachee} a été "
    "déplacée. Si la nouvelle n'est pas encore planifiée, envoyez /schedule.",
    "session.outcome_now.asked_again": "La séance du {when} avec {coachee} : cette question a "
    "été reposée plus bas; veuillez y répondre là.",
    "session.outcome_now.closed": "La séance du {when} avec {coachee} : cette question est "
    "fermée, la séance n'a donc pas de bilan. Après votre prochaine séance, envoyez /session.",
    "session.someone": "la personne coachée",
    "session.your_coach": "votre coach",
    "schedule.only_coaches": "Seuls les coachs planifient les séances. Si vous venez d'avoir "
    "une séance avec votre coach, envoyez /session.",
    "schedule.pick_coachee": "Avec qui est la séance?",
    "schedule.pick_day": "Séance avec {coachee} : choisissez le jour (heure de {timezone}).",
    "schedule.moved_pick_day": "C'est noté : la séance du {when} a été déplacée. Quand a lieu "
    "la nouvelle? Choisissez le jour (heure de {timezone}).",
    "schedule.pick_time": "Séance avec {coachee} le {day} : choisissez l'heure de début "
    "({timezone}).",
    "schedule.pick_duration": "Séance avec {coachee} le {day} à {time} : quelle durée?",
    "schedule.minutes": "{minutes} min",
    "schedule.done": "Planifiée : séance avec {coachee} le {when} jusqu'à {end} ({timezone}). "
    "Après la séance, je vous demanderai si elle a eu lieu.",
    "schedule.cancelled": "Planification annulée.",
    "schedule.past": "Ce moment n'est plus disponible; veuillez choisir de nouveau.",
    "date.day": "{weekday} {day} {month}",
    "date.moment": "{weekday} {day} {month}, {time}",
    "weekday.0": "lun.",
    "weekday.1": "mar.",
    "weekday.2": "mer.",
    "weekday.3": "jeu.",
    "weekday.4": "ven.",
    "weekday.5": "sam.",
    "weekday.6": "dim.",
    "month.1": "janv.",
    "month.2": "févr.",
    "month.3": "mars",
    "month.4": "avr.",
    "month.5": "mai",
    "month.6": "juin",
    "month.7": "juil.",
    "month.8": "août",
    "month.9": "sept.",
    "month.10": "oct.",
    "month.11": "nov.",
    "month.12": "déc.",
}
