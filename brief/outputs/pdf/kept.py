"""Finished PDFs kept by content hash under build/.cache/layouts/: an edition whose HTML, and
every file its layout read, are as they were is not laid out again.

WeasyPrint's layout is the build's longest step, and a save in `brief watch` seldom changes
every edition: an edit to the original's prose leaves a translation's HTML as it was (the
translation is only warned out of date), so the translation's PDFs are the same bytes as
before and are taken from here. The key holds what the PDF's bytes depend on: the HTML the
output first renders (templates, prose, notes, figures, strings and look all show in it),
what its links say, where it stands, and the code that lays out and writes it (this package's
sources; WeasyPrint's, its requirements' and pikepdf's versions). Each entry names the files the
layout fetched (fonts, stylesheet, charts, logo) with their contents' hashes, and is used only
while every one of them hashes the same; it keeps the warnings the layout gave, which are said
again when it is used. A layout that found an error is not kept. Not in the key: the system's
Pango, HarfBuzz and fontconfig (`make clean` after upgrading them).
"""
import json
import os
import re
from dataclasses import asdict, dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from ... import cache as sealing
from ...errors import Problem
from ...look.theme import DEFAULT_THEME
from ...writing import write_atomic
from .layout import fetchable, file_hash

FILES = {"brief.pdf", "brief-onepage.pdf", "brief.html"}  # what an entry may hold
KEPT = 2  # entries kept for each edition's output: the last used, and the one before it (an edit undone)


@dataclass(frozen=True)
class Laid:
    """What one output's layout made: its files by name (the PDF first), the PDF's page count,
    and what the layout found doubtful."""
    files: dict[str, bytes]
    pages: int | None
    problems: list[Problem]


@cache
def _code() -> str:
    """This package's sources and the versions of what lays out and writes the PDF."""
    package = Path(__file__).resolve().parents[2]
    sources = sorted(p for p in package.rglob("*") if p.suffix in (".py", ".lua"))
    laying_out = ["weasyprint", "pikepdf", *(re.match(r"[A-Za-z0-9._-]+", r)[0]
                                             for r in metadata.requires("weasyprint") or () if "extra ==" not in r)]
    return sealing.digest(*(p.read_bytes() for p in sources), *(f"{d} {metadata.version(d)}" for d in laying_out))


class Kept:
    """One edition's output (`kind`, in its `place` under build/) in the cache of `root`."""

    def __init__(self, root: Path, place: str, kind: str, html: str, links: tuple[dict, dict], modes: tuple):
        """`modes`: the look's settings that steer the layout besides the HTML (look.layout,
        look.notes), which a project's own template need not show in it."""
        self.root, self.folder = root, root / "build" / ".cache" / "layouts"
        self.name = f"{place or 'original'}.{kind}"
        self.key = sealing.digest(_code(), place, kind, html, json.dumps(links, sort_keys=True, ensure_ascii=False),
                                  *modes)

    def _path(self, part: str) -> Path:
        return self.folder / f"{self.name}.{self.key}.{part}"

    def get(self) -> Laid | None:
        """The kept layout, or None when there is none, it is damaged or not of the shape `put`
        writes, or a file it read has changed."""
        if (index := sealing.read_sealed(self._path("json"))) is None:
            return None
        try:
            entry = json.loads(index)
            fetched, names = dict(entry["fetched"]), list(entry["files"])
            problems = [Problem(**p) for p in entry["problems"]]
            pages = entry["pages"]
            if not (all(isinstance(n, str) and n in FILES for n in names)
                    and all(isinstance(k, str) and isinstance(v, str) for k, v in fetched.items())
                    and all(_well_formed(p) for p in problems) and (pages is None or type(pages) is int)
                    and all(self._unchanged(name, digest) for name, digest in fetched.items())):
                return None
        except (ValueError, KeyError, TypeError):
            return None
        laid = Laid({}, pages, problems)
        for name in names:
            if (data := sealing.read_sealed(self._path(name))) is None:
                return None
            laid.files[name] = data
        try:
            os.utime(self._path("json"))  # used now: `put` removes the entries used longest ago
        except OSError:
            pass
        return laid

    def _unchanged(self, name: str, digest: str) -> bool:
        """Whether a file the layout fetched (named as `put` names it) still hashes to `digest`."""
        place, _, relative = name.partition(":")
        if place not in ("project", "theme"):
            return False
        try:
            path = ((self.root if place == "project" else DEFAULT_THEME) / relative).resolve()
            return fetchable(path, self.root) and file_hash(path.read_bytes()) == digest
        except (OSError, ValueError):  # ValueError: a NUL in the name
            return False

    def put(self, laid: Laid, fetched: dict[str, str]):
        """Keep `laid`, whose layout fetched `fetched` (resolved path -> hash), each named from the
        project's or the default theme's folder, so a copy of the project finds its own files;
        the index last, so an entry cut short is never read whole. Older entries of this output
        beyond KEPT go."""
        root, theme = self.root.resolve(), DEFAULT_THEME.resolve()
        fetched = {f"project:{Path(path).relative_to(root)}" if Path(path).is_relative_to(root)
                   else f"theme:{Path(path).relative_to(theme)}": digest for path, digest in fetched.items()}
        for name, data in laid.files.items():
            write_atomic(self._path(name), sealing.sealed(data))
        write_atomic(self._path("json"), sealing.sealed(json.dumps(
            {"files": list(laid.files), "pages": laid.pages, "fetched": fetched,
             "problems": [asdict(p) for p in laid.problems]}, ensure_ascii=False).encode()))
        entries = [p.name for p in self.folder.iterdir()]
        indexes = sorted((n for n in entries if n.startswith(self.name + ".") and n.endswith(".json")),
                         key=lambda n: _last_used(self.folder / n), reverse=True)
        for old in indexes[KEPT:]:
            for part in (n for n in entries if n.startswith(old.removesuffix("json"))):
                try:
                    (self.folder / part).unlink()
                except OSError:  # removed meanwhile by another build, or not a file we wrote
                    pass


def _well_formed(problem: Problem) -> bool:
    return (isinstance(problem.path, str) and type(problem.line) is int and isinstance(problem.message, str)
            and type(problem.warning) is bool)


def _last_used(index: Path) -> int:
    try:
        return index.stat().st_mtime_ns
    except OSError:  # removed meanwhile by another build of the project
        return 0
