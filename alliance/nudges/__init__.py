"""The discrepancy engine and the nudges it decides."""
