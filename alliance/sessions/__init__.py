"""Coaching sessions: logged, reported, scheduled, confirmed, undone; the picker's slots."""
