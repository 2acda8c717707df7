"""The roles a flat dump's block can have: what training labels and what the reader asks the model for.
A model's card lists the roles it was trained on, in this order."""
from __future__ import annotations

from enum import Enum


class Role(str, Enum):
    """A role; it is its name as text wherever text is wanted (a rule's name, a model card)."""

    OTHER = "other"
    HEADLINE = "headline"
    ALT_HEADLINE = "alt_headline"
    DESCRIPTION = "description"
    BODY = "body"
    DATE_PUBLISHED = "date_published"
    DATE_MODIFIED = "date_modified"
    DATE_CREATED = "date_created"
    AUTHOR = "author"
    CREATOR = "creator"
    PUBLISHER = "publisher"
    SECTION = "section"
    KEYWORD = "keyword"
    TERM = "term"
    MEDIA = "media"
    LANGUAGE = "language"
    LINK = "link"

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


ROLES = [role.value for role in Role]
