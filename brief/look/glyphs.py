"""Characters the brief's fonts cannot draw: a warning, never a silent fallback font.

Pango would otherwise pick any system font for a missing glyph (Chinese text in an English
brief, say), so the PDF would depend on the machine and embed a font we do not ship.
"""
import unicodedata

from .. import cache
from ..content import markdown
from .theme import FontFace


def _cmap(face: FontFace) -> list[int]:
    from fontTools.ttLib import TTFont
    with TTFont(face.path, lazy=True) as font:
        return sorted(font.getBestCmap())


def drawable(faces: list[FontFace], facts: cache.Facts) -> set[int]:
    """Code points every regular face can draw (reading a cmap costs ~30 ms, so it is kept)."""
    sets = []
    for face in faces:
        if face.weight == 400 and face.style == "normal":
            sets.append(set(facts.get(f"glyphs-{cache.file_key(face.path)}.json", lambda: _cmap(face))))
    return set.intersection(*sets) if sets else set()


def _missing(text, ok):
    return sorted({c for c in text if ord(c) not in ok and not c.isspace()
                   and unicodedata.category(c) not in ("Cc", "Cf")})


def check_glyphs(texts, faces: list[FontFace], facts: cache.Facts, problems):
    """`texts` yields (Prose or (path, line, text)); warn once per field with what is missing."""
    ok = None
    for item in texts:
        path, line, text = (item.path, item.line, item.text) if isinstance(item, markdown.Prose) else item
        if text.isascii():
            continue
        ok = ok if ok is not None else drawable(faces, facts)
        if missing := _missing(text, ok):
            first = text.index(missing[0])
            at = markdown.line_of(item, first) if isinstance(item, markdown.Prose) else line
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing[:8])
            more = f" and {len(missing) - 8} more" if len(missing) > 8 else ""
            problems.warn(path, at, f"the bundled fonts cannot draw {shown}{more}; "
                                    "remove them or add a font that has them to templates/fonts/")
