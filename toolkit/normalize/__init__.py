"""Normalisation: URLs, dates, language tags and text, each a small pure function."""
