"""The lead's report, the researcher's export, and the statistics behind both (analysis/)."""
