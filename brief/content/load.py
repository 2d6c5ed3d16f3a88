"""Stage 1, load: read every content file of a project into located YAML trees."""
import errno
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import bibtex, files, jsonfile, tables
from ..errors import Problems

SOURCE_FILES = ("sources.yaml", "sources.json", "sources.bib")  # CSL YAML, CSL JSON, BibTeX
MAX_FILES = 500  # per folder; 10,000 section files is a mistake, not a brief
# A file's name is its id: it becomes part of HTML ids, cache names and references in prose.
FILE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


@dataclass
class Project:
    """Where a brief's files are. Nothing outside `root` is read."""

    root: Path

    content = property(lambda self: self.root / "content")
    charts = property(lambda self: self.root / "charts")
    templates = property(lambda self: self.root / "templates")
    build = property(lambda self: self.root / "build")

    def watched(self):
        return [self.content, self.charts, self.templates]


@dataclass
class Trees:
    """The parsed files: a tree is None where the file could not be read."""

    brief: object = None
    sections: dict = field(default_factory=dict)  # id -> (path, tree)
    sources: object = None
    sources_path: Path | None = None  # content/sources.yaml, .json or .bib
    developments: object = None
    data: dict = field(default_factory=dict)      # id -> (path, tree)
    tables: dict = field(default_factory=dict)    # id -> (path, Table or None): content/data/*.csv
    charts: dict = field(default_factory=dict)    # id -> (path, tree)
    files: list = field(default_factory=list)


def links_out(project: Project, problems: Problems) -> set[Path]:
    """Every link in the project's folders that leads outside the project or in a loop, and
    every entry that is not a file or a folder (a named pipe would make its reader wait
    forever), refused here once, before any stage reads a file: whatever would read it (Jinja,
    the evidence check, WeasyPrint) then never gets the chance, or finds no file there. Links
    that stay inside are fine."""
    root, refused = project.root.resolve(), set()

    def inside(path: Path, kind: str) -> bool:
        if _in_a_loop(path):
            problems.error(path, 0, "is a link in a loop; remove it")
            refused.add(path)
            return False
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            problems.error(path, 0, f"is a link to a {kind} outside the project; copy the {kind} in instead")
            refused.add(path)
            return False
        if path.exists() and not (path.is_file() or path.is_dir()):
            problems.error(path, 0, "is not a file (a named pipe, socket or device); remove it")
            refused.add(path)
            return False
        return True

    for folder in project.watched():
        if not inside(folder, "folder"):
            continue
        for top, folders, names in os.walk(folder):  # does not follow links into folders
            for name in folders:
                inside(Path(top) / name, "folder")
            for name in names:
                inside(Path(top) / name, "file")
    return refused


def _in_a_loop(path: Path) -> bool:
    try:
        os.stat(path)
    except OSError as e:
        return e.errno == errno.ELOOP
    return False


READERS = {".yaml": files.load, ".json": jsonfile.load, ".bib": bibtex.load,  # by the file's suffix
           ".csv": tables.read_table}


def _read(path: Path, problems: Problems, refused: set[Path]):
    """A file's tree, unless it is a link to something outside the project (reported already)."""
    return None if refused & {path, *path.parents} else READERS[path.suffix](path, problems)


def _folder(folder: Path, problems: Problems, refused: set[Path], suffix=".yaml"):
    if not folder.is_dir():
        return {}
    paths = sorted(folder.glob("*" + suffix))
    if len(paths) > MAX_FILES:
        problems.error(folder, 0, f"{len(paths):,} files; the limit is {MAX_FILES} per folder")
        return None  # refused: later stages must not report its files as missing
    files = {}
    for path in paths:
        if FILE_ID.fullmatch(path.stem):
            files[path.stem] = (path, _read(path, problems, refused))
        else:  # kept as unreadable, so a reference to it is not reported as a missing file too
            problems.error(path, 0, f"'{path.stem}' is not a usable name: a file name here may hold "
                                    "only letters, digits, '-' and '_'; rename the file")
            files[path.stem] = (path, None)
    return files


def load(project: Project, problems: Problems) -> Trees:
    trees = Trees(sources_path=project.content / "sources.yaml")
    brief_path = project.content / "brief.yaml"
    if brief_path.is_dir():
        problems.error(brief_path, 0, "is a folder; the brief's settings must be a file, content/brief.yaml")
        return trees
    if not brief_path.is_file():
        problems.error(brief_path, 0, "not found; is this a brief project (content/brief.yaml)?")
        return trees
    refused = links_out(project, problems)
    trees.brief = _read(brief_path, problems, refused)
    trees.sections = _folder(project.content / "sections", problems, refused)
    present = [project.content / name for name in SOURCE_FILES if (project.content / name).is_file()]
    for extra in present[1:]:
        problems.error(extra, 0, f"the sources are already in {present[0].name}; keep them in one file "
                                 f"({', '.join(SOURCE_FILES)})")
    sources = trees.sources_path = present[0] if present else project.content / "sources.yaml"
    if present:
        trees.sources = _read(sources, problems, refused)
    developments = project.content / "developments.yaml"
    if developments.is_file():
        trees.developments = _read(developments, problems, refused)
    trees.data = _folder(project.content / "data", problems, refused)
    trees.tables = _folder(project.content / "data", problems, refused, ".csv")
    trees.charts = _folder(project.charts, problems, refused)
    trees.files = [brief_path, sources, developments] + [
        p for folder in (trees.sections, trees.data, trees.tables, trees.charts) for p, _ in (folder or {}).values()]
    return trees
