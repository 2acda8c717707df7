"""Names: people, agencies and outlets as bylines and pages write them.

The one layer that knows names, used by the readers' extractors (which block or element is a byline)
and by enrich (a byline into authors): `words` holds the word lists, `people` and `outlets` the
predicates, `authors` the parsing of one author value."""
