"""With `look.notes: side`: the notes the side column could not hold, to be set at the foot.

The print CSS floats each side note from its call into the side column, so one layout places
most of them beside the line that calls them. A note goes to the page's foot in another layout
when the column could not hold it there: it landed on another page than its call (the column
was full to the page's end), ends above its call (WeasyPrint left it behind when the line moved
to the next page), overlaps an earlier note (WeasyPrint 70 sets a float met inside a line at
the line's top, ignoring `clear`, so the column beside the call was taken) or a figure (figures
reach into the side column). Positions are read from the layout's Page.anchors (each box with an
id, as x1, y1, x2, y2): the calls', the notes' and the figures'.
"""
from collections import defaultdict

from ...errors import Problems
from ..templates import CALL_ID_PREFIX, FIGURE_ID_PREFIX, NOTE_ID_PREFIX
from .layout import numbered_anchors

CORRECTIONS = 2  # layouts after the first, at most


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def misplaced_side_notes(document, foot_notes=frozenset()) -> frozenset[int]:
    """The side notes (all notes but `foot_notes`) that are not beside their calls."""
    calls, notes = numbered_anchors(document, CALL_ID_PREFIX), numbered_anchors(document, NOTE_ID_PREFIX)
    taken = defaultdict(list)  # page -> boxes in the side column: figures, then notes in order
    for index, page in enumerate(document.pages):
        taken[index] += [box for name, box in page.anchors.items() if name.startswith(FIGURE_ID_PREFIX)]
    misplaced = set()
    for number, (page, box) in sorted(notes.items()):
        if number in foot_notes:
            continue
        call_page, call = calls[number]
        if call_page != page or box[3] <= call[1] or any(_overlap(box, other) for other in taken[page]):
            misplaced.add(number)
        else:
            taken[page].append(box)
    return frozenset(misplaced)


def set_side_notes(render, lay_out, pdf_path, problems):
    """The HTML (`render(foot_notes)`) and its layout (`lay_out(html, problems)`) with every note
    in the side column but those it cannot hold, found in at most CORRECTIONS more layouts: a
    note set at the foot takes lines from its page, which can push another call to a page's end,
    so the first correction may need a second. What still misses its place then is reported,
    not chased with further layouts (each costs as much as the first). Only the last layout's
    warnings are kept: the others' layouts are thrown away."""
    foot_notes = frozenset()
    for correction in range(CORRECTIONS + 1):
        html, heard = render(foot_notes), Problems(problems.root)
        document = lay_out(html, heard)
        misplaced = misplaced_side_notes(document, foot_notes)
        if not misplaced or correction == CORRECTIONS:
            break
        foot_notes |= misplaced
    problems.extend(heard.items)
    if misplaced:
        problems.warn(pdf_path, 0, "notes " + ", ".join(map(str, sorted(misplaced))) + " are not beside "
                                   "their calls in the side column; shorten or move them, or use look.notes: foot")
    return html, document
