"""Extractors: raw record -> fields with the rule that produced each, one module a format.

Which extractor reads a record is decided in `toolkit.formats`, where each format is declared once."""
