"""Stage 1, load: read every content file of a project into located YAML trees."""
import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlfile
from .errors import Problems
from .pandoc import pandoc_binary

SOURCE_FILES = ("sources.yaml", "sources.json", "sources.bib")  # CSL YAML, CSL JSON, BibTeX
MAX_FILES = 500  # per folder; 10,000 section files is a mistake, not a brief
# A file's name is its id: it becomes part of HTML ids, cache names and references in prose.
FILE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


@dataclass
class Project:
    """Where a brief's files are. Nothing outside `root` is read."""

    root: Path

    @property
    def content(self):
        return self.root / "content"

    @property
    def charts(self):
        return self.root / "charts"

    @property
    def templates(self):
        return self.root / "templates"

    @property
    def build(self):
        return self.root / "build"

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
    charts: dict = field(default_factory=dict)    # id -> (path, tree)
    files: list = field(default_factory=list)


def _inside(path: Path, root: Path, problems: Problems) -> bool:
    if path.resolve().is_relative_to(root.resolve()):
        return True
    problems.error(path, 0, "is a link to a file outside the project; copy the file in instead")
    return False


def _read(path: Path, root: Path, problems: Problems):
    """A file's tree, unless it is a link to something outside the project."""
    return yamlfile.load(path, problems) if _inside(path, root, problems) else None


def _bibtex(path: Path, root: Path, problems: Problems):
    """A BibTeX file's entries as CSL, read by Pandoc (no lines: they would be the JSON's)."""
    if not _inside(path, root, problems) or yamlfile.read_text(path, problems) is None:
        return None
    done = subprocess.run([pandoc_binary(), "-f", "bibtex", "-t", "csljson", str(path)],
                          capture_output=True, timeout=120)
    if done.returncode != 0:
        problems.error(path, 0, "Pandoc cannot read this BibTeX file: "
                       + done.stderr.decode(errors="replace").strip().splitlines()[-1][:200])
        return None
    return yamlfile.located(json.loads(done.stdout))


def _folder(folder: Path, root: Path, problems: Problems):
    if not folder.is_dir():
        return {}
    paths = sorted(folder.glob("*.yaml"))
    if len(paths) > MAX_FILES:
        problems.error(folder, 0, f"{len(paths):,} files; the limit is {MAX_FILES} per folder")
        return None  # refused: later stages must not report its files as missing
    files = {}
    for path in paths:
        if FILE_ID.fullmatch(path.stem):
            files[path.stem] = (path, _read(path, root, problems))
        else:  # kept as unreadable, so a reference to it is not reported as a missing file too
            problems.error(path, 0, f"'{path.stem}' is not a usable name: a file name here may hold "
                                    "only letters, digits, '-' and '_'; rename the file")
            files[path.stem] = (path, None)
    return files


def load(project: Project, problems: Problems) -> Trees:
    trees = Trees()
    brief_path = project.content / "brief.yaml"
    if not brief_path.is_file():
        problems.error(brief_path, 0, "not found; is this a brief project (content/brief.yaml)?")
        return trees
    root = project.root
    trees.brief = _read(brief_path, root, problems)
    trees.sections = _folder(project.content / "sections", root, problems)
    present = [project.content / name for name in SOURCE_FILES if (project.content / name).is_file()]
    for extra in present[1:]:
        problems.error(extra, 0, f"the sources are already in {present[0].name}; keep them in one file "
                                 f"({', '.join(SOURCE_FILES)})")
    sources = trees.sources_path = present[0] if present else project.content / "sources.yaml"
    if present:
        trees.sources = (_bibtex(sources, root, problems) if sources.suffix == ".bib"
                         else _read(sources, root, problems))
    developments = project.content / "developments.yaml"
    if developments.is_file():
        trees.developments = _read(developments, root, problems)
    trees.data = _folder(project.content / "data", root, problems)
    trees.charts = _folder(project.charts, root, problems)
    trees.files = [brief_path, sources, developments] + [
        p for folder in (trees.sections, trees.data, trees.charts) for p, _ in (folder or {}).values()]
    return trees
