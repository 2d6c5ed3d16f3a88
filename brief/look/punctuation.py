"""Each language's spacing around punctuation, set in the fixed words and in the pages' text.

French puts a no-break space before the high marks : ; ! ? and inside guillemets « »
(Lexique des règles typographiques en usage à l'Imprimerie nationale, "Ponctuation"). The
narrow one, U+202F, is used for all of them, as French word processors and CLDR's French data
do: the bundled fonts draw a full no-break space (U+00A0) with the glyph of a space, so the PDF's
text layer (what is copied, searched and read aloud) would lose it, while U+202F keeps its own.
So `Les communes:` and `Les communes :` both print as `Les communes :`, never broken at the
space. English, German and Spanish set no space there; a language that is not listed (one a
project adds) is printed as written.
"""
import re
from dataclasses import dataclass

NARROW_NBSP = "\u202f"
_SPACE = "[ \u00a0\u202f]"
# A run of high marks after a word (or after one space), ending the word: not "10:30", "http://".
_HIGH = re.compile(rf"({_SPACE}?)([:;!?]+)(?=[\s)\]»”’\"]|$)")
_OPENING = "([{«“‘/'\""  # after these a mark is not punctuation of a word: "(?)"
_GUILLEMET_OPEN = re.compile(rf"«{_SPACE}?")
_GUILLEMET_CLOSE = re.compile(rf"{_SPACE}?»")
# The pages' markup: a tag, or a character reference (its ';' is not punctuation).
_TAG = re.compile(r"(<[^>]*>)")
_REFERENCE = re.compile(r"(&#?\w+;)")
_VERBATIM = re.compile(r"<(/?)(code|pre|script|style|kbd|samp)\b", re.I)  # text printed as it is


@dataclass(frozen=True)
class Spacing:
    before: dict        # mark -> the space set before it
    in_guillemets: str  # the space set inside « »


SPACING = {"fr": Spacing({":": NARROW_NBSP, ";": NARROW_NBSP, "!": NARROW_NBSP, "?": NARROW_NBSP}, NARROW_NBSP)}


@dataclass(frozen=True)
class Punctuation:
    """`punctuation(text)` sets a language's spaces in plain text; `.html(page)` in a page's
    text (not its tags, references, code or styles). Both may run twice: the result is the same."""

    spacing: Spacing | None

    def __call__(self, text: str) -> str:
        if self.spacing is None:
            return text
        return self._text(text)

    def _text(self, text: str) -> str:
        spacing = self.spacing

        def high(m):
            before = m.string[m.start() - 1] if m.start() else ""
            if not m[1] and before and before in _OPENING:
                return m[0]
            return spacing.before[m[2][0]] + m[2]
        text = _HIGH.sub(high, text)
        text = _GUILLEMET_OPEN.sub("«" + spacing.in_guillemets, text)
        return _GUILLEMET_CLOSE.sub(spacing.in_guillemets + "»", text)

    def html(self, page: str) -> str:
        if self.spacing is None:
            return page
        out, verbatim = [], 0
        for i, part in enumerate(_TAG.split(page)):
            if i % 2:  # a tag
                if m := _VERBATIM.match(part):
                    verbatim = max(0, verbatim + (-1 if m[1] else 1))
                out.append(part)
            elif verbatim or not part:
                out.append(part)
            else:
                out.append("".join(p if j % 2 else self._text(p) for j, p in enumerate(_REFERENCE.split(part))))
        return "".join(out)


def punctuation(language: str) -> Punctuation:
    return Punctuation(SPACING.get(language.split("-")[0].lower()))
