"""Texts around questionnaires: progress, anchors, comments, reminders, closing, refusals.

The questions themselves come from the instrument files, in the person's language.
"""

EN = {
    "checkin.with_partner": "{title} · session {sequence} with {partner}",
    "checkin.with_partner_only": "{title} · with {partner}",
    "checkin.progress": "Question {current}/{total}",
    "checkin.intro_again": "{count} quick questions, about 30 seconds.",
    "checkin.anchor": "{value} = {label}",
    "checkin.done": "{title}: thank you, your answers are saved.",
    "checkin.comment_offer": "{title}: thank you, your answers are saved.\n\n"
    "Would you like to add a comment? It stays private unless you choose to share it "
    "with your coach.",
    "checkin.button.comment_add": "Add a comment",
    "checkin.button.comment_skip": "Skip",
    "checkin.comment_ask": "Write your comment in one message. It stays private: you will "
    "choose next whether to share it with your coach.",
    "checkin.comment_saved": "Your comment is saved, and private. Share it with your coach?",
    "checkin.button.share": "Share with my coach",
    "checkin.button.keep_private": "Keep private",
    "checkin.comment_kept": "Your comment stays private. Thank you!",
    "checkin.comment_shared": "Your comment was shared with your coach. Thank you!",
    "checkin.comment_skipped": "Thank you! Your check-in is complete.",
    "checkin.comment_too_long": "That comment is a little long: please keep it under {limit} "
    "characters and send it again.",
    "checkin.comment_closed": "This check-in can no longer take a comment.",
    "checkin.shared_with_coach": "{coachee} chose to share a comment with you after session "
    "{sequence}:\n\n“{text}”",
    "checkin.someone": "your coachee",
    "checkin.reminder": "Reminder: this is still waiting for you, until {deadline}.",
    "checkin.reminder_no_deadline": "Reminder: this is still waiting for you.",
    "checkin.continued_below": "{title}: continued in the reminder below.",
    "prompt.closed": "{title}: this has closed, so late answers can no longer be saved. "
    "Thank you all the same.",
    "prompt.closed_question": "This question has closed.",
    "prompt.session_question": "A question about a session",
    "prompt.refused.unknown": "This button is no longer valid.",
    "prompt.refused.not_yours": "This button is not meant for you; nothing was changed.",
    "prompt.refused.closed": "This has closed, so late answers can no longer be saved. Thank "
    "you all the same.",
    "prompt.refused.answered": "This was already answered. Thank you!",
    "prompt.refused.already_saved": "That answer was already saved. Here is where you are now.",
    "prompt.refused.stale": "Please answer the question shown now.",
    "prompt.open_above": "You have “{title}” open: answer it with the buttons on its message "
    "above. Typed answers are not saved.",
    "prompt.refused.out_of_range": "That value is not on the scale; nothing was saved.",
}

FR = {
    "checkin.with_partner": "{title} · séance {sequence} avec {partner}",
    "checkin.with_partner_only": "{title} · avec {partner}",
    "checkin.progress": "Question {current}/{total}",
    "checkin.intro_again": "{count} questions rapides, environ 30 secondes.",
    "checkin.anchor": "{value} = {label}",
    "checkin.done": "{title} : merci, vos réponses sont enregistrées.",
    "checkin.comment_offer": "{title} : merci, vos réponses sont enregistrées.\n\n"
    "Voulez-vous ajouter un commentaire? Il reste privé, sauf si vous choisissez de le "
    "partager avec votre coach.",
    "checkin.button.comment_add": "Ajouter un commentaire",
    "checkin.button.comment_skip": "Passer",
    "checkin.comment_ask": "Écrivez votre commentaire en un seul message. Il reste privé : vous "
    "choisirez ensuite de le partager ou non avec votre coach.",
    "checkin.comment_saved": "Votre commentaire est enregistré, et privé. Le partager avec "
    "votre coach?",
    "checkin.button.share": "Partager avec mon coach",
    "checkin.button.keep_private": "Garder privé",
    "checkin.comment_kept": "Votre commentaire reste privé. Merci!",
    "checkin.comment_shared": "Votre commentaire a été partagé avec votre coach. Merci!",
    "checkin.comment_skipped": "Merci! Votre bilan est terminé.",
    "checkin.comment_too_long": "Ce commentaire est un peu long : gardez-le sous {limit} "
    "caractères et renvoyez-le.",
    "checkin.comment_closed": "Ce bilan ne peut plus recevoir de commentaire.",
    "checkin.shared_with_coach": "{coachee} a choisi de partager un commentaire avec vous "
    "après la séance {sequence} :\n\n« {text} »",
    "checkin.someone": "la personne coachée",
    "checkin.reminder": "Rappel : ceci vous attend encore, jusqu'au {deadline}.",
    "checkin.reminder_no_deadline": "Rappel : ceci vous attend encore.",
    "checkin.continued_below": "{title} : la suite est dans le rappel ci-dessous.",
    "prompt.closed": "{title} : c'est maintenant fermé, les réponses tardives ne peuvent plus "
    "être enregistrées. Merci tout de même.",
    "prompt.closed_question": "Cette question est fermée.",
    "prompt.session_question": "Une question sur une séance",
    "prompt.refused.unknown": "Ce bouton n'est plus valide.",
    "prompt.refused.not_yours": "Ce bouton ne vous est pas destiné; rien n'a été modifié.",
    "prompt.refused.closed": "C'est maintenant fermé, les réponses tardives ne peuvent plus "
    "être enregistrées. Merci tout de même.",
    "prompt.refused.answered": "C'est déjà répondu. Merci!",
    "prompt.refused.already_saved": "Cette réponse était déjà enregistrée. Voici où vous en "
    "êtes.",
    "prompt.refused.stale": "Veuillez répondre à la question affichée maintenant.",
    "prompt.open_above": "Vous avez « {title} » en cours : répondez avec les boutons de ce "
    "message, plus haut. Les réponses écrites ne sont pas enregistrées.",
    "prompt.refused.out_of_range": "Cette valeur n'est pas sur l'échelle; rien n'a été "
    "enregistré.",
}
