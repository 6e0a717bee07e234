"""Keeping the picture alive: the action plan, indicators, tension reports and follow-ups."""
