"""The works the report relies on, cited in its text and listed on its last page (APA style)."""

from __future__ import annotations

__all__ = ["REFERENCES"]

REFERENCES: tuple[str, ...] = (
    "Atwater, L. E., & Yammarino, F. J. (1997). Self–other rating agreement: A review and model. "
    "Research in Personnel and Human Resources Management, 15, 121–174.",
    "Baron, L., Morin, L., & Morin, D. (2011). Executive coaching: The effect of working "
    "alliance discrepancy on the development of coachees' self-efficacy. Journal of Management "
    "Development, 30(9), 847–864.",
    "Barnett, A. G., van der Pols, J. C., & Dobson, A. J. (2005). Regression to the mean: What it "
    "is and how to deal with it. International Journal of Epidemiology, 34(1), 215–220.",
    "Bates, D., Mächler, M., Bolker, B., & Walker, S. (2015). Fitting linear mixed-effects models "
    "using lme4. Journal of Statistical Software, 67(1), 1–48.",
    "Bordin, E. S. (1979). The generalizability of the psychoanalytic concept of the working "
    "alliance. Psychotherapy: Theory, Research & Practice, 16(3), 252–260.",
    "Brown, M. B., & Forsythe, A. B. (1974). Robust tests for the equality of variances. Journal "
    "of the American Statistical Association, 69(346), 364–367.",
    "Edwards, J. R. (2002). Alternatives to difference scores: Polynomial regression analysis and "
    "response surface methodology. In F. Drasgow & N. Schmitt (Eds.), Measuring and analyzing "
    "behavior in organizations (pp. 350–400). Jossey-Bass.",
    "Graßmann, C., Schölmerich, F., & Schermuly, C. C. (2020). The relationship between working "
    "alliance and client outcomes in coaching: A meta-analysis. Human Relations, 73(1), 35–58.",
    "Holm, S. (1979). A simple sequentially rejective multiple test procedure. Scandinavian "
    "Journal of Statistics, 6(2), 65–70.",
    "Humberg, S., Nestler, S., & Back, M. D. (2019). Response surface analysis in personality and "
    "social psychology: Checklist and clarifications for the case of congruence hypotheses. "
    "Social Psychological and Personality Science, 10(3), 409–419.",
    "Shanock, L. R., Baran, B. E., Gentry, W. A., Pattison, S. C., & Heggestad, E. D. (2010). "
    "Polynomial regression with response surface analysis: A powerful approach for examining "
    "moderation and overcoming limitations of difference scores. Journal of Business and "
    "Psychology, 25(4), 543–554.",
    "Shapiro, S. S., & Wilk, M. B. (1965). An analysis of variance test for normality (complete "
    "samples). Biometrika, 52(3–4), 591–611.",
    "West, T. V., & Kenny, D. A. (2011). The truth and bias model of judgment. Psychological "
    "Review, 118(2), 357–378.",
)
