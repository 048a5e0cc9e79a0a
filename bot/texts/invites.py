"""A lead's invitations: the list with their states, resending and revoking links."""

EN = {
    "invites.title": "Invitations in “{program}” (latest per person):",
    "invites.none": "No invitations in “{program}” yet. Invite people with /invite.",
    "invites.more": "… and {count} older ones.",
    "invites.state.pending": "waiting",
    "invites.state.pending_until": "waiting, link valid until {until}",
    "invites.state.used": "joined",
    "invites.state.expired": "link expired",
    "invites.state.revoked": "link revoked",
    "invites.hint": "\n↻ sends you a fresh link to forward (the old one stops working); ✕ "
    "revokes a link that is still waiting.",
    "invites.all_used": "\nEveryone invited has joined.",
    "invites.resend": "↻ {name}",
    "invites.revoke": "✕ {name}",
    "invites.resent": "Here is a fresh link; the previous one no longer works.",
    "invites.revoke_confirm": "Revoke the invitation link of {name}? It stops working at once. "
    "You can send them a fresh one later from /invites.",
    "invites.revoke_yes": "Revoke the link",
    "invites.revoked": "The link of {name} is revoked.",
    "invites.refused.used": "This invitation has been used: the person has joined.",
    "invites.refused.expired": "This link has already expired.",
    "invites.refused.revoked": "This link is already revoked.",
    "invites.refused.superseded": "A newer link was sent since this list was shown. Send "
    "/invites to see the list as it is now.",
}

FR = {
    "invites.title": "Invitations dans « {program} » (la plus récente par personne) :",
    "invites.none": "Aucune invitation dans « {program} » pour l'instant. Invitez des "
    "personnes avec /invite.",
    "invites.more": "… et {count} plus anciennes.",
    "invites.state.pending": "en attente",
    "invites.state.pending_until": "en attente, lien valide jusqu'au {until}",
    "invites.state.used": "inscrite",
    "invites.state.expired": "lien expiré",
    "invites.state.revoked": "lien retiré",
    "invites.hint": "\n↻ vous envoie un nouveau lien à transmettre (l'ancien cesse de "
    "fonctionner); ✕ retire un lien encore en attente.",
    "invites.all_used": "\nToutes les personnes invitées se sont inscrites.",
    "invites.resend": "↻ {name}",
    "invites.revoke": "✕ {name}",
    "invites.resent": "Voici un nouveau lien; le précédent ne fonctionne plus.",
    "invites.revoke_confirm": "Retirer le lien d'invitation de {name}? Il cesse de "
    "fonctionner immédiatement. Vous pourrez lui en envoyer un nouveau plus tard avec "
    "/invites.",
    "invites.revoke_yes": "Retirer le lien",
    "invites.revoked": "Le lien de {name} est retiré.",
    "invites.refused.used": "Cette invitation a été utilisée : la personne s'est inscrite.",
    "invites.refused.expired": "Ce lien est déjà expiré.",
    "invites.refused.revoked": "Ce lien est déjà retiré.",
    "invites.refused.superseded": "Un lien plus récent a été envoyé depuis l'affichage de "
    "cette liste. Envoyez /invites pour voir la liste à jour.",
}
