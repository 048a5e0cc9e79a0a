"""Prompts and what answers them: check-ins one tap at a time, baseline and final windows, the
optional checks.
"""
