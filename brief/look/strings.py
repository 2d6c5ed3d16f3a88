"""Every fixed word of a brief in its language, and its dates and plurals by the locale's rules.

The words come from the theme's strings files (templates/strings/<language>.yaml, by the first
part of the language tag: de for de-DE); a project's file of the same name overrides the keys it
holds, and a project adds a language with one file. Dates are formatted by Babel from CLDR data
(June 21, 2022 in en-US, 21 June 2022 in en-GB, 21. Juni 2022 in de-DE).
"""
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from string import Formatter

import yaml
from babel.dates import format_date

from ..content import files
from ..errors import Problems
from .numbers import locale
from .punctuation import Punctuation, punctuation
from ..content.types import describe, suggest
from .theme import DEFAULT_THEME, theme_dirs

ENGLISH = "en"  # every key is in the default theme's en.yaml
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")  # CLDR's categories
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML was built with it


@dataclass
class Strings:
    language: str
    table: dict

    @cached_property
    def punctuation(self) -> Punctuation:
        return punctuation(self.language)

    def __call__(self, key: str, **values) -> str:
        return self.punctuation(self.table[key].format(**values))

    def plural(self, key: str, count: int, **values) -> str:
        forms = self.table[key]
        form = locale(self.language).plural_form(count)
        return self.punctuation(forms.get(form, forms["other"]).format(count=count, **values))

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
    for path in dict.fromkeys(english + files):  # en.yaml once for an English brief
        table.update(yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or {})
    return Strings(language, table)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


def check_strings(project_root: Path, language: str, problems: Problems):
    """A project's own strings files, against the default theme's English one: known names only,
    text where it has text, plural forms where it has them, and only the {placeholders} each
    string is given. (The default theme's files are the tool's, and tested.)"""
    reference = yaml.load((DEFAULT_THEME / "strings" / f"{ENGLISH}.yaml").read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    for path in dict.fromkeys(strings_files(project_root, ENGLISH) + strings_files(project_root, language)):
        if not path.is_relative_to(project_root):
            continue
        tree = files.load(path, problems)
        if tree is None:
            continue
        if not isinstance(tree, dict):
            problems.error(path, getattr(tree, "line", 0) or 1, "a strings file holds names and their words, "
                           f"one a line ('contents: Contents'), not {describe(tree)}")
            continue
        for name, value in tree.items():
            _check_string(path, tree.key_line[name], name, value, reference, problems)


def _check_string(path, line, name, value, reference, problems):
    if name not in reference:
        problems.error(path, line, f"'{name}' is not one of the brief's strings (see the default theme's "
                                   f"strings/{ENGLISH}.yaml){suggest(name, reference)}")
        return
    if isinstance(reference[name], dict):
        if not isinstance(value, dict):
            problems.error(path, line, f"'{name}' must hold plural forms ('one:', 'other:' …), "
                                       f"not {'text' if isinstance(value, str) else describe(value)}")
            return
        if "other" not in value:
            problems.error(path, line, f"'{name}' needs an 'other:' form, the one every language has")
        for form, text in value.items():
            if form not in PLURAL_FORMS:
                problems.error(path, value.key_line[form], f"'{form}' is not a plural form; use "
                                                           f"{', '.join(PLURAL_FORMS[:-1])} or other")
            else:
                _check_text(path, value.key_line[form], name, text, reference[name]["other"], problems)
    else:
        _check_text(path, line, name, value, reference[name], problems)


def _check_text(path, line, name, text, reference: str, problems):
    if not isinstance(text, str):
        problems.error(path, line, f"'{name}' must be text, not {describe(text)}")
        return
    try:
        used = _placeholders(text)
    except ValueError:
        problems.error(path, line, f"'{name}' has a '{{' or '}}' without its pair; write '{{{{' or '}}}}' "
                                   "for a brace itself")
        return
    given = _placeholders(reference)
    for unknown in sorted(used - given):
        can = ", ".join(f"{{{g}}}" for g in sorted(given)) or "none"
        problems.error(path, line, f"'{name}' uses {{{unknown}}}, which it is not given; it can use {can}")
