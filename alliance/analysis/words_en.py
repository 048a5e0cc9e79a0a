"""The report's sentences in English; `words_fr` has the same keys in French."""

EN: dict[str, str] = {
    "title": "Coach Alliance — program report",
    "title_analysis": "Coach Alliance — analysis report",
    "interim": "Interim report: the program is still running, so figures will change.",
    "final": "Final report: the program is over and no final questionnaire is still open.",
    "interim_open": "Interim report: the program is over, but {n} final questionnaires can still "
                    "be answered, so figures may change.",
    "key_points": "Key points",
    "analysis_only": "Analysis of exported data (no program records attached)",
    "program": "Program: {name}", "dates": "Program dates: {start} to {end}",
    "generated": "Generated: {at} UTC",
    "confidential": "Aggregates only. Dyads appear under pseudonymous codes, figures over "
                    "fewer than 5 dyads are suppressed and nothing is broken down by coach. "
                    "Alliance ratings are developmental feedback, never a coach's "
                    "performance score.",
    "attached": "The PDF report (totals only) is attached.",
    "not_enough": "Not enough data yet", "suppressed": "suppressed: fewer than 5 dyads",
    "kp_participation": "{dyads} dyads, {sessions} sessions held, {pairs} with both check-ins.",
    "kp_response": "Check-in response: coachees {coachee}, coaches {coach}.",
    "kp_alliance": "Mean alliance ({lo}–{hi}) over the {n} dyads' paired sessions: coachees "
                   "{coachee}, coaches {coach}; mean gap coach − coachee {d}.",
    "kp_groups": "Discrepancy groups among the {n} dyads with both ratings (k = {k}, "
                 "reconstructed rule): under {under}, accurate "
                 "{accurate}, over {over}.",
    "kp_ancova_sig": "End-of-program self-efficacy differs between the groups ({test}).",
    "kp_ancova_ns": "No reliable difference in end self-efficacy between the groups ({test}).",
    "kp_ancova_wait": "Group comparison of self-efficacy: not enough data yet ({have} "
                      "complete dyads, {need} needed).",
    "kp_ancova_error": "Group comparison of self-efficacy: {error}.",
    "kp_tracking": "Session by session ({n_obs} paired sessions, {n_dyads} dyads), coachee "
                   "ratings move {b} per point of coach rating; mean bias coach − coachee "
                   "{bias}.",
    "kp_nudges": "{sent} nudges sent; {talked} closed with “we talked”.",
    "kp_effect": "Mean gap D at a nudged session {before}, at the next paired session {after} "
                 "({pairs} nudges followed up).",
    "h_summary": "Summary", "h_participation": "Participation",
    "h_trajectories": "Alliance trajectories", "h_discrepancy": "Coach–coachee discrepancy",
    "h_self_efficacy": "Self-efficacy before and after",
    "h_ancova": "ANCOVA: self-efficacy by discrepancy group", "h_surface": "Response surface",
    "h_sessions": "Session-level mixed model", "h_nudges": "Nudges and what followed",
    "h_interpretation": "Interpretation and caveats", "h_method": "Method notes",
    "surface_note": "Predicted post-test self-efficacy (not change) at the mean baseline "
                    "({se_pre}), drawn only where the dyads lie; the disagreement curve runs "
                    "through their mean level ({level}). Shaded: 95% confidence band.",
    "suppressed_why": "Figures derived from ratings (scores, gaps, groups, nudges, decisions) "
                      "are suppressed: fewer than 5 dyads have answered, and in so small a "
                      "group they would point at people. Participation counts stay.",
    "ft_title": "Follow-through: the gap at the next paired session, by the coach's reply",
    "ft_note": "Each nudge, and each decision whose rule fired but the cooldown held back (no "
               "message), followed to the dyad's next session where both answered. Closed: |D| "
               "under {below} points there. These are associations, not effects: nobody was "
               "assigned at random and large gaps shrink on their own.",
    "kp_follow": "After nudges answered “we talked”, the gap had closed by the next paired "
                 "session in {closed} of {followed}.",
    "kp_follow_held": "Decisions held by the cooldown: {closed} of {followed}.",
    "kp_follow_caveat": "An association, not an effect.",
    "intercept_outside": "The intercept is the coachee's predicted rating where the coach "
                         "rates {c}, outside the coach ratings observed ({lo}–{hi}): an "
                         "extrapolation. Read the slope and the mean bias instead.",
    "kp_groups_model": "Discrepancy groups among the {n} dyads the models use (k = {k}, "
                       "reconstructed rule): under {under}, accurate {accurate}, over {over}.",
    "surface_linear": "The quadratic terms add nothing here, so the curves below come from the "
                      "linear model se_post ~ se_pre + X + Y. Its a1 and a3, the slopes the "
                      "curves show (a2, a4 and a5 are 0 in that model):",
    "surface_full_table": "a1–a5 of the full quadratic model above (the figures alliance "
                          "analyze --json gives):",
    "surface_curves_quadratic": "Curves: the full quadratic model (first table).",
    "surface_curves_linear": "Curves: the linear model (second table).",
    "h_references": "References",
    "cut_rule": "About the groups: Baron, Morin & Morin (2011) do not publish their exact cut "
                "rule. The rule used here is a reconstruction from the self–other agreement "
                "literature (Atwater & Yammarino): over when D > k·SD(D), under when D < "
                "−k·SD(D), accurate otherwise, with k = {k} (configurable per program).",
    "a1": "Slope along the agreement line (coach = coachee): do outcomes rise when both "
          "rate the alliance higher?",
    "a2": "Curvature along the agreement line: does that rise speed up (+) or level off (−)?",
    "a3": "Slope along the disagreement line: positive → better outcomes when the coach rates "
          "higher than the coachee; negative → when the coach rates lower.",
    "a4": "Curvature along the disagreement line: negative → outcomes fall as the views "
          "diverge (a congruence effect also needs a3 ≈ 0).",
    "a5": "Asymmetry: whether the coach's and the coachee's ratings curve differently "
          "(b_X² − b_Y²).",
    "verdict_ok": "no sign of a problem",
    "verdict_bad": "possible problem: read the group comparison with care",
    "higher": "higher", "lower": "lower",
    "c_sample": "Small sample: {n} dyads can only show large effects, and every estimate is "
                "imprecise. Treat p values near .05 as inconclusive.",
    "c_cut": "The three groups come from a reconstructed cut rule (k = {k}); another k "
             "moves dyads between groups.",
    "c_observational": "Observational data: neither the groups nor the nudges were assigned "
                       "at random, so nothing here shows cause and effect.",
    "c_developmental": "Ratings are developmental feedback about a relationship, not a "
                       "measure of any coach's performance.",
    "c_ceiling": "Alliance ratings bunch near the top of the scale, which shrinks the gaps "
                 "and the correlations.",
    "c_interim": "Interim: the final questionnaires are not all in; results can change.",
    "m_scores": "Alliance score: mean of the check-in's scored items (goal, task, bond, "
                "overall); the coach's guess of the coachee's rating is not part of it. "
                "Self-efficacy: mean of the questionnaire's items.",
    "m_dyad": "Dyad alliance: mean over the sessions where both sides answered, so D compares "
              "the same sessions. D = coach − coachee.",
    "m_ancova": "ANCOVA se_post ~ group + se_pre with sum-to-zero contrasts and Type III "
                "tests; adjusted means at the mean of se_pre (as R's emmeans); pairwise "
                "differences with Holm's correction. Checks: equal slopes (group × se_pre), "
                "Levene (median-centred) on se_post, Shapiro–Wilk on the residuals.",
    "m_surface": "Response surface se_post ~ se_pre + X + Y + X² + XY + Y², X and Y centred "
                 "at the scale midpoint; a1 = b_X + b_Y, a2 = b_X² + b_XY + b_Y², a3 = b_X − "
                 "b_Y, a4 = b_X² − b_XY + b_Y², a5 = b_X² − b_Y², SEs from the coefficient "
                 "covariance.",
    "m_mixed": "Mixed model coachee ~ (coach − midpoint) + session + (1 | dyad), REML.",
    "m_nudge": "Nudges: D at the nudged session against D at the dyad's next session with "
               "both check-ins; paired t test over those pairs.",
    "m_privacy": "Confidentiality: figures over fewer than 5 dyads are suppressed; no "
                 "breakdown or ranking by coach.",
    "none": "No nudge decisions yet.",
    "traj_note": "Mean rating at each session number over the sessions where both the coach "
                 "and the coachee answered (n = dyads under each number), so both lines "
                 "describe the same sessions; bars are 95% confidence intervals; the axis "
                 "shows the whole scale. Session numbers with fewer than 5 such dyads are "
                 "left out.",
    "i_participation": "Who took part, and how reliably questionnaires were answered: a "
                       "prompt counts as sent once delivered; the rate is answered / sent.",
    "i_discrepancy": "D is the coach's alliance mean minus the coachee's, per dyad: positive "
                     "when the coach sees the relationship more favourably than the coachee.",
    "i_self_efficacy": "Coachees' self-efficacy at the start and at the end of the program "
                       "(mean of the questionnaire's items), with 95% confidence intervals.",
    "i_ancova": "Does end self-efficacy differ between the groups at an equal starting level? "
                "Baron et al. (2011) found most growth where the coach under-estimated the "
                "alliance. Groups are re-cut among the dyads with both questionnaires.",
    "i_surface": "Instead of cutting D into groups, this model keeps both ratings and "
                 "describes end self-efficacy along the agreement and disagreement lines. "
                 "Read as Humberg, Nestler & Back (2019) advise: the blocks of terms are "
                 "tested first, and only parameters whose 95% interval excludes 0 are read.",
    "i_sessions": "Does the coachee's rating follow the coach's from session to session, "
                  "and do coaches rate the alliance systematically higher or lower?",
    "i_nudges": "What the discrepancy engine decided after each check-in pair, how coaches "
                "answered the nudges, and how the gap D moved by the next session.",
    "c_regression": "Nudges fire when D is high, and high gaps tend to shrink on their own "
                    "(regression towards the mean): a smaller gap afterwards does not prove "
                    "that the nudge worked.",
    "r_same": "Adjusted end self-efficacy: under-estimating {under}, over-estimating {over}, "
              "the direction Baron et al. reported.",
    "r_opposite": "Adjusted end self-efficacy: under-estimating {under}, over-estimating "
                  "{over}, the opposite of Baron et al.'s finding.",
    "h_similarity": "Similar and dissimilar pairs",
    "i_similarity": "The roster gave each coach's and coachee's gender, background and age; "
                    "at import only the pair's result was kept (same or different, and the "
                    "age gap), never anyone's own values. Pairs that are the same are "
                    "compared with pairs that differ on the coachee's alliance mean and on "
                    "the growth in self-efficacy (end − start), with 95% intervals.",
    "sim_gender": "Gender", "sim_background": "Background",
    "sim_known": "{trait}: {known} dyads have it in the roster.",
    "sim_same": "Same", "sim_different": "Different",
    "sim_difference": "Difference (Welch)",
    "sim_alliance": "Coachee alliance (95% CI)", "sim_growth": "Self-efficacy growth (95% CI)",
    "sim_check": "Check: se_post ~ group + se_pre + same_{trait}, n = {n}; similarity term "
                 "{test}. If the adjusted means barely move, matching does not explain the "
                 "group result.",
    "sim_check_none": "Check (ANCOVA with the similarity added): {why}.",
    "sim_without": "Adjusted mean (ANCOVA)", "sim_with": "With similarity",
    "sim_age": "Age gap (years) and {measure}: r = {r} [{lo}; {hi}], {p}, n = {n}.",
    "sim_age_alliance": "the coachee's alliance", "sim_age_growth": "self-efficacy growth",
    "sim_age_none": "Age gap and {measure}: {why}.",
    "sim_suppressed": "Cells with fewer than 5 dyads are suppressed. When one side of a "
                      "comparison has fewer than 5, or 1 to 4 dyads lack the field, both sides "
                      "are withheld: the small group could be worked out from the others and "
                      "the program's overall mean.",
    "sim_limits": "What a program this size cannot show: pairs were not matched at random, so "
                  "a difference may come from anything that goes with similarity (the coach, "
                  "the unit, the goals); and with so few dyads only large differences stand "
                  "out, so no difference here does not mean that similarity does not matter. "
                  "The age gap is reported only as a correlation, and only from 5 dyads.",
    "sim_unavailable": "No pair has similarity fields: the roster had no gender, age or "
                       "background columns, or they were blank.",
    "h_attributes": "Five coach attributes",
    "i_attributes": "Once their own coaching was under way (past the program's midpoint and "
                    "after a few sessions), each coachee rated five coach attributes that "
                    "reviews of the coaching relationship link with a good alliance, on a "
                    "{lo}–{hi} scale. Per attribute: the mean with its 95% interval, the share "
                    "of low ratings (the lower third of the scale: below {cut}), and the "
                    "correlation r with the coachee's mean alliance over their check-ins, with "
                    "the number of dyads that have both.",
    "att_answered": "{n} coachees answered the five-attribute check.",
    "att_withheld": "Withheld: {n} coachees answered the five-attribute check so far, and the "
                    "profile is shown from {need} dyads, so that no answer can be traced to a "
                    "person.",
    "att_attribute": "Attribute", "att_mean": "Mean (95% CI)", "att_low": "Low ratings",
    "att_r": "r with coachee alliance (95% CI)",
    "att_trust": "Trust building", "att_emotions": "Understanding and managing emotions",
    "att_communication": "Two-way communication", "att_learning": "Facilitating learning",
    "att_contract": "Clear contract and process",
    "att_no_spread": "no spread to correlate",
    "att_suppressed": "A cell resting on fewer than 5 dyads is suppressed.",
    "att_limits": "These are the coachees' views of the coaching, for development: never a "
                  "coach's score, and nothing here is broken down by coach. A correlation says "
                  "that the two go together across dyads, not that one causes the other; with "
                  "so few dyads only strong links stand out. The questions are our own wording, "
                  "not a validated scale.",
    "kp_sim": "Pair similarity ({n} pairs with roster fields), coachee alliance and "
              "self-efficacy growth, same vs different: {traits}.",
    "kp_sim_trait": "{trait} — alliance {a_same} vs {a_diff}, growth {g_same} vs {g_diff}, "
                    "{verdict}",
    "kp_sim_too_few": "{trait} — too few pairs",
    "kp_sim_none": "Pair similarity: too few pairs to compare (fewer than 5 on a side).",
    "kp_sim_unavailable": "Pair similarity: no pair has similarity fields in the roster.",
    "kp_sim_clear": "clearly {way} in {what} when the same",
    "kp_sim_unclear": "no clear difference",
    "kp_sim_higher": "higher", "kp_sim_lower": "lower",
    "kp_sim_alliance": "alliance", "kp_sim_growth": "growth",
    "kp_att": "Five coach attributes ({n} coachees): highest {best} {best_mean}, lowest {worst} "
              "{worst_mean}; low ratings {low}; {link}.",
    "kp_att_link": "clearest link with the alliance: {name} (r = {r})",
    "kp_att_no_link": "no attribute clearly linked with the alliance",
    "kp_att_too_few": "Five coach attributes: too few pairs answered yet ({n}; shown from "
                      "{need}).",
}
