"""The report's sentences in French, key for key as in `words_en`."""

FR: dict[str, str] = {
    "title": "Coach Alliance — rapport de programme",
    "title_analysis": "Coach Alliance — rapport d’analyse",
    "interim": "Rapport intermédiaire : le programme est en cours, les chiffres vont évoluer.",
    "final": "Rapport final : le programme est terminé et plus aucun questionnaire final "
             "n’est ouvert.",
    "interim_open": "Rapport intermédiaire : le programme est terminé, mais {n} questionnaires "
                    "finaux peuvent encore être remplis ; les chiffres peuvent changer.",
    "key_points": "Points clés",
    "analysis_only": "Analyse de données exportées (sans les dossiers du programme)",
    "program": "Programme : {name}", "dates": "Dates du programme : du {start} au {end}",
    "generated": "Généré le {at} UTC",
    "confidential": "Données agrégées seulement. Les dyades portent des codes pseudonymes, "
                    "tout chiffre portant sur moins de 5 dyades est masqué et rien n’est "
                    "ventilé par coach. Les évaluations de l’alliance servent au "
                    "développement, jamais à juger la performance d’un coach.",
    "attached": "Le rapport PDF (totaux seulement) est joint.",
    "not_enough": "Pas encore assez de données", "suppressed": "masqué : moins de 5 dyades",
    "kp_participation": "{dyads} dyades, {sessions} séances tenues, {pairs} avec les deux "
                        "bilans.",
    "kp_response": "Taux de réponse aux bilans : coaché·es {coachee}, coachs {coach}.",
    "kp_alliance": "Alliance moyenne ({lo}–{hi}) sur les séances appariées des {n} dyades : "
                   "coaché·es {coachee}, coachs {coach} ; écart moyen coach − coaché·e {d}.",
    "kp_groups": "Groupes d’écart parmi les {n} dyades aux deux évaluations (k = {k}, règle "
                 "reconstituée) : sous-estime {under}, juste "
                 "{accurate}, surestime {over}.",
    "kp_ancova_sig": "L’auto-efficacité finale diffère entre les groupes ({test}).",
    "kp_ancova_ns": "Pas de différence fiable d’auto-efficacité finale entre les groupes "
                    "({test}).",
    "kp_ancova_wait": "Comparaison des groupes : pas encore assez de données ({have} dyades "
                      "complètes, {need} nécessaires).",
    "kp_ancova_error": "Comparaison des groupes : {error}.",
    "kp_tracking": "Séance après séance ({n_obs} séances appariées, {n_dyads} dyades), "
                   "l’évaluation du coaché·e varie de {b} par point de celle du coach ; biais "
                   "moyen coach − coaché·e {bias}.",
    "kp_nudges": "{sent} rappels envoyés ; {talked} clos par « nous en avons parlé ».",
    "kp_effect": "Écart moyen D à la séance du rappel {before}, à la séance appariée suivante "
                 "{after} ({pairs} rappels suivis).",
    "h_summary": "Synthèse", "h_participation": "Participation",
    "h_trajectories": "Évolution de l’alliance", "h_discrepancy": "Écart entre coach et "
    "coaché·e", "h_self_efficacy": "Auto-efficacité avant et après",
    "h_ancova": "ANCOVA : auto-efficacité selon le groupe d’écart",
    "h_surface": "Surface de réponse", "h_sessions": "Modèle mixte par séance",
    "h_nudges": "Rappels et suites", "h_interpretation": "Interprétation et mises en garde",
    "h_method": "Notes de méthode",
    "surface_note": "Auto-efficacité finale prédite (pas une variation) à l’auto-efficacité "
                    "initiale moyenne ({se_pre}), tracée seulement là où se trouvent les "
                    "dyades ; la courbe de désaccord passe par leur niveau moyen ({level}). "
                    "En grisé : bande de confiance à 95 %.",
    "suppressed_why": "Les chiffres tirés des évaluations (scores, écarts, groupes, rappels, "
                      "décisions) sont masqués : moins de 5 dyades ont répondu, et dans un si "
                      "petit groupe ils désigneraient des personnes. Les chiffres de "
                      "participation restent.",
    "ft_title": "Suites : l’écart à la séance appariée suivante, selon la réponse du coach",
    "ft_note": "Chaque rappel, et chaque décision dont la règle s’est déclenchée mais que le délai "
               "de carence a retenue (aucun message), suivis jusqu’à la séance suivante où les "
               "deux ont répondu. Clos : |D| inférieur à {below} points. Ce sont des "
               "associations, pas des effets : rien n’a été attribué au hasard et les grands "
               "écarts se réduisent d’eux-mêmes.",
    "kp_follow": "Après les rappels clos par « nous en avons parlé », l’écart était refermé à "
                 "la séance appariée suivante dans {closed} cas sur {followed}.",
    "kp_follow_held": "Décisions retenues par le délai de carence : {closed} sur {followed}.",
    "kp_follow_caveat": "Une association, pas un effet.",
    "intercept_outside": "L’ordonnée à l’origine est l’évaluation prédite du coaché·e quand "
                         "le coach donne {c}, hors des évaluations de coach observées "
                         "({lo}–{hi}) : une extrapolation. Lire plutôt la pente et le biais "
                         "moyen.",
    "kp_groups_model": "Groupes d’écart parmi les {n} dyades des modèles (k = {k}, règle "
                       "reconstituée) : sous-estime {under}, juste {accurate}, surestime {over}.",
    "surface_linear": "Les termes quadratiques n’ajoutent rien ici : les courbes ci-dessous "
                      "viennent du modèle linéaire se_post ~ se_pre + X + Y. Ses a1 et a3, les "
                      "pentes que montrent les courbes (a2, a4 et a5 y valent 0) :",
    "surface_full_table": "a1–a5 du modèle quadratique complet ci-dessus (les valeurs que "
                          "donne alliance analyze --json) :",
    "surface_curves_quadratic": "Courbes : le modèle quadratique complet (premier tableau).",
    "surface_curves_linear": "Courbes : le modèle linéaire (second tableau).",
    "h_references": "Références",
    "cut_rule": "À propos des groupes : Baron, Morin et Morin (2011) ne publient pas leur "
                "règle exacte. La règle utilisée ici est une reconstitution tirée de la "
                "littérature sur l’accord soi–autrui (Atwater et Yammarino) : surestime si D "
                "> k·ET(D), sous-estime si D < −k·ET(D), juste sinon, avec k = {k} (réglable "
                "par programme).",
    "a1": "Pente sur la ligne d’accord (coach = coaché·e) : les résultats montent-ils quand "
          "les deux évaluent l’alliance plus haut ?",
    "a2": "Courbure sur la ligne d’accord : la hausse s’accélère (+) ou plafonne (−) ?",
    "a3": "Pente sur la ligne de désaccord : positive → meilleurs résultats quand le coach "
          "évalue plus haut que le coaché·e ; négative → quand il évalue plus bas.",
    "a4": "Courbure sur la ligne de désaccord : négative → résultats en baisse quand les "
          "points de vue divergent (un effet de concordance demande aussi a3 ≈ 0).",
    "a5": "Asymétrie : les évaluations du coach et du coaché·e s’incurvent-elles "
          "différemment (b_X² − b_Y²) ?",
    "verdict_ok": "aucun signe de problème",
    "verdict_bad": "problème possible : lire la comparaison des groupes avec prudence",
    "higher": "plus haut", "lower": "plus bas",
    "c_sample": "Petit échantillon : {n} dyades ne révèlent que de grands effets et chaque "
                "estimation est imprécise. Un p proche de 0,05 n’est pas concluant.",
    "c_cut": "Les trois groupes viennent d’une règle reconstituée (k = {k}) ; un autre k "
             "déplace des dyades d’un groupe à l’autre.",
    "c_observational": "Données d’observation : ni les groupes ni les rappels n’ont été "
                       "attribués au hasard ; rien ici ne démontre un lien de cause à effet.",
    "c_developmental": "Les évaluations sont un retour de développement sur une relation, "
                       "pas une mesure de la performance d’un coach.",
    "c_ceiling": "Les évaluations de l’alliance se concentrent en haut de l’échelle, ce qui "
                 "réduit les écarts et les corrélations.",
    "c_interim": "Intermédiaire : les questionnaires finaux ne sont pas tous rentrés ; les "
                 "résultats peuvent changer.",
    "m_scores": "Score d’alliance : moyenne des items notés du bilan (objectifs, tâches, lien, "
                "global) ; la prédiction du coach n’en fait pas partie. Auto-efficacité : "
                "moyenne des items du questionnaire.",
    "m_dyad": "Alliance de la dyade : moyenne des séances où les deux ont répondu, pour que D "
              "compare les mêmes séances. D = coach − coaché·e.",
    "m_ancova": "ANCOVA se_post ~ groupe + se_pre, contrastes à somme nulle, tests de type "
                "III ; moyennes ajustées à la moyenne de se_pre (comme emmeans de R) ; "
                "comparaisons deux à deux corrigées par Holm. Vérifications : pentes égales "
                "(groupe × se_pre), Levene (médiane) sur se_post, Shapiro–Wilk sur les "
                "résidus.",
    "m_surface": "Surface de réponse se_post ~ se_pre + X + Y + X² + XY + Y², X et Y centrés "
                 "au milieu de l’échelle ; a1 = b_X + b_Y, a2 = b_X² + b_XY + b_Y², a3 = b_X "
                 "− b_Y, a4 = b_X² − b_XY + b_Y², a5 = b_X² − b_Y², erreurs types tirées de "
                 "la covariance des coefficients.",
    "m_mixed": "Modèle mixte coaché·e ~ (coach − milieu) + séance + (1 | dyade), REML.",
    "m_nudge": "Rappels : D à la séance du rappel comparé à D à la séance suivante de la "
               "dyade avec les deux bilans ; test t apparié sur ces paires.",
    "m_privacy": "Confidentialité : tout chiffre portant sur moins de 5 dyades est masqué ; "
                 "aucune ventilation ni classement par coach.",
    "none": "Aucune décision de rappel pour l’instant.",
    "traj_note": "Évaluation moyenne à chaque numéro de séance, sur les séances où le coach "
                 "et le coaché·e ont tous deux répondu (n = dyades sous chaque numéro), pour "
                 "que les deux courbes décrivent les mêmes séances ; barres : intervalles de "
                 "confiance à 95 % ; l’axe montre toute l’échelle. Les numéros avec moins de "
                 "5 de ces dyades sont omis.",
    "i_participation": "Qui a participé et avec quelle régularité : une sollicitation compte "
                       "comme envoyée une fois livrée ; le taux est répondus / envoyés.",
    "i_discrepancy": "D est la moyenne d’alliance du coach moins celle du coaché·e, par "
                     "dyade : positif quand le coach voit la relation plus favorablement.",
    "i_self_efficacy": "Auto-efficacité des coaché·es au début et à la fin du programme "
                       "(moyenne des items), avec intervalles de confiance à 95 %.",
    "i_ancova": "L’auto-efficacité finale diffère-t-elle entre les groupes à départ égal ? "
                "Baron et al. (2011) : plus forte progression quand le coach sous-estimait "
                "l’alliance. Groupes recalculés parmi les dyades aux deux questionnaires.",
    "i_surface": "Au lieu de découper D en groupes, ce modèle garde les deux évaluations et "
                 "décrit l’auto-efficacité finale le long des lignes d’accord et de "
                 "désaccord. Lecture selon Humberg, Nestler et Back (2019) : les blocs de "
                 "termes sont testés d’abord, et seuls les paramètres dont l’intervalle à "
                 "95 % exclut 0 sont interprétés.",
    "i_sessions": "L’évaluation du coaché·e suit-elle celle du coach d’une séance à "
                  "l’autre, et les coachs évaluent-ils l’alliance systématiquement plus "
                  "haut ou plus bas ?",
    "i_nudges": "Ce que le moteur d’écart a décidé après chaque paire de bilans, comment les "
                "coachs ont répondu aux rappels, et l’évolution de D à la séance suivante.",
    "c_regression": "Les rappels partent quand D est élevé, et les grands écarts tendent à "
                    "se réduire d’eux-mêmes (régression vers la moyenne) : un écart plus "
                    "petit ensuite ne prouve pas l’effet du rappel.",
    "r_same": "Auto-efficacité finale ajustée : sous-estime {under}, surestime {over}, dans "
              "le sens rapporté par Baron et al.",
    "r_opposite": "Auto-efficacité finale ajustée : sous-estime {under}, surestime {over}, "
                  "à l’inverse du résultat de Baron et al.",
    "h_similarity": "Paires semblables et dissemblables",
    "i_similarity": "La liste des participants donnait le genre, le milieu et l’âge de chaque "
                    "coach et coaché·e; à l’importation, seul le résultat de la paire a été "
                    "gardé (pareil ou différent, et l’écart d’âge), jamais les valeurs de "
                    "quiconque. Les paires semblables sont comparées aux paires différentes "
                    "sur l’alliance moyenne du coaché·e et sur la progression de "
                    "l’auto-efficacité (fin − début), avec intervalles à 95 %.",
    "sim_gender": "Genre", "sim_background": "Milieu",
    "sim_known": "{trait} : {known} dyades l’ont dans la liste.",
    "sim_same": "Pareil", "sim_different": "Différent",
    "sim_difference": "Différence (Welch)",
    "sim_alliance": "Alliance du coaché·e (IC 95 %)",
    "sim_growth": "Progression de l’auto-efficacité (IC 95 %)",
    "sim_check": "Vérification : se_post ~ groupe + se_pre + same_{trait}, n = {n}; terme de "
                 "similarité {test}. Si les moyennes ajustées bougent peu, l’appariement "
                 "n’explique pas le résultat des groupes.",
    "sim_check_none": "Vérification (ANCOVA avec la similarité ajoutée) : {why}.",
    "sim_without": "Moyenne ajustée (ANCOVA)", "sim_with": "Avec la similarité",
    "sim_age": "Écart d’âge (années) et {measure} : r = {r} [{lo}; {hi}], {p}, n = {n}.",
    "sim_age_alliance": "l’alliance du coaché·e",
    "sim_age_growth": "la progression de l’auto-efficacité",
    "sim_age_none": "Écart d’âge et {measure} : {why}.",
    "sim_suppressed": "Les cases de moins de 5 dyades sont masquées. Quand un côté d’une "
                      "comparaison en compte moins de 5, ou que 1 à 4 dyades n’ont pas le "
                      "champ, les deux côtés le sont : le petit groupe pourrait se déduire des "
                      "autres et de la moyenne du programme.",
    "sim_limits": "Ce qu’un programme de cette taille ne peut pas montrer : les paires n’ont "
                  "pas été formées au hasard, donc une différence peut venir de tout ce qui "
                  "va avec la similarité (le coach, l’unité, les objectifs); et avec si peu "
                  "de dyades, seules les grandes différences ressortent, si bien qu’une "
                  "absence de différence ne veut pas dire que la similarité ne compte pas. "
                  "L’écart d’âge n’est rapporté que comme corrélation, et à partir de 5 "
                  "dyades seulement.",
    "sim_unavailable": "Aucune paire n’a de champs de similarité : la liste n’avait pas de "
                       "colonnes genre, âge ou milieu, ou elles étaient vides.",
    "h_attributes": "Cinq attributs du coach",
    "i_attributes": "Une fois son coaching bien engagé (passé le milieu du programme et après "
                    "quelques séances), chaque coaché·e a évalué cinq attributs du coach que "
                    "les revues sur la relation de coaching associent à une bonne alliance, sur "
                    "une échelle de {lo} à {hi}. Pour chaque attribut : la moyenne avec son "
                    "intervalle à 95 %, la part de notes basses (le tiers inférieur de "
                    "l’échelle : sous {cut}) et la corrélation r avec l’alliance moyenne du "
                    "coaché·e dans ses bilans, avec le nombre de dyades qui ont les deux.",
    "att_answered": "{n} coaché·es ont répondu au questionnaire des cinq attributs.",
    "att_withheld": "Masqué : {n} coaché·es ont répondu au questionnaire des cinq attributs "
                    "jusqu’ici, et le profil n’est montré qu’à partir de {need} dyades, pour "
                    "qu’aucune réponse ne puisse être rattachée à une personne.",
    "att_attribute": "Attribut", "att_mean": "Moyenne (IC 95 %)", "att_low": "Notes basses",
    "att_r": "r avec l’alliance du coaché·e (IC 95 %)",
    "att_trust": "Établir la confiance",
    "att_emotions": "Comprendre et gérer les émotions",
    "att_communication": "Communication dans les deux sens",
    "att_learning": "Faciliter l’apprentissage",
    "att_contract": "Contrat et démarche clairs",
    "att_no_spread": "aucune variation à corréler",
    "att_suppressed": "Une case qui repose sur moins de 5 dyades est masquée.",
    "att_limits": "Ce sont les regards des coaché·es sur le coaching, à des fins de "
                  "développement : jamais une note du coach, et rien n’est ventilé par coach. "
                  "Une corrélation dit que les deux vont ensemble d’une dyade à l’autre, pas "
                  "que l’une cause l’autre; avec si peu de dyades, seuls les liens forts "
                  "ressortent. Les questions sont formulées par nous, ce n’est pas une échelle "
                  "validée.",
    "kp_sim": "Similarité des paires ({n} paires avec ces champs), alliance du coaché·e et "
              "progression de l’auto-efficacité, pareil contre différent : {traits}.",
    "kp_sim_trait": "{trait} — alliance {a_same} contre {a_diff}, progression {g_same} contre "
                    "{g_diff}, {verdict}",
    "kp_sim_too_few": "{trait} — trop peu de paires",
    "kp_sim_none": "Similarité des paires : trop peu de paires pour comparer (moins de 5 d’un "
                   "côté).",
    "kp_sim_unavailable": "Similarité des paires : aucune paire n’a de champs de similarité "
                          "dans la liste.",
    "kp_sim_clear": "nettement plus {way} ({what}) quand c’est pareil",
    "kp_sim_unclear": "pas de différence nette",
    "kp_sim_higher": "haute", "kp_sim_lower": "basse",
    "kp_sim_alliance": "alliance", "kp_sim_growth": "progression",
    "kp_att": "Cinq attributs du coach ({n} coaché·es) : le plus haut {best} {best_mean}, le "
              "plus bas {worst} {worst_mean}; notes basses {low}; {link}.",
    "kp_att_link": "lien le plus net avec l’alliance : {name} (r = {r})",
    "kp_att_no_link": "aucun attribut nettement lié à l’alliance",
    "kp_att_too_few": "Cinq attributs du coach : trop peu de paires ont répondu ({n}; montré à "
                      "partir de {need}).",
}
