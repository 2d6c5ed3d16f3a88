"""`brief upgrade`: rewrite a project written for an older layout of this tool into the current one.

Each older form is found in the YAML's nodes, which know where their text starts and ends, and
only that text is replaced: the rest of the file, its comments and its quoting, stays as written.
A project already in the current layout is left alone, so a second run changes nothing.

The older forms (from this repository's history):
- key findings as plain strings: now {short: ..., text: ...};
- recommendations grouped as {to: ..., items: [...]}: now one {id, to, ask, why} per ask;
- no bottom_line in brief.yaml: now required;
- a series' format in Python's "{:,.1f}": now a CLDR pattern, "#,##0.0";
- the developments list placed after the section named latest-developments: now the section
  that says `developments: true`;
- archive excerpts that were only the passages: now a header says where and when the text was
  read. The older layout took every excerpt to be the source's own text, read by the edition;
  the header says so, and names the source's title and address.
"""
import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..content.types import cldr_pattern

LATEST = "latest-developments"  # the section older layouts gave the developments list
SHORT_LIMIT, ASK_LIMIT = 240, 400  # as model.Finding.short and model.Recommendation.ask


@dataclass
class Edit:
    start: int  # offsets into the file's text
    end: int
    text: str


@dataclass
class Change:
    path: Path
    before: str
    after: str

    def diff(self, root: Path) -> str:
        name = self.path.relative_to(root).as_posix()
        return "".join(difflib.unified_diff(self.before.splitlines(True), self.after.splitlines(True),
                                            f"a/{name}", f"b/{name}"))


@dataclass
class Upgrade:
    changes: list[Change]
    skipped: list[Path]  # files that could not be read, or whose rewrite would not read back


def upgrade(root: Path) -> Upgrade:
    """What would change in each file of the project, in the order of the files; nothing is written."""
    skipped: list[Path] = []
    changes = []
    brief_file = root / "content/brief.yaml"
    brief = _node(root, brief_file, skipped)
    if brief is not None:
        changes.append(_change(brief_file, _brief_edits(brief)))
    for path in sorted((root / "content/data").glob("*.yaml")):
        if (data := _node(root, path, skipped)) is not None:
            changes.append(_change(path, _format_edits(data)))
    changes.append(_developments_flag(root, brief, skipped))
    changes += _excerpt_headers(root, _text(_get(brief, "edition")), skipped)
    good = []
    for change in (c for c in changes if c and c.before != c.after):
        try:  # a rewrite that YAML cannot read back is not written
            if change.path.suffix == ".yaml":
                yaml.compose(change.after, Loader=yaml.SafeLoader)
            good.append(change)
        except yaml.YAMLError:
            skipped.append(change.path)
    return Upgrade(good, skipped)


def write(changes: list[Change]):
    for change in changes:
        change.path.write_text(change.after, encoding="utf-8")


# --- finding the older forms ---------------------------------------------------------------

def _read(root: Path, path: Path, skipped: list[Path]) -> str | None:
    """The file's text, or None (noted in `skipped`) when it is absent, cannot be read, or is a
    link that leads out of the project: upgrade writes only inside the project, as build reads."""
    if not path.is_file():
        return None
    try:
        if not path.resolve().is_relative_to(root.resolve()):
            raise OSError
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        skipped.append(path)
        return None


def _node(root: Path, path: Path, skipped: list[Path]):
    """The file's YAML node tree, or None when it cannot be read (build and check say why)."""
    if (text := _read(root, path, skipped)) is None:
        return None
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        skipped.append(path)
        return None


def _get(node, key):
    if isinstance(node, yaml.MappingNode):
        return next((value for k, value in node.value if k.value == key), None)
    return None


def _text(node) -> str:
    return node.value if isinstance(node, yaml.ScalarNode) else ""


def _brief_edits(brief) -> list[Edit]:
    edits, first_ask = [], None
    findings = _get(brief, "key_findings")
    if isinstance(findings, yaml.SequenceNode) and findings.flow_style:  # [a, b]: rewritten as a block
        if any(isinstance(item, yaml.ScalarNode) for item in findings.value):
            key = next(k for k, v in brief.value if v is findings)
            column = key.start_mark.column
            colon = key.end_mark.buffer.index(":", key.end_mark.index) + 1
            edits.append(Edit(colon, findings.end_mark.index, "".join(
                f"\n{' ' * (column + 2)}- short: {_scalar(_short(item.value))}\n{' ' * (column + 4)}text: "
                f"{json.dumps(item.value, ensure_ascii=False)}" for item in findings.value)))
    for item in findings.value if isinstance(findings, yaml.SequenceNode) and not findings.flow_style else ():
        if isinstance(item, yaml.ScalarNode):
            indent = " " * item.start_mark.column
            edits.append(Edit(item.start_mark.index, _end(item),
                              f"short: {_scalar(_short(item.value))}\n"
                              f"{indent}text: {_source(item, 2)}"))
    recommendations = _get(brief, "recommendations")
    taken: set[str] = set()
    for group in recommendations.value if isinstance(recommendations, yaml.SequenceNode) else ():
        items = _get(group, "items")
        if not isinstance(items, yaml.SequenceNode):
            continue
        indent = " " * group.start_mark.column
        asks = []
        for item in items.value:
            ask = _plain(_text(item), ASK_LIMIT)
            first_ask = first_ask or ask
            deeper = group.start_mark.column + 2 - item.start_mark.column  # as deep under why: as it was
            why = f"\n{indent}why: {_source(item, deeper)}" if ask != _text(item).strip() else ""  # its citations
            asks.append(f"id: {_id(ask, taken)}\n{indent}to: {_scalar(_addressee(_text(_get(group, 'to'))))}\n"
                        f"{indent}ask: {_scalar(ask)}{why}")
        edits.append(Edit(group.start_mark.index, _end(group), f"\n{indent[:-2]}- ".join(asks)))
    if isinstance(brief, yaml.MappingNode) and _get(brief, "bottom_line") is None and first_ask:
        line = f"bottom_line: {_scalar(first_ask)}\n"
        if summary := next((k for k, _ in brief.value if k.value == "summary"), None):  # its place now
            edits.append(Edit(summary.start_mark.index, summary.start_mark.index, line))
        else:
            end = len(brief.start_mark.buffer.rstrip("\0\n"))
            edits.append(Edit(end, end, "\n" + line.rstrip("\n")))
    return edits


def _format_edits(data) -> list[Edit]:
    edits = []
    series = _get(data, "series")
    for one in series.value if isinstance(series, yaml.SequenceNode) else ():
        format_ = _get(one, "format")
        if isinstance(format_, yaml.ScalarNode) and (pattern := cldr_pattern(format_.value)):
            edits.append(Edit(format_.start_mark.index, format_.end_mark.index, f'"{pattern}"'))
    return edits


def _developments_flag(root: Path, brief, skipped: list[Path]) -> Change | None:
    """Older layouts listed the developments after the section named latest-developments."""
    sections = _get(brief, "sections")
    named = {_text(s) for s in sections.value} if isinstance(sections, yaml.SequenceNode) else set()
    latest = root / "content/sections" / f"{LATEST}.yaml"
    if LATEST not in named or not latest.is_file():
        return None
    if any(_get(_node(root, p, []), "developments") is not None for p in (root / "content/sections").glob("*.yaml")):
        return None
    if (text := _read(root, latest, skipped)) is None:
        return None
    return Change(latest, text, text + ("" if text.endswith("\n") else "\n") + "developments: true\n")


def _excerpt_headers(root: Path, edition: str, skipped: list[Path]) -> list[Change]:
    archive = root / "content/archive"
    if not edition or not archive.is_dir():
        return []
    sources = _get(_node(root, root / "content/sources.yaml", skipped), "references")
    by_file = {}
    for source in sources.value if isinstance(sources, yaml.SequenceNode) else ():
        named = _get(source, "archive")
        files = [_text(n) for n in named.value] if isinstance(named, yaml.SequenceNode) else [_text(named)]
        for name in [f"{_text(_get(source, 'id'))}.txt"] + files:
            by_file.setdefault(name, source)
    changes = []
    for path in sorted(archive.glob("*.txt")):
        if (text := _read(root, path, skipped)) is None or "---" in (line.strip() for line in text.split("\n")):
            continue
        source = by_file.get(path.name)
        header = (f"title: {_text(_get(source, 'title')) or path.stem}\n"
                  f"read at: {_text(_get(source, 'URL')) or 'not recorded'}\n"
                  f"copy: original\nread on: {edition}\n"
                  "copied from: the source's text, as the older layout took every excerpt to be\n---\n")
        changes.append(Change(path, text, header + text))
    return changes


def _change(path: Path, edits: list[Edit]) -> Change:
    text = path.read_text(encoding="utf-8")  # read before by _node
    after = text
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        after = after[:edit.start] + edit.text + after[edit.end:]
    return Change(path, text, after)


# --- writing the new forms -------------------------------------------------------------------

def _source(node, deeper: int) -> str:
    """The node's text exactly as written (quotes, block style), its later lines moved `deeper`
    (or less deep): a value that moves under a key stays indented as far below it as before."""
    text = node.start_mark.buffer[node.start_mark.index:_end(node)]
    first, *rest = text.split("\n")
    return "\n".join([first] + [_indented(line, deeper) for line in rest])


def _indented(line: str, deeper: int) -> str:
    if not line.strip():
        return line
    if deeper >= 0:
        return " " * deeper + line
    return line[min(-deeper, len(line) - len(line.lstrip(" "))):]


def _end(node) -> int:
    """Where a node's own text ends: a block scalar's or a block collection's end mark is past
    its last line, comments and blank lines included."""
    if isinstance(node, yaml.MappingNode) and node.value:
        end = max(_end(value) for _, value in node.value)
    elif isinstance(node, yaml.SequenceNode) and node.value:
        end = _end(node.value[-1])
    else:
        end = node.end_mark.index
    while end > node.start_mark.index and node.start_mark.buffer[end - 1] in "\n ":
        end -= 1
    return end


# Markdown that plain fields refuse: a note, a citation, a link's address, emphasis, code, {{...}}.
_NOTE = re.compile(r"\^\[[^\[\]]*\]")
_CITATION = re.compile(r"\s*\[[^\[\]]*@[^\[\]]*\]|\s*@[\w:.#$%&+?<>~/-]+(?:\s*\[[^\[\]]*\])?")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
_MARKS = re.compile(r"\*+|`+|\{\{[^}]*\}\}|(?<!\w)_+|_+(?!\w)")


def _plain(markdown: str, limit: int, sentences=True) -> str:
    """The Markdown's words as plain text: its first sentence if the whole is over the limit
    (or always, without `sentences`)."""
    text = _MARKS.sub("", _CITATION.sub("", _LINK.sub(r"\1", _NOTE.sub("", markdown))))
    text = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(text.split()))
    if sentences and len(text) <= limit:
        return text
    sentence = re.match(r"(.+?[.!?])(\s|$)", text)
    if sentence and len(sentence[1]) <= limit:
        return sentence[1]
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


def _short(finding: str) -> str:
    """A finding's short form: its bold lead, as older briefs wrote it, or its first sentence."""
    if lead := re.match(r"\s*\*\*(.+?)\*\*", finding, re.S):
        return _plain(lead[1], SHORT_LIMIT)
    return _plain(finding, SHORT_LIMIT, sentences=False)


def _addressee(to: str) -> str:
    """Older layouts headed a group "To the Council"; now the ask is printed "The Council: ..."."""
    if (m := re.match(r"To\s+(\S)(.*)", to, re.S)):
        return m[1].upper() + m[2]
    return to


def _id(ask: str, taken: set[str]) -> str:
    """An id for {{rec:ID}} from the ask's first words, unique in the brief."""
    words = re.findall(r"[a-z0-9]+", ask.lower())[:4] or ["ask"]
    base = "-".join(words)[:50]
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}-{n}"
    taken.add(name)
    return name


def _scalar(text: str) -> str:
    """The text as a one-line YAML scalar: plain when YAML reads it back as the same text."""
    try:
        plain = yaml.safe_load(text) == text and "\n" not in text and " #" not in text
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)
