"""Texts shared by every conversation: errors, fallbacks, generic buttons."""

EN = {
    "error.generic": "Sorry, something went wrong on our side. Nothing you sent was lost; "
    "please try again in a moment.",
    "error.private_only": "I only work in private chats. Please message me directly.",
    "error.not_enrolled": "You are not enrolled in a program yet. Open the invitation link "
    "your program lead sent you.",
    "error.paused": "Your participation is paused. Send /resume to start again.",
    "fallback.text": "I didn't expect a message here. Use the buttons, or send /help to see "
    "what I can do.",
    "error.button_elsewhere": "This button only works in our private chat.",
    "fallback.button_toast": "This button no longer does anything.",
    "fallback.button_open_above": "This button no longer does anything. “{title}” is open: "
    "answer it with the buttons on its message.",
    "fallback.command": "I don't know that command. Send /help to see what I can do.",
    "fallback.need_text": "Please answer with a text message.",
    "fallback.edited": "I only read new messages, not edits: nothing was changed. Please send "
    "it again as a new message.",
    "role.lead": "program lead",
    "role.coach": "coach",
    "role.coachee": "coachee",
    "language.choose": "Which language would you like me to use?",
    "language.name": "English",
    "language.done": "Done: I'll write to you in English.",
    "language.stranger": "Until you join a program I follow your Telegram language; you can "
    "choose once you are enrolled.",
    "button.yes": "Yes",
    "button.no": "No",
    "button.cancel": "Cancel",
}

FR = {
    "error.generic": "Désolé, un problème est survenu de notre côté. Rien de ce que vous avez "
    "envoyé n'est perdu; veuillez réessayer dans un instant.",
    "error.private_only": "Je fonctionne seulement en conversation privée. Écrivez-moi "
    "directement.",
    "error.not_enrolled": "Vous n'êtes pas encore inscrit·e à un programme. Ouvrez le lien "
    "d'invitation envoyé par la personne responsable de votre programme.",
    "error.paused": "Votre participation est en pause. Envoyez /resume pour reprendre.",
    "fallback.text": "Je n'attendais pas de message ici. Utilisez les boutons, ou envoyez "
    "/help pour voir ce que je peux faire.",
    "error.button_elsewhere": "Ce bouton fonctionne seulement dans notre conversation privée.",
    "fallback.command": "Je ne connais pas cette commande. Envoyez /help pour voir ce que je "
    "peux faire.",
    "fallback.need_text": "Veuillez répondre par un message texte.",
    "fallback.button_toast": "Ce bouton ne fait plus rien.",
    "fallback.button_open_above": "Ce bouton ne fait plus rien. « {title} » est en cours : "
    "répondez avec les boutons de ce message.",
    "fallback.edited": "Je lis seulement les nouveaux messages, pas les modifications : rien "
    "n'a été changé. Veuillez l'envoyer de nouveau dans un nouveau message.",
    "role.lead": "responsable de programme",
    "role.coach": "coach",
    "role.coachee": "personne coachée",
    "language.choose": "Dans quelle langue voulez-vous que je vous écrive?",
    "language.name": "Français",
    "language.done": "C'est fait : je vous écrirai en français.",
    "language.stranger": "Tant que vous n'êtes pas inscrit·e à un programme, j'utilise la "
    "langue de Telegram; vous pourrez choisir une fois inscrit·e.",
    "button.yes": "Oui",
    "button.no": "Non",
    "button.cancel": "Annuler",
}
