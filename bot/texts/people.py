"""A lead's corrections to the roster: names, and a coachee's coach."""

EN = {
    "people.pick": "Who in “{program}”? Tap a person to rename them or, for a coachee, to "
    "give them another coach.",
    "people.what": "{name} ({roles}). What do you want to change?",
    "people.rename": "Fix the name",
    "people.change_coach": "Give another coach",
    "people.ask_name": "Send the name {name} should have from now on, as it should appear.",
    "people.renamed": "Renamed: {old} is now {new}.",
    "people.no_other_coach": "There is no other coach in this program yet. Invite one with "
    "/invite.",
    "people.ask_coach": "Who should coach {name} from now on? Now: {coach}.",
    "people.move_confirm": "Move {name} from {old} to {new}?\n\nTheir work with {old} ends: "
    "check-ins of that pair still open are closed and sessions planned ahead are cancelled; "
    "what was answered is kept, and stays confidential. {name}, {old} and {new} are told "
    "briefly.",
    "people.move_yes": "Move",
    "people.moved": "Done: {name} now works with {new} (no longer with {old}). All three have "
    "been told.",
    "repair.notice_old_coach": "{coachee} now works with another coach of the program, as the "
    "program lead decided. Their check-ins with you that were still open are closed; nothing "
    "you answered is lost.",
    "repair.notice_new_coach": "{coachee} is now your coachee in the program, as the program "
    "lead decided. Log your sessions with /session as usual.",
    "repair.notice_coachee": "Your coach in the program is now {coach}, as your program lead "
    "decided. Check-ins about sessions with your previous coach that were still open are "
    "closed; your answers so far are kept and stay confidential.",
    "lead.not_member": "This person is not in the program (any more).",
    "lead.not_coachee": "This person has no coach in the program.",
    "lead.not_coach": "This person is not a coach of the program.",
    "lead.same_coach": "This is already their coach.",
}

FR = {
    "people.pick": "Qui dans « {program} »? Touchez une personne pour la renommer ou, pour "
    "une personne coachée, lui donner un autre coach.",
    "people.what": "{name} ({roles}). Que voulez-vous changer?",
    "people.rename": "Corriger le nom",
    "people.change_coach": "Donner un autre coach",
    "people.ask_name": "Envoyez le nom que {name} doit porter désormais, tel qu'il doit "
    "apparaître.",
    "people.renamed": "Renommé : {old} s'appelle maintenant {new}.",
    "people.no_other_coach": "Il n'y a pas encore d'autre coach dans ce programme. Invitez-en "
    "un avec /invite.",
    "people.ask_coach": "Qui sera le coach de {name} désormais? Actuellement : {coach}.",
    "people.move_confirm": "Jumeler {name} avec {new} plutôt qu'avec {old}?\n\nLe travail avec "
    "{old} se termine : les bilans encore ouverts de ce duo sont fermés et les séances "
    "planifiées sont annulées; ce qui a été répondu est conservé et reste confidentiel. "
    "{name}, {old} et {new} en sont brièvement informés.",
    "people.move_yes": "Jumeler",
    "people.moved": "C'est fait : {name} travaille maintenant avec {new} (plus avec {old}). "
    "Les trois personnes en ont été informées.",
    "repair.notice_old_coach": "{coachee} travaille maintenant avec un autre coach du "
    "programme, selon la décision de la personne responsable. Ses bilans avec vous encore "
    "ouverts sont fermés; rien de ce que vous avez répondu n'est perdu.",
    "repair.notice_new_coach": "{coachee} est maintenant une personne que vous coachez dans le "
    "programme, selon la décision de la personne responsable. Inscrivez vos séances avec "
    "/session comme d'habitude.",
    "repair.notice_coachee": "Votre coach dans le programme est maintenant {coach}, selon la "
    "décision de la personne responsable. Les bilans encore ouverts sur les séances avec votre "
    "coach précédent sont fermés; vos réponses sont conservées et restent confidentielles.",
    "lead.not_member": "Cette personne ne fait pas (ou plus) partie du programme.",
    "lead.not_coachee": "Cette personne n'a pas de coach dans le programme.",
    "lead.not_coach": "Cette personne n'est pas coach dans le programme.",
    "lead.same_coach": "C'est déjà son coach.",
}
