"""The start and end of a program: the self-efficacy questionnaires' titles and reminders, and
the notice everyone gets when the program closes."""

EN = {
    "questionnaire.baseline_title": "Start of the program: {title}",
    "questionnaire.final_title": "End of the program: {title}",
    "questionnaire.final_intro": "The program has ended. These are the same {count} questions "
    "you answered at the start, so that you and the program can see how your confidence as a "
    "leader has moved. There are no right or wrong answers.",
    "questionnaire.reminder": "Reminder: this questionnaire is still waiting for you. It stays "
    "open until {deadline}.",
    "closing.notice_final": "The program “{program}” has closed. Thank you for taking part!\n\n"
    "What comes next: your end-of-program questionnaire, in its own message in this chat. "
    "Your data stays stored as the privacy notice says; /mydata shows what is stored about "
    "you and /forget erases it.",
    "closing.notice_rating": "The program “{program}” has closed. Thank you for taking part!\n\n"
    "What comes next: your end-of-program rating of each coaching relationship, each in its "
    "own message in this chat. Your data stays stored as the privacy notice says; /mydata "
    "shows what is stored about you and /forget erases it.",
    "closing.notice": "The program “{program}” has closed. Thank you for taking part!\n\n"
    "Nothing more will be asked of you. Your data stays stored as the privacy notice says; "
    "/mydata shows what is stored about you and /forget erases it.",
}

FR = {
    "questionnaire.baseline_title": "Début du programme : {title}",
    "questionnaire.final_title": "Fin du programme : {title}",
    "questionnaire.final_intro": "Le programme est terminé. Voici les mêmes {count} questions "
    "qu'au début, pour que vous et le programme puissiez voir comment votre confiance de "
    "leader a évolué. Il n'y a ni bonne ni mauvaise réponse.",
    "questionnaire.reminder": "Rappel : ce questionnaire vous attend encore. Il reste ouvert "
    "jusqu'au {deadline}.",
    "closing.notice_final": "Le programme « {program} » est terminé. Merci de votre "
    "participation!\n\nLa suite : votre questionnaire de fin de programme, dans son propre "
    "message de cette conversation. Vos données restent conservées comme l'indique l'avis de "
    "confidentialité; /mydata montre ce qui est conservé à votre sujet et /forget l'efface.",
    "closing.notice_rating": "Le programme « {program} » est terminé. Merci de votre "
    "participation!\n\nLa suite : votre évaluation de fin de programme de chaque relation de "
    "coaching, chacune dans son propre message de cette conversation. Vos données restent "
    "conservées comme l'indique l'avis de confidentialité; /mydata montre ce qui est conservé "
    "à votre sujet et /forget l'efface.",
    "closing.notice": "Le programme « {program} » est terminé. Merci de votre participation!"
    "\n\nRien d'autre ne vous sera demandé. Vos données restent conservées comme l'indique "
    "l'avis de confidentialité; /mydata montre ce qui est conservé à votre sujet et /forget "
    "l'efface.",
}
