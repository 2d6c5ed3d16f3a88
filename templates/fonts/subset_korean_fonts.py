"""Make the Korean faces of the default theme: Noto Serif KR and Noto Sans KR, regular and bold.

Debian's `fonts-noto-cjk` ships every CJK language in one collection (.ttc) per weight, about
100 MB in all; a Korean brief needs the Korean face of each, and of that only what Korean text
and a Western quotation use: all 11,172 Hangul syllables, the compatibility jamo, Latin-1 and
Latin Extended-A, general and CJK punctuation (the word joiner U+2060 included: it keeps Korean
words whole in the layout), currency, arrows and full-width forms. The subset keeps its CFF
outlines and its timestamps, so running this again gives the same bytes.

Each face is renamed to its Korean family (Noto Serif KR, Noto Sans KR): a Korean face must not
share a family name with a Latin face of the theme, or text is garbled.

    apt-get install fonts-noto-cjk
    .venv/bin/python templates/fonts/subset_korean_fonts.py [TEMPLATES/FONTS]
"""
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

SYSTEM = Path("/usr/share/fonts/opentype/noto")
OFL = Path(__file__).resolve().parent / "OFL-SourceSans3.txt"  # the same licence text
RANGES = [(0x0020, 0x017F), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x21FF), (0x2460, 0x24FF),
          (0x25A0, 0x25FF), (0x3000, 0x303F), (0x3130, 0x318F), (0xAC00, 0xD7A3), (0xFF00, 0xFFEF)]
FACES = [  # collection, Korean family, weight name, file name in templates/fonts/
    ("NotoSerifCJK-Regular.ttc", "Noto Serif KR", "Regular", "NotoSerifKR_400Regular.otf"),
    ("NotoSerifCJK-Bold.ttc", "Noto Serif KR", "Bold", "NotoSerifKR_700Bold.otf"),
    ("NotoSansCJK-Regular.ttc", "Noto Sans KR", "Regular", "NotoSansKR_400Regular.otf"),
    ("NotoSansCJK-Bold.ttc", "Noto Sans KR", "Bold", "NotoSansKR_700Bold.otf"),
]


def korean_face(collection: Path):
    """The collection's Korean face (its family name ends in KR)."""
    return next(f for f in TTCollection(collection).fonts if f["name"].getDebugName(1).endswith(" KR"))


def rename(font, family: str, weight: str):
    name = font["name"]
    postscript = f"{family.replace(' ', '')}-{weight}"
    for record in list(name.names):
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID in (2, 17):
            record.string = weight
        elif record.nameID in (3, 4):
            record.string = f"{family} {weight}" if record.nameID == 4 else f"{postscript};subset"
        elif record.nameID == 6:
            record.string = postscript
    font["CFF "].cff.fontNames = [postscript]


def make(collection: str, family: str, weight: str, target: Path):
    font = korean_face(SYSTEM / collection)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for a, b in RANGES for c in range(a, b + 1)])
    subsetter.subset(font)
    rename(font, family, weight)
    font.recalcTimestamp = False
    font.save(target)


def main(folder: Path):
    for collection, family, weight, name in FACES:
        make(collection, family, weight, folder / name)
        print(f"{folder / name}: {(folder / name).stat().st_size:,} bytes")
    notice = korean_face(SYSTEM / FACES[0][0])["name"].getDebugName(0)  # Adobe's copyright, as the font states it
    licence = OFL.read_text(encoding="utf-8")
    (folder / "OFL-NotoCJK.txt").write_text(notice + "\n\n" + licence[licence.index("This Font Software"):],
                                            encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent)
