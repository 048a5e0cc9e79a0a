"""Joining a program: invite problems, the consent question, the welcome by role."""

EN = {
    "enrol.how_to_join": "Hello! I'm Coach Alliance, the check-in assistant of coaching "
    "programs.\n\nTo join, open the one-time invitation link your program lead sent you. "
    "If you have no link yet, ask your program lead for one.",
    "enrol.invite_unknown": "I don't recognise this invitation link. Check that you opened the "
    "whole link, or ask your program lead for a new one.",
    "enrol.invite_used": "This invitation link has already been used. Each link works only "
    "once; ask your program lead for a new one.",
    "enrol.invite_expired": "This invitation link has expired. Ask your program lead for a "
    "new one.",
    "enrol.invite_already_member": "You are already enrolled with this role in this program. "
    "Send /help to see what you can do.",
    "enrol.invite_program_closed": "This program is closed, so it no longer accepts new "
    "participants.",
    "enrol.invite_too_many_attempts": "Too many invitation links you opened in the last hour "
    "did not work, so I am not checking links from you for now. Please try again in an hour, "
    "or ask your program lead for a new link.",
    "enrol.invite_revoked": "This invitation link was withdrawn by your program lead. Ask "
    "them for a new one.",
    "enrol.lead_invited": "You are invited to lead “{program}”.",
    "enrol.lead_terms": "What a lead sees: participation totals (invitations, check-ins sent "
    "and answered), the alliance trajectories of the whole program, and /report, the "
    "program's analysis. Any figure drawn from ratings over fewer than 5 coach–coachee pairs "
    "is hidden.\n\n"
    "What a lead never sees: anyone's answers or comments, a score per coach or per pair, or "
    "who was nudged. The ratings are for development, never a score of a coach's "
    "performance.\n\n"
    "I keep your name, your Telegram account (only to send you messages) and what you change "
    "in the program, which is logged. /mydata and /forget work for you too.\n\n"
    "Do you accept to lead the program on these terms?",
    "enrol.consent_invited": "You are invited to join “{program}” as {role}.",
    "enrol.consent_coach": "Your coach in this program: {coach}.",
    "enrol.consent_terms": "What I collect: your answers to short check-ins after coaching "
    "sessions (for coachees, also a confidence questionnaire at the start and at the end), any "
    "comments you choose to write, and when you answered. Your Telegram account is used only "
    "to send you messages.\n\n"
    "Who sees what:\n"
    "• A coach never sees a coachee's answers or comments, unless the coachee chooses to share "
    "a comment.\n"
    "• The program lead sees totals for the whole program only; any breakdown covering fewer "
    "than 5 coach–coachee pairs is hidden.\n"
    "• Whoever runs this bot may analyse the answers, pseudonymised (codes instead of names, no "
    "comments), to evaluate the program.\n"
    "• The ratings are for development. They are never used as a score of a coach's "
    "performance.\n\n"
    "At any time you can see your data (/mydata), pause (/pause) or erase everything "
    "(/forget).\n\nDo you agree to take part?",
    "enrol.agree": "I agree",
    "enrol.decline": "No thanks",
    "enrol.declined": "No problem: nothing about you has been stored. If you change your mind, "
    "open the invitation link again.",
    "enrol.consent_recorded": "Thank you, your consent is recorded.",
    "enrol.welcome_heading": "Welcome aboard!",
    "enrol.coming_now": "is on its way",
    "enrol.coming_later": "comes at {when}, after your quiet hours",
    "enrol.welcome.lead": "You lead “{program}”.\n\n"
    "/invite gives you one-time links for coaches and coachees, /invites lists them (resend "
    "or revoke a link), /people renames someone or gives a coachee another coach, /settings "
    "changes reminders, expiry, quiet hours and modules, /status shows participation (totals "
    "only), /close ends the program and sends the final questionnaires, and /newprogram "
    "starts another program.\n\nSend /help at any time to see everything.",
    "enrol.welcome.coach": "You are a coach in “{program}”.\n\n"
    "After each session, log it with /session (or plan one ahead with /schedule); you and your "
    "coachee then each get a short check-in. Your coachee's answers are never shown to you. "
    "When your two views may differ, I'll suggest a way to check in with them.\n\n"
    "Send /help at any time to see everything.",
    "enrol.welcome.coachee": "You are a coachee in “{program}”.\n\n"
    "First, a short questionnaire about your confidence as a leader {coming}. After each "
    "coaching session you'll get a check-in of about 30 seconds, answered with buttons. Your "
    "coach never sees your answers.\n\nSend /help at any time to see everything.",
}

FR = {
    "enrol.how_to_join": "Bonjour! Je suis Coach Alliance, l'assistant de suivi des programmes "
    "de coaching.\n\nPour vous joindre à un programme, ouvrez le lien d'invitation à usage "
    "unique que vous a envoyé la personne responsable de votre programme. Si vous n'avez pas "
    "encore de lien, demandez-lui-en un.",
    "enrol.invite_unknown": "Je ne reconnais pas ce lien d'invitation. Vérifiez que vous avez "
    "ouvert le lien au complet, ou demandez-en un nouveau à la personne responsable de votre "
    "programme.",
    "enrol.invite_used": "Ce lien d'invitation a déjà été utilisé. Chaque lien ne fonctionne "
    "qu'une fois; demandez-en un nouveau à la personne responsable de votre programme.",
    "enrol.invite_expired": "Ce lien d'invitation est expiré. Demandez-en un nouveau à la "
    "personne responsable de votre programme.",
    "enrol.invite_already_member": "Vous êtes déjà inscrit·e avec ce rôle dans ce programme. "
    "Envoyez /help pour voir ce que vous pouvez faire.",
    "enrol.invite_program_closed": "Ce programme est terminé; il n'accepte plus de nouvelles "
    "personnes.",
    "enrol.invite_too_many_attempts": "Trop de liens d'invitation ouverts depuis une heure "
    "n'ont pas fonctionné; je ne vérifie plus vos liens pour l'instant. Réessayez dans une "
    "heure ou demandez un nouveau lien à votre responsable.",
    "enrol.invite_revoked": "Ce lien d'invitation a été retiré par la personne responsable "
    "de votre programme. Demandez-lui-en un nouveau.",
    "enrol.lead_invited": "Vous êtes invité·e à être responsable de « {program} ».",
    "enrol.lead_terms": "Ce que voit une personne responsable : les totaux de participation "
    "(invitations, bilans envoyés et répondus), les trajectoires de l'alliance de l'ensemble "
    "du programme, et /report, l'analyse du programme. Tout chiffre tiré des évaluations qui "
    "porte sur moins de 5 duos coach–personne coachée est masqué.\n\n"
    "Ce qu'elle ne voit jamais : les réponses ou les commentaires de qui que ce soit, un score "
    "par coach ou par duo, ni qui a reçu une suggestion. Les évaluations servent au "
    "développement, jamais à noter la performance d'un coach.\n\n"
    "Je conserve votre nom, votre compte Telegram (seulement pour vous envoyer des messages) "
    "et ce que vous changez dans le programme, qui est consigné. /mydata et /forget "
    "fonctionnent aussi pour vous.\n\n"
    "Acceptez-vous d'être responsable du programme à ces conditions?",
    "enrol.consent_invited": "Vous êtes invité·e à vous joindre à « {program} » à titre de "
    "{role}.",
    "enrol.consent_coach": "Votre coach dans ce programme : {coach}.",
    "enrol.consent_terms": "Ce que je recueille : vos réponses à de courts bilans après les "
    "séances de coaching (pour les personnes coachées, aussi un questionnaire sur la confiance "
    "au début et à la fin), les commentaires que vous choisissez d'écrire, et le moment de vos "
    "réponses. Votre compte Telegram sert seulement à vous envoyer des messages.\n\n"
    "Qui voit quoi :\n"
    "• Un coach ne voit jamais les réponses ni les commentaires de la personne coachée, sauf si "
    "celle-ci choisit de partager un commentaire.\n"
    "• La personne responsable du programme ne voit que des totaux pour l'ensemble du "
    "programme; toute ventilation portant sur moins de 5 duos coach–personne coachée est "
    "masquée.\n"
    "• Qui exploite ce robot peut analyser les réponses, pseudonymisées (des codes au lieu des "
    "noms, sans les commentaires), pour évaluer le programme.\n"
    "• Les évaluations servent au développement. Elles ne servent jamais à noter la "
    "performance d'un coach.\n\n"
    "En tout temps, vous pouvez consulter vos données (/mydata), faire une pause (/pause) ou "
    "tout effacer (/forget).\n\nAcceptez-vous de participer?",
    "enrol.agree": "J'accepte",
    "enrol.decline": "Non merci",
    "enrol.declined": "Aucun problème : rien à votre sujet n'a été enregistré. Si vous changez "
    "d'idée, ouvrez de nouveau le lien d'invitation.",
    "enrol.consent_recorded": "Merci, votre consentement est enregistré.",
    "enrol.welcome_heading": "Bienvenue!",
    "enrol.coming_now": "s'en vient",
    "enrol.coming_later": "arrive à {when}, après vos heures de silence",
    "enrol.welcome.lead": "Vous êtes responsable de « {program} ».\n\n"
    "/invite vous donne des liens à usage unique pour les coachs et les personnes coachées, "
    "/invites les liste (renvoyer ou retirer un lien), /people renomme une personne ou donne "
    "un autre coach à une personne coachée, /settings change les rappels, l'expiration, les "
    "heures de silence et les modules, /status montre la participation (totaux seulement), "
    "/close termine le programme et envoie les questionnaires de fin, et /newprogram crée un "
    "autre programme.\n\n"
    "Envoyez /help en tout temps pour tout voir.",
    "enrol.welcome.coach": "Vous êtes coach dans « {program} ».\n\n"
    "Après chaque séance, inscrivez-la avec /session (ou planifiez-la avec /schedule); vous et "
    "la personne coachée recevez alors chacun un court bilan. Les réponses de la personne "
    "coachée ne vous sont jamais montrées. Quand vos deux points de vue pourraient différer, "
    "je vous suggérerai une façon d'en parler avec elle.\n\n"
    "Envoyez /help en tout temps pour tout voir.",
    "enrol.welcome.coachee": "Vous êtes une personne coachée dans « {program} ».\n\n"
    "D'abord, un court questionnaire sur votre confiance en tant que leader {coming}. Après "
    "chaque séance de coaching, vous recevrez un bilan d'environ 30 secondes, à remplir avec "
    "des boutons. Votre coach ne voit jamais vos réponses.\n\n"
    "Envoyez /help en tout temps pour tout voir.",
}
