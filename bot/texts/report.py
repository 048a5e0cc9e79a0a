"""Texts of /report, the program lead's analysis."""

EN = {
    "report.pick_program": "Which program should the report cover?",
    "report.preparing": "Preparing the report for “{program}”: a summary and a PDF with "
    "statistics and charts, totals only. This takes a moment; I will send it here.",
    "report.failed": "Sorry, the report could not be prepared. Nothing was changed; please try "
    "again later.",
    "report.pdf_caption": "Report (PDF) — aggregates only, pseudonymous codes.",
}

FR = {
    "report.pick_program": "Sur quel programme doit porter le rapport?",
    "report.preparing": "Je prépare le rapport de « {program} » : un résumé et un PDF avec "
    "statistiques et graphiques, totaux seulement. Cela prend un moment; je l'enverrai ici.",
    "report.failed": "Désolé, le rapport n'a pas pu être préparé. Rien n'a été modifié; "
    "veuillez réessayer plus tard.",
    "report.pdf_caption": "Rapport (PDF) — agrégats seulement, codes pseudonymes.",
}
