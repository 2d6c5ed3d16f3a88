"""The CSL data model: every item type and variable a source may have, from the CSL 1.0.2
specification (schemas/input/csl-data.json and schemas/styles/csl-variables.rnc of the
citation-style-language/schema repository), so a reference manager's export is accepted whole
and a typo still gets "did you mean".
"""

TYPES = (
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast",
    "chapter", "classic", "collection", "dataset", "document", "entry", "entry-dictionary",
    "entry-encyclopedia", "event", "figure", "graphic", "hearing", "interview", "legal_case",
    "legislation", "manuscript", "map", "motion_picture", "musical_score", "pamphlet",
    "paper-conference", "patent", "performance", "periodical", "personal_communication", "post",
    "post-weblog", "regulation", "report", "review", "review-book", "software", "song", "speech",
    "standard", "thesis", "treaty", "webpage",
)

DATE_VARIABLES = ("accessed", "available-date", "event-date", "issued", "original-date", "submitted")

NAME_VARIABLES = (
    "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor",
    "curator", "director", "editor", "editor-translator", "editorial-director", "executive-producer",
    "guest", "host", "illustrator", "interviewer", "narrator", "organizer", "original-author",
    "performer", "producer", "recipient", "reviewed-author", "script-writer", "series-creator",
    "translator",
)

# Numbers, strings and titles; the CSL-JSON schema's legacy and extension keys are accepted too.
STANDARD_VARIABLES = (
    "chapter-number", "citation-number", "collection-number", "edition", "first-reference-note-number",
    "issue", "locator", "number", "number-of-pages", "number-of-volumes", "page", "page-first",
    "part-number", "printing-number", "section", "supplement-number", "version", "volume",
    "collection-title", "container-title", "original-title", "part-title", "reviewed-title", "title",
    "volume-title", "title-short", "container-title-short", "volume-title-short", "abstract", "annote",
    "archive", "archive-place", "archive_collection", "archive_location", "authority", "call-number",
    "categories", "citation-key", "citation-label", "dimensions", "division", "DOI", "event",
    "event-title", "event-place", "genre", "ISBN", "ISSN", "journalAbbreviation", "jurisdiction",
    "keyword", "language", "license", "medium", "note", "original-publisher", "original-publisher-place",
    "part", "PMCID", "PMID", "printing", "publisher", "publisher-place", "references", "reviewed-genre",
    "scale", "shortTitle", "source", "status", "supplement", "URL", "year-suffix",
)
