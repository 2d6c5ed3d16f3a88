"""Translations: the editions of a brief after the first, each made from the original's files.

`editions: [en-US, ko-KR]` in brief.yaml: the first edition is the original, each other one a
translation in content/<LANG>/, with the original's relative paths (brief.yaml,
sections/<id>.yaml, developments.yaml, charts/<id>.yaml). A translation file holds only the
text a reader reads: the plain-text and Markdown fields of the original's records, with the
same keys and nesting; a record with an id is matched by its id, a list without ids by
position. Everything else (data, sources, excerpts, ids, dates, numbers, settings) is the
original's, so the translated Content is the original's records with their text replaced.

What is missing or extra is an error at its place. A quotation in a translation is the
translation of the quotation in the same place of the original (the n-th of a field is the
n-th), so their counts must match; the evidence check verifies the original's, and the
translated edition marks each of its quotations as the brief's translation, with the
original's words beside it in a note. Each translation file records the hash of the original
text it translates (`brief translated` stamps it); `brief check` warns when they differ.
"""
import copy
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Callable
from pathlib import Path

from ..errors import Problems
from ..evidence.claims import QUOTE, mask
from . import files, model
from .chart_kinds import CHART_KINDS
from .files import Map, Seq
from .markdown import Prose
from .schema import Struct
from .types import MISSING, Ctx, ListOf, Markdown, Plain, check_value, describe, suggest

STAMP = re.compile(r"^# translates: ([0-9a-f]{16})[ \t]*\n?", re.M)
# The folders of the original's files, one file a record: (its name in content/<LANG>/, its own place).
FOLDERS = (("sections", "content/sections"), ("charts", "charts"))


@dataclass
class TranslationFile:
    original: Path       # the original's file
    path: Path           # its translation, content/<LANG>/...
    tree: object         # the translation's YAML tree (None: unreadable or missing)
    text: str = ""       # the translation file as written (for its stamp)


def translation_files(root: Path, language: str) -> dict[Path, Path]:
    """The translation path of each original file that carries text, and every file that is in
    the translation's folder: {translation path: original path (None: it translates nothing)}."""
    folder = root / "content" / language
    out = {folder / "brief.yaml": root / "content" / "brief.yaml"}
    if (root / "content" / "developments.yaml").is_file():
        out[folder / "developments.yaml"] = root / "content" / "developments.yaml"
    for name, where in FOLDERS:
        for original in sorted((root / where).glob("*.yaml")):
            out[folder / name / original.name] = original
    for found in sorted(folder.rglob("*.yaml")) if folder.is_dir() else []:
        out.setdefault(found, None)
    return out


def original_text(value, type_) -> object:
    """The translatable text of a validated record, list or value, as JSON data (what a
    translation translates: its hash tells when the original's text has changed)."""
    if isinstance(type_, (Plain, Markdown)):
        return value.text if isinstance(value, Prose) else value
    if isinstance(type_, ListOf):
        return [original_text(v, type_.item) for v in value] if _has_text(type_.item) else None
    if isinstance(type_, Struct) and _has_text(type_):
        return {name: original_text(getattr(value, name), f.type) for name, f in type_.fields.items()
                if _has_text(f.type) and getattr(value, name) not in (None, [])}
    return None


def text_hash(value, type_) -> str:
    """The hash a translation is stamped with: of the text alone, so neither a setting of the
    original nor a new version of this tool makes a translation out of date."""
    text = json.dumps(original_text(value, type_), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def stamp_of(text: str) -> str | None:
    found = STAMP.search(text)
    return found[1] if found else None


def stamped(text: str, digest: str) -> str:
    """The translation file's text with its stamp set to `digest`, on its first line."""
    return f"# translates: {digest}\n" + STAMP.sub("", text, count=1)


def _has_text(type_) -> bool:
    if isinstance(type_, (Plain, Markdown)):
        return True
    if isinstance(type_, ListOf):
        return _has_text(type_.item)
    if isinstance(type_, Struct):
        return any(_has_text(f.type) for f in type_.fields.values())
    return False


def _keyed(struct) -> bool:
    return isinstance(struct, Struct) and "id" in struct.fields


def _given(value) -> bool:
    return value not in (None, [], "")


def _rel(path: Path, root: Path) -> str:
    return str(path.relative_to(root))


class Translator:
    """Puts one translation's text into copies of the original's records, reporting what does
    not match at its place."""

    def __init__(self, content: model.Content, language: str, note: Callable[[str], str], problems: Problems):
        self.content, self.language, self.problems = content, language, problems
        self.note = note  # the note on a translated quotation, given the original's words
        self.plain: list[tuple[Path, int, str]] = []  # each translated plain text, where it is written
        self.files: list[TranslationFile] = []

    def where(self, path: Path, line: int) -> str:
        return f"{_rel(path, self.content.root)}:{line}"

    def translate(self) -> model.Content:
        content, root = self.content, self.content.root
        read = {}
        for path, original in translation_files(root, self.language).items():
            if original is None:
                self.problems.error(path, 0, f"translates nothing: there is no {_original_name(path, root, self.language)}; "
                                             "remove the file or give it the name of the original it translates")
                continue
            if not path.is_file():
                self.problems.error(path, 0, f"is missing: the {self.language} translation of "
                                             f"{_rel(original, root)}; add it, with that file's text fields translated")
                continue
            tree = files.load(path, self.problems)
            text = path.read_text(encoding="utf-8") if tree is not None else ""
            self.files.append(TranslationFile(original, path, tree, text))
            read[original] = (path, tree)
        out = copy.copy(content)
        out.translations = {}
        brief_path = root / "content" / "brief.yaml"
        if read.get(brief_path, (None, None))[1] is not None:
            out.brief = copy.copy(self.record(content.brief, *read[brief_path], model.Brief.schema, brief_path))
            out.brief.language = self.language
        developments = root / "content" / "developments.yaml"
        if read.get(developments, (None, None))[1] is not None:
            path, tree = read[developments]
            ctx = Ctx(path, getattr(tree, "line", 1) or 1, 1, "developments", self.problems)
            out.developments = self.value(content.developments, tree, model.DEVELOPMENTS, ctx,
                                          self.where(developments, 1))
        out.sections = [self.file_record(s, read, model.Section.schema) for s in content.sections]
        out.charts = {i: self.file_record(c, read, model.Chart.schema) for i, c in content.charts.items()}
        if read.get(developments, (None, None))[1] is not None:
            self.check_states(out, *read[developments])
        return out

    def check_states(self, out: model.Content, path: Path, tree):
        """A development's state names one of a states chart's states: translated, it must be
        that state's translation in the chart's translation (the n-th state's n-th)."""
        translated = {}  # the original's state -> its translation
        for chart_id, chart in self.content.charts.items():
            if CHART_KINDS[chart.kind].draws == "states":
                translated.update(zip(chart.states, out.charts[chart_id].states))
        for i, (original, development) in enumerate(zip(self.content.developments, out.developments)):
            expected = translated.get(original.state)
            if expected is not None and development.state != expected and isinstance(tree, Seq):
                self.problems.error(path, tree.loc[i][0], f"'state' must be '{expected}', the translation of "
                                    f"'{original.state}' in the states chart's translation; use the same words")

    def file_record(self, record, read, schema):
        path, tree = read.get(record.path, (None, None))
        return record if tree is None else self.record(record, path, tree, schema, record.path)

    def record(self, record, path, tree, schema, original_path):
        ctx = Ctx(path, getattr(tree, "line", 1) or 1, 1, schema.what, self.problems)
        return self.value(record, tree, schema, ctx, self.where(original_path, record.line or 1))

    def value(self, original, value, type_, ctx, where: str):
        """The translation of `original` (a record, list or text; `where` in the original's
        file) read from `value`."""
        if isinstance(type_, (Plain, Markdown)):
            return self.text(original, value, type_, ctx, where)
        if isinstance(type_, ListOf):
            return self.items(original, value, type_.item, ctx, where)
        return self.fields(original, value, type_, ctx, where)

    def text(self, original, value, type_, ctx, where):
        translated = check_value(type_, value, ctx)
        if translated is MISSING:
            return original
        if not isinstance(translated, Prose):
            self.plain.append((ctx.path, ctx.line, translated))
        before, after = _quotations(original), _quotations(translated)
        if len(before) != len(after):
            ctx.error(f"'{ctx.name}' has {len(after)} quotation{'s' * (len(after) != 1)} but the original has "
                      f"{len(before)} ({where}); translate each quotation of the original, in order, as one "
                      "quotation in quotation marks, and add none")
        elif isinstance(translated, Prose) and before:
            return marked(translated, original, self.note)
        return translated

    def fields(self, original, value, struct, ctx, where):
        if not isinstance(value, Map):
            ctx.error(f"the translation of a {struct.what} must be a mapping of its text fields, not {describe(value)}")
            return original
        texts = {name: f for name, f in struct.fields.items() if _has_text(f.type)}
        for key in value:
            if key == "id" and _keyed(struct):
                continue
            if key not in texts:
                why = ("is not in the original's fields" if key not in struct.fields else
                       "is shared from the original (ids, dates, numbers, sources and settings are not translated)")
                self.problems.error(ctx.path, value.key_line[key], f"'{key}' {why}; remove it from the translation")
        out, missing = copy.copy(original), []
        lines = getattr(original, "field_lines", None) or {}
        for name, f in texts.items():
            present, given = value.get(name) is not None, _given(getattr(original, name))
            if given and not present:
                missing.append(name)
            elif present and not given:
                self.problems.error(ctx.path, value.key_line[name], f"'{name}' is not in the original "
                                    f"({where}); remove it from the translation")
            elif present:
                at = _at(where, lines.get(name) or _line_of(getattr(original, name)))
                setattr(out, name, self.value(getattr(original, name), value[name], f.type,
                                              ctx.child(value, name, name), at))
        if missing:
            names = ", ".join(f"'{n}' ({_at(where, lines.get(n) or _line_of(getattr(original, n)))})"
                              for n in missing)
            ctx.error(f"the translation of this {struct.what} has no {names}; add the translated text")
        return out

    def items(self, originals: list, value, item, ctx, where):
        if not isinstance(value, Seq):
            ctx.error(f"'{ctx.name}' must be a list, as in the original, not {describe(value)}")
            return originals
        if _keyed(item):
            return self.keyed_items(originals, value, item, ctx, where)
        if len(value) != len(originals):
            short, long = sorted((len(value), len(originals)))
            span = f"item {long}" if long == short + 1 else f"items {short + 1}–{long}"
            shown = (f"{span} {'is' if long == short + 1 else 'are'} missing" if len(value) < len(originals)
                     else f"{span} {'has' if long == short + 1 else 'have'} no original; remove "
                          f"{'it' if long == short + 1 else 'them'}")
            ctx.error(f"'{ctx.name}' has {len(value)} item{'s' * (len(value) != 1)} but the original has "
                      f"{len(originals)} ({where}): {shown}; translate each item, in the original's order")
        return [self.value(o, v, item, ctx.child(value, i, f"{ctx.name} item {i + 1}"), _at(where, _line_of(o)))
                for i, (o, v) in enumerate(zip(originals, value))] + list(originals[len(value):])

    def keyed_items(self, originals, value, item, ctx, where):
        ids = [o.id for o in originals]
        given = {}
        for i, v in enumerate(value):
            key = v.get("id") if isinstance(v, Map) else None
            line = value.loc[i][0]
            if key not in ids:
                self.problems.error(ctx.path, line, f"{item.what} '{key}' is not in the original; remove it or "
                                                   f"give the original's id" + suggest(str(key), ids))
            elif key in given:
                self.problems.error(ctx.path, line, f"{item.what} '{key}' is translated twice; keep one")
            else:
                given[key] = i
        if lost := [i for i in ids if i not in given]:
            ctx.error(f"'{ctx.name}' has no translation of {', '.join(repr(i) for i in lost)}; add "
                      + ("them, each with its 'id'" if len(lost) > 1 else "it, with its 'id'"))
        return [self.value(o, value[given[o.id]], item, ctx.child(value, given[o.id], f"{item.what} '{o.id}'"),
                           _at(where, o.line)) if o.id in given else o for o in originals]

    def stale(self):
        """Warn for each translation file not stamped with the hash of the text it translates."""
        for file in self.files:
            if file.tree is None:
                continue
            stamp, now = stamp_of(file.text), original_hash(self.content, file.original)
            command = f"brief translated {self.language}"
            if stamp is None:
                self.problems.warn(file.path, 1, f"this translation of {_rel(file.original, self.content.root)} is "
                                   f"not stamped; once it translates the original's current text, run '{command}'")
            elif stamp != now:
                self.problems.warn(file.path, 1, f"this translation is older than "
                                   f"{_rel(file.original, self.content.root)}, whose text has changed since; "
                                   f"update the translation, then run '{command}'")


def original_hash(content: model.Content, original: Path) -> str:
    """The hash of the translatable text of one of the original's files."""
    root = content.root
    if original == root / "content" / "brief.yaml":
        return text_hash(content.brief, model.Brief.schema)
    if original == root / "content" / "developments.yaml":
        return text_hash(content.developments, model.DEVELOPMENTS)
    for record in [*content.sections, *content.charts.values()]:
        if record.path == original:
            return text_hash(record, type(record).schema)
    return ""


def _line_of(value) -> int:
    """The line a validated value starts on in its file, when it knows it (0: it does not)."""
    return getattr(value, "line", 0) or 0


def _at(where: str, line: int) -> str:
    """`where` (path:line) moved to `line` of the same file, when it is known."""
    return f"{where.rsplit(':', 1)[0]}:{line}" if line else where


def _original_name(path: Path, root: Path, language: str) -> str:
    relative = path.relative_to(root / "content" / language)
    if relative.parts[0] == "charts":
        return str(Path("charts", *relative.parts[1:]))
    return str(Path("content", relative))


def _quotations(text) -> list:
    """The quotations of a field as the evidence check reads them (not in citations or notes)."""
    return list(QUOTE.finditer(mask(text.text if isinstance(text, Prose) else text or "")))


def _escaped(text: str) -> str:
    """Text to put into Markdown as it is: every ASCII punctuation mark escaped."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", " ".join(text.split()))


CITATION = re.compile(r"\[[^\[\]]*@[^\[\]]*\]")  # [@key], [see @a; @b, p. 4]


def marked(translated: Prose, original: Prose, note: Callable[[str], str]) -> Prose:
    """The translation with each quotation tied to the original's words (which the evidence check
    verified), saying it is the brief's translation: in the suffix of the citation that follows it
    in its paragraph, so the sentence's own note carries them (a note of its own for each crowded
    a translation's pages, up to 15 notes on one); a quotation with no citation after it in
    its paragraph gets a note of its own."""
    text, into_citation, own_note = translated.text, {}, []
    for mine, theirs in zip(_quotations(translated), _quotations(original)):
        paragraph_end = text.find("\n\n", mine.end())
        citation = CITATION.search(text, mine.end(), len(text) if paragraph_end < 0 else paragraph_end)
        if citation:
            into_citation.setdefault(citation.end() - 1, []).append(theirs[1])
        else:
            own_note.append((mine.end(), theirs[1]))
    edits = [(at, ", " + _escaped(note("”, “".join(words)))) for at, words in into_citation.items()]
    edits += [(at, f"^[{_escaped(note(words))}]") for at, words in own_note]
    for at, insert in sorted(edits, reverse=True):  # from the end, so the places before stay put
        text = text[:at] + insert + text[at:]
    return Prose(text, translated.path, translated.line)
