"""Numbers and months written in words, in the languages the theme ships (en, de, fr, es).

The evidence check reads "three million", "drei Millionen", "trois millions" and "tres
millones" as 3000000, and "4 March 2024", "4. März 2024", "4 mars 2024" and "4 de marzo de
2024" as the same day. Month names come from CLDR (Babel), so a language a project adds has
them too; CLDR has no number words to read, so they are listed here: every number from two to
ninety-nine as one word or a compound, and a scale after it (hundred, thousand, million …).
The word for one counts only before a scale ("one million"): alone it is mostly not a number,
and French "neuf" (also "new") likewise.
"""
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from babel.dates import get_month_names

from ..look.numbers import locale

LANGUAGES = ("en", "de", "fr", "es")


def _english():
    units = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
             "fifteen sixteen seventeen eighteen nineteen").split()
    words = {w: n for n, w in enumerate(units) if n >= 2}
    for n, ten in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2):
        words[ten] = n * 10
        words |= {f"{ten}-{units[u]}": n * 10 + u for u in range(1, 10)}
    scales = {"hundred": 100, "thousand": 10 ** 3, "million": 10 ** 6, "billion": 10 ** 9, "trillion": 10 ** 12}
    return words, {"one": 1}, scales


def _german():
    units = "null ein zwei drei vier fünf sechs sieben acht neun".split()
    teens = "zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn".split()
    words = {w: n for n, w in enumerate(units) if n >= 2} | {w: 10 + n for n, w in enumerate(teens)}
    for n, ten in enumerate("zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig".split(), 2):
        words[ten] = n * 10
        words |= {f"{units[u]}und{ten}": n * 10 + u for u in range(1, 10)}  # dreiundzwanzig
    scales = {"hundert": 100, "tausend": 10 ** 3, "million": 10 ** 6, "millionen": 10 ** 6,
              "milliarde": 10 ** 9, "milliarden": 10 ** 9, "billion": 10 ** 12, "billionen": 10 ** 12}
    return words, {"ein": 1, "eine": 1, "einer": 1}, scales


def _french():
    units = ["", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"]
    teens = "dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf".split()
    words = {units[n]: n for n in range(2, 9)} | {w: 10 + n for n, w in enumerate(teens)}
    for ten, word in ((20, "vingt"), (30, "trente"), (40, "quarante"), (50, "cinquante"), (60, "soixante")):
        words[word] = ten
        words |= {f"{word} et un": ten + 1, f"{word}-et-un": ten + 1}  # 1990 spelling: hyphens throughout
        words |= {f"{word}-{units[u]}": ten + u for u in range(2, 10)}
    words |= {f"soixante-{w}": 70 + n for n, w in enumerate(teens)} | {"soixante et onze": 71}
    words |= {"quatre-vingts": 80, "quatre-vingt": 80}
    words |= {f"quatre-vingt-{units[u]}": 80 + u for u in range(1, 10)}
    words |= {f"quatre-vingt-{w}": 90 + n for n, w in enumerate(teens)}
    scales = {"cent": 100, "cents": 100, "mille": 10 ** 3, "million": 10 ** 6, "millions": 10 ** 6,
              "milliard": 10 ** 9, "milliards": 10 ** 9}
    return words, {"un": 1, "une": 1, "neuf": 9}, scales


def _spanish():
    units = ["", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"]
    teens = "diez once doce trece catorce quince dieciséis diecisiete dieciocho diecinueve".split()
    words = {units[n]: n for n in range(2, 10)} | {w: 10 + n for n, w in enumerate(teens)}
    words["veinte"] = 20
    words |= {w: 21 + n for n, w in enumerate("veintiuno veintidós veintitrés veinticuatro veinticinco veintiséis "
                                             "veintisiete veintiocho veintinueve".split())} | {"veintiuna": 21}
    for n, ten in enumerate("treinta cuarenta cincuenta sesenta setenta ochenta noventa".split(), 3):
        words[ten] = n * 10
        words |= {f"{ten} y {units[u]}": n * 10 + u for u in range(1, 10)} | {f"{ten} y una": n * 10 + 1}
    scales = {"cien": 100, "ciento": 100, "cientos": 100, "mil": 10 ** 3, "millón": 10 ** 6,
              "millones": 10 ** 6, "mil millones": 10 ** 9}
    return words, {"un": 1, "uno": 1, "una": 1}, scales


_TABLES = {"en": _english, "de": _german, "fr": _french, "es": _spanish}


def _alternatives(words) -> str:
    # Longest first, so "dix-sept" is read before "dix"; a space in a word is any space.
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class NumberWords:
    words: dict          # word -> value, 2 to 99
    before_scale: dict   # words that count only before a scale ("one million")
    scales: dict         # scale word -> factor
    pattern: re.Pattern

    def find(self, text: str):
        """(match, value) for each number written in words in `text`."""
        for m in self.pattern.finditer(text):
            word = " ".join(m[1].lower().split())
            value = self.words.get(word) or self.before_scale[word]
            yield m, (Decimal(value) * self.scale(m[2]) if m[2] else Decimal(value)).normalize()

    def scale(self, word: str) -> int:
        return self.scales.get(" ".join(word.lower().split()), 1)


@lru_cache(maxsize=None)
def number_words(language: str) -> NumberWords | None:
    """The number words of `language` (a tag such as fr-FR), or None when none are listed."""
    table = _TABLES.get(language.split("-")[0].lower())
    if table is None:
        return None
    words, before_scale, scales = table()
    scale = f"\\s+(?:{_alternatives(scales)})"
    pattern = re.compile(rf"(?<![\w-])({_alternatives(words)}|(?:{_alternatives(before_scale)})(?={scale}))"
                         rf"(?:\s+({_alternatives(scales)}))?"
                         r"(?!\w)", re.I)
    return NumberWords(words, before_scale, scales, pattern)


# Every language's scale words from a thousand up, for units such as "USD billion" and for
# digits with a scale ("5,09 milliards"); English's meaning wins where two differ ("billion").
# Not a hundred: "50 cents" and a unit of "US cents" are no hundreds.
SCALES = {w: f for lang in reversed(LANGUAGES) for w, f in number_words(lang).scales.items() if f >= 1000}


def scale_value(word: str, language: str) -> int:
    own = number_words(language)
    key = " ".join(word.lower().split())
    return own.scales[key] if own and key in own.scales else SCALES[key]


@lru_cache(maxsize=None)
def month_names(language: str) -> dict[str, int]:
    """Each month's name in `language` as CLDR writes it in a date (wide form), -> its number."""
    return {name: n for n, name in get_month_names("wide", locale=locale(language)).items()}


@lru_cache(maxsize=None)
def month_pattern(languages: tuple) -> str:
    """A regular expression group matching a month's name in any of `languages`: as CLDR writes
    it ("March", "März"), or with a capital where CLDR writes it in lower case ("Mars" starting
    a sentence), never in lower case where CLDR writes a capital ("may" is not May)."""
    names = set()
    for language in languages:
        for name in month_names(language):
            names |= {name, name[:1].upper() + name[1:]}
    return "(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + ")"


def month_number(name: str, languages: tuple) -> int:
    for language in languages:
        for known, number in month_names(language).items():
            if known.lower() == name.lower():
                return number
    raise KeyError(name)
