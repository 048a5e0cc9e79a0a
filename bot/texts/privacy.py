"""A person's data and participation: export, erasure, pause and resume."""

EN = {
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
