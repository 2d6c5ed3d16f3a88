"""Words in Hangul kept whole at line ends, for WeasyPrint, which has no `word-break: keep-all`.

Hangul text separates words with spaces but a line may break between any two syllables (UAX #14),
which reads like breaking an English word between letters. Between the characters of each
word that holds Hangul a WORD JOINER (U+2060, an invisible character that forbids a break) is
put, in the HTML given to WeasyPrint only: in the text of its body, never in an attribute (alt
text) or the head (the PDF's title and metadata). The web edition says `word-break: keep-all`
in its CSS instead.
"""
import re

WORD_JOINER = "\u2060"
KEEP_ALL = ("ko",)  # languages whose words break only at spaces
HANGUL_WORD = re.compile(r"[^\s<>]*[\uac00-\ud7a3\u3131-\u318e][^\s<>]*")
TEXT = re.compile(r">([^<]+)<")


CHARACTER = re.compile(r"&#?\w+;|.", re.S)  # an entity (&amp;) is one character


def _joined(word: re.Match) -> str:
    return WORD_JOINER.join(CHARACTER.findall(word[0]))


def keep_words_whole(html: str, language: str) -> str:
    """The HTML with the characters of each word in Hangul joined (for a language in KEEP_ALL)."""
    if language.split("-")[0].lower() not in KEEP_ALL:
        return html
    start = html.index("<body")
    body = TEXT.sub(lambda m: ">" + HANGUL_WORD.sub(_joined, m[1]) + "<", html[start:])
    return html[:start] + body
