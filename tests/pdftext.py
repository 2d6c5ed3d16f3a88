"""Reading a built PDF the way a reader sees it: lines of text, top to bottom."""
from pypdf import PdfReader


def page_lines(page):
    """The text of a page as lines, grouped by baseline, top to bottom."""
    rows = {}

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            y = round(tm[5] * cm[3] + cm[5]) if cm else round(tm[5])
            x = tm[4] * cm[0] + cm[4] if cm else tm[4]
            rows.setdefault(y, []).append((x, text))

    page.extract_text(visitor_text=visit)
    return [" ".join(t.strip() for _, t in sorted(rows[y])).strip() for y in sorted(rows, reverse=True)]


def outline(reader: PdfReader):
    """Top-level outline entries: (title, page number)."""
    return [(item.title, reader.get_destination_page_number(item) + 1)
            for item in reader.outline if not isinstance(item, list)]


def all_text(reader: PdfReader):
    """All text as one line: line breaks are spaces, so a sentence can be found whole."""
    return " ".join(" ".join(line for page in reader.pages for line in page_lines(page)).split())


def squash(text: str) -> str:
    """Text with spaces and hyphens removed: a sentence matches however the lines broke."""
    return "".join(c for c in text if not c.isspace() and c not in "-\u00ad")
