"""Every fixed word of a brief in its language, and its dates and plurals by the locale's rules.

The words come from the theme's strings files (templates/strings/<language>.yaml, by the first
part of the language tag: de for de-DE); a project's file of the same name overrides the keys it
holds, and a project adds a language with one file. Dates are formatted by Babel from CLDR data
(June 21, 2022 in en-US, 21 June 2022 in en-GB, 21. Juni 2022 in de-DE).
"""
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel.dates import format_date

from .numbers import locale
from .theme import theme_dirs

ENGLISH = "en"  # every key is in the default theme's en.yaml


@dataclass
class Strings:
    language: str
    table: dict

    def __call__(self, key: str, **values) -> str:
        return self.table[key].format(**values)

    def plural(self, key: str, count: int, **values) -> str:
        forms = self.table[key]
        form = locale(self.language).plural_form(count)
        return forms.get(form, forms["other"]).format(count=count, **values)

    def date(self, day) -> str:
        return format_date(day, format="long", locale=locale(self.language))


def strings_files(project_root: Path, language: str) -> list[Path]:
    """The strings files for `language`, the default theme's first, the project's last."""
    names = [f"{language}.yaml", f"{language.split('-')[0]}.yaml"]
    found = []
    for folder in reversed(theme_dirs(project_root)):
        found += [f for f in (folder / "strings" / n for n in dict.fromkeys(names)) if f.is_file()][:1]
    return found


def load_strings(project_root: Path, language: str) -> Strings | None:
    """The strings for `language`, English filling any key a file leaves out; None if no file
    has the language at all."""
    files = strings_files(project_root, language)
    if not files:
        return None
    english = strings_files(project_root, ENGLISH)
    table = {}
    for path in english + files:
        table.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return Strings(language, table)
