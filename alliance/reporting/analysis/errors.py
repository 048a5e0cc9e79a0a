"""Errors the analysis raises, so callers can tell bad input from a model that cannot be fitted."""

from __future__ import annotations


class AnalysisInputError(ValueError):
    """Input data a user supplied is malformed; the message names file, column and line."""


class ModelNotFittableError(ValueError):
    """The data are valid but too thin for one model; the rest of the analysis still runs."""
