"""The look's checks: the language's strings, the fonts, the logo, the palette's contrast, the
citation style, the project's own templates and the characters the fonts cannot draw.
`check_look` returns the look as it resolves (theme, font faces, CSL style, strings), which the content carries on to the build, so
nothing is resolved twice.
"""
from dataclasses import dataclass
from pathlib import Path

from ..content.types import suggest
from ..errors import Problems
from . import numbers
from .glyphs import check_glyphs
from .templates import check_templates
from .strings import Strings, check_strings, load_strings, strings_files
from .theme import (AA, DEFAULT, LOGO_SUFFIXES, FontFace, Theme, check_logo, check_style_file, citation_style, font_faces,
                    for_language, low_contrast, theme_of)


@dataclass(frozen=True)
class ResolvedLook:
    theme: Theme
    faces: list[FontFace]
    citation_style: Path | None  # the CSL file, None when the style named is nowhere
    strings: Strings | None      # the fixed words in the brief's language, None when it has none


def check_look(content, texts, facts, problems: Problems, strings_ok: bool) -> ResolvedLook:
    """Check the look brief.yaml asks for, and the `texts` against its fonts; the resolved look
    (its strings only when `check_language` found them usable)."""
    _, faces = for_language(DEFAULT, font_faces(content.root, facts, problems), content.brief.language)
    theme = _check_theme(content, faces, problems)  # a font of another script's editions is not available
    theme, faces = for_language(theme, faces, content.brief.language)
    style = _check_style(content, problems)
    check_templates(content.root, problems)
    check_glyphs(texts, faces, facts, problems)
    return ResolvedLook(theme, faces, style, load_strings(content.root, content.brief.language) if strings_ok else None)


def translated_look(look: ResolvedLook, translation, texts, facts, problems) -> ResolvedLook:
    """The look of a translation: the original's, in the translation's language and its fonts."""
    language = translation.brief.language
    theme, faces = for_language(look.theme, font_faces(translation.root, facts, problems), language)
    check_glyphs(texts, faces, facts, problems)
    return ResolvedLook(theme, faces, look.citation_style, load_strings(translation.root, language))


def check_language(content, problems, language=None, field="language") -> bool:
    """Whether the brief's language (or another `language`, which brief.yaml names in `field`)
    is one Babel knows and the theme has strings for."""
    brief, where = content.brief, content.root / "content" / "brief.yaml"
    language = language or brief.language
    line = brief.field_lines.get(field, brief.line)
    try:
        numbers.locale(language)
    except ValueError as e:
        problems.error(where, line, f"'{field}': {e}")
        return False
    if not strings_files(content.root, language):
        problems.error(where, line, f"there are no strings for '{language}'; add "
                                    f"templates/strings/{language.split('-')[0]}.yaml (copy the "
                                    "English one from the default theme and translate it)")
        return False
    before = len(problems.errors)
    check_strings(content.root, language, problems)
    return len(problems.errors) == before


def _check_theme(content, faces, problems) -> Theme:
    brief, where = content.brief, content.root / "content" / "brief.yaml"
    look, line = brief.look, brief.field_lines.get("look", brief.line)
    families = sorted({f.family for f in faces})
    for name in ("body_font", "heading_font"):
        family = getattr(look, name)
        if family and family not in families:
            problems.error(where, line, f"font '{family}' ({name}) is not among the fonts: put its files in "
                                        f"templates/fonts/ (available: {', '.join(families)})"
                           + suggest(family, families))
    theme = theme_of(look, content.root)
    logo = theme.logo
    if logo and logo.suffix.lower() not in LOGO_SUFFIXES:
        problems.error(where, line, f"logo '{look.logo}' must be an SVG or PNG image; convert it")
    elif logo and not logo.is_file():
        problems.error(where, line, f"logo '{look.logo}' is not in templates/; put the image there")
    elif logo:
        check_logo(logo, problems)
    for text, ground, ratio in low_contrast(theme):
        problems.warn(where, line, f"the colours '{text}' on '{ground}' have a contrast of {ratio:.2f}:1; "
                                   f"text needs {AA}:1 (WCAG 2.2 AA): make one darker or lighter")
    return theme


def _check_style(content, problems) -> Path | None:
    style = citation_style(content.root, content.brief.citation_style)
    if style is not None and style.is_relative_to(content.root):
        check_style_file(style, problems)
    if style is None:
        brief = content.brief
        problems.error(content.root / "content" / "brief.yaml", brief.field_lines.get("citation_style", brief.line),
                       f"citation style '{brief.citation_style}' is neither in templates/csl/ nor one of "
                       "the CSL project's styles (https://www.zotero.org/styles); check the file name")
    return style
