"""A person's data and participation: export, erasure, pause and resume."""

EN = {
    "privacy.mydata_intro": "Here is what I keep about you:",
    "privacy.mydata_membership": "• In “{program}” you are enrolled as {role}.",
    "privacy.mydata_consented": "• You agreed to take part on {day}.",
    "privacy.mydata_checkins.none": "• You have not answered any session check-in yet.",
    "privacy.mydata_checkins.one": "• You answered one session check-in.",
    "privacy.mydata_checkins.many": "• You answered {count} session check-ins.",
    "privacy.mydata_questionnaires.one": "• You answered one other questionnaire (leadership "
    "confidence or closing ratings).",
    "privacy.mydata_questionnaires.many": "• You answered {count} other questionnaires "
    "(leadership confidence or closing ratings).",
    "privacy.mydata_comments.none": "• No comment of yours is stored.",
    "privacy.mydata_comments.one": "• One comment you wrote is stored.",
    "privacy.mydata_comments.many": "• {count} comments you wrote are stored.",
    "privacy.mydata_shared.none": "• Nothing you wrote was shared with your coach.",
    "privacy.mydata_shared.one": "• You chose to share one comment with your coach.",
    "privacy.mydata_shared.many": "• You chose to share {count} comments with your coach.",
    "privacy.mydata_footer": "The file below holds all of it, each answer next to its question. "
    "Nothing anyone else answered is included. To erase everything, send /forget.",
    "privacy.mydata_caption": "Everything stored about you: your profile, your programs and "
    "your own answers and comments. Nothing anyone else answered is included.",
    "privacy.forget_confirm": "Erase your data? Your name, your Telegram account, your answers "
    "and your comments will be deleted for good, and you will stop receiving questions. The "
    "program only keeps a record that an erasure took place.\n\nThis cannot be undone.",
    "privacy.forget_yes": "Erase everything",
    "privacy.forget_no": "Keep my data",
    "privacy.forget_kept": "Nothing was erased.",
    "privacy.forgotten": "Done: your data has been erased and I no longer know who you are. "
    "Take care!",
    "privacy.paused": "Your participation is paused: I won't send you any questions until you "
    "send /resume.",
    "privacy.resumed": "Welcome back! Questions will reach you again.",
    "privacy.already_paused": "Your participation is already paused. Send /resume to start "
    "again.",
    "privacy.not_paused": "Your participation is not paused.",
    "privacy.not_active": "There is nothing to pause right now.",
}

FR = {
    "privacy.mydata_intro": "Voici ce que je conserve à votre sujet :",
    "privacy.mydata_membership": "• Dans « {program} », vous êtes inscrit·e à titre de "
    "{role}.",
    "privacy.mydata_consented": "• Vous avez accepté de participer le {day}.",
    "privacy.mydata_checkins.none": "• Vous n'avez encore répondu à aucun bilan de séance.",
    "privacy.mydata_checkins.one": "• Vous avez répondu à un bilan de séance.",
    "privacy.mydata_checkins.many": "• Vous avez répondu à {count} bilans de séance.",
    "privacy.mydata_questionnaires.one": "• Vous avez répondu à un autre questionnaire "
    "(confiance en tant que leader ou évaluations de fin).",
    "privacy.mydata_questionnaires.many": "• Vous avez répondu à {count} autres questionnaires "
    "(confiance en tant que leader ou évaluations de fin).",
    "privacy.mydata_comments.none": "• Aucun commentaire de votre part n'est conservé.",
    "privacy.mydata_comments.one": "• Un commentaire que vous avez écrit est conservé.",
    "privacy.mydata_comments.many": "• {count} commentaires que vous avez écrits sont "
    "conservés.",
    "privacy.mydata_shared.none": "• Rien de ce que vous avez écrit n'a été partagé avec votre "
    "coach.",
    "privacy.mydata_shared.one": "• Vous avez choisi de partager un commentaire avec votre "
    "coach.",
    "privacy.mydata_shared.many": "• Vous avez choisi de partager {count} commentaires avec "
    "votre coach.",
    "privacy.mydata_footer": "Le fichier ci-dessous contient tout cela, chaque réponse à côté "
    "de sa question. Rien de ce qu'une autre personne a répondu n'y figure. Pour tout effacer, "
    "envoyez /forget.",
    "privacy.mydata_caption": "Tout ce qui est conservé à votre sujet : votre profil, vos "
    "programmes, vos propres réponses et commentaires. Rien de ce qu'une autre personne a "
    "répondu n'y figure.",
    "privacy.forget_confirm": "Effacer vos données? Votre nom, votre compte Telegram, vos "
    "réponses et vos commentaires seront supprimés définitivement, et vous ne recevrez plus de "
    "questions. Le programme garde seulement une trace qu'un effacement a eu lieu.\n\n"
    "Cette action est irréversible.",
    "privacy.forget_yes": "Tout effacer",
    "privacy.forget_no": "Garder mes données",
    "privacy.forget_kept": "Rien n'a été effacé.",
    "privacy.forgotten": "C'est fait : vos données ont été effacées et je ne sais plus qui vous "
    "êtes. Prenez soin de vous!",
    "privacy.paused": "Votre participation est en pause : je ne vous enverrai aucune question "
    "tant que vous n'enverrez pas /resume.",
    "privacy.resumed": "Bon retour! Les questions vous parviendront de nouveau.",
    "privacy.already_paused": "Votre participation est déjà en pause. Envoyez /resume pour "
    "reprendre.",
    "privacy.not_paused": "Votre participation n'est pas en pause.",
    "privacy.not_active": "Il n'y a rien à mettre en pause pour le moment.",
}
