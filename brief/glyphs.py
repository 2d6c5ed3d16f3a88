"""Characters the bundled fonts cannot draw: a warning, never a silent fallback font.

Pango would otherwise pick any system font for a missing glyph (Korean text in an English
brief, say), so the PDF would depend on the machine and embed a font we do not ship.
"""
import json
import unicodedata
from pathlib import Path

from . import cache, prose


def drawable(fonts_dir: Path, cache_dir: Path) -> set[int]:
    """Code points every bundled regular face can draw (cached: reading cmaps costs ~0.3 s)."""
    faces = sorted(fonts_dir.glob("*_400Regular.ttf"))
    key = cache.digest(*(f"{f.name}:{f.stat().st_size}:{f.stat().st_mtime_ns}" for f in faces))
    cached = cache_dir / f"glyphs-{key}.json"
    if cached.exists():
        return set(json.loads(cached.read_text()))
    from fontTools.ttLib import TTFont
    sets = []
    for face in faces:
        with TTFont(face, lazy=True) as font:
            sets.append(set(font.getBestCmap()))
    common = set.intersection(*sets) if sets else set()
    cache.write_atomic(cached, json.dumps(sorted(common)))
    return common


def _missing(text, ok):
    return sorted({c for c in text if ord(c) not in ok and not c.isspace()
                   and unicodedata.category(c) not in ("Cc", "Cf")})


def check_glyphs(texts, fonts_dir: Path, cache_dir: Path, problems):
    """`texts` yields (Prose or (path, line, text)); warn once per field with what is missing."""
    ok = None
    for item in texts:
        path, line, text = (item.path, item.line, item.text) if isinstance(item, prose.Prose) else item
        if text.isascii():
            continue
        ok = ok if ok is not None else drawable(fonts_dir, cache_dir)
        if missing := _missing(text, ok):
            first = text.index(missing[0])
            at = prose.line_of(item, first) if isinstance(item, prose.Prose) else line
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing[:8])
            more = f" and {len(missing) - 8} more" if len(missing) > 8 else ""
            problems.warn(path, at, f"the bundled fonts cannot draw {shown}{more}; "
                                    "remove them or add a font that has them to templates/fonts/")
