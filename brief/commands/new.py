"""`brief new DIR`: a small, complete brief that builds at once, and `brief schema DIR`.

Every content file of the new brief starts with a line that points a YAML language server (VS
Code's YAML extension, for one) at the JSON Schema of its kind, written to DIR/schemas/.
"""
import fnmatch
import shutil
from pathlib import Path

from ..errors import BriefError
from .schema import write_schemas

STARTER = Path(__file__).with_name("starter")
SCHEMA_FOR = (("content/brief.yaml", "brief"), ("content/sections/", "section"),
              ("content/sources.yaml", "sources"), ("content/developments.yaml", "developments"),
              ("content/data/", "data"), ("charts/", "chart"))


def schema_line(relative: str) -> str | None:
    """The language-server line for a content file, by its path inside the project."""
    kind = next((k for prefix, k in SCHEMA_FOR if relative.startswith(prefix)), None)
    if kind is None:
        return None
    up = "../" * relative.count("/")
    return f"# yaml-language-server: $schema={up}schemas/{kind}.schema.json\n"


# What a freshly made repository holds: the brief may be written beside these.
REPOSITORY_FILES = (".git", ".gitignore", "README*", "LICENSE*", "LICENCE*")


def _in_the_way(folder: Path) -> list[str]:
    if not folder.exists():
        return []
    return sorted(p.name + "/" * p.is_dir() for p in folder.iterdir()
                  if not any(fnmatch.fnmatch(p.name, pattern) for pattern in REPOSITORY_FILES))


def new_project(folder: Path) -> list[Path]:
    if in_the_way := _in_the_way(folder):
        raise BriefError(f"{folder} already holds {', '.join(in_the_way)}; give a new folder for the brief "
                         "(or one that holds only .git, .gitignore, a README or a LICENSE)")
    written = []
    for source in sorted(p for p in STARTER.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        relative = source.relative_to(STARTER).as_posix()
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".yaml" and (line := schema_line(relative)):
            target.write_text(line + source.read_text(encoding="utf-8"), encoding="utf-8")
        else:
            shutil.copyfile(source, target)
        written.append(target)
    return written + write_schemas(folder / "schemas")
