"""`brief translated`: record in each translation file the text of the original it translates.

The translator runs it once a translation is up to date with the original. Each file of
content/<LANG>/ gets, on its first line, `# translates: <hash>`, the hash of the translatable
text of its original file (content/translations.py); `brief check` warns when the original's
text has changed since (the hash differs) or a file was never stamped. Only a translation that
matches its original (no missing or extra piece, the same quotations) is stamped.
"""
from pathlib import Path

from ..cache import Facts
from ..content.load import Project, load
from ..content.translations import original_hash, stamped, translation_files
from ..content.validate import validate
from ..errors import BriefError, Problems
from ..writing import write_atomic


def stamp_translations(root: Path, languages: list[str]) -> list[Path]:
    """Stamp the translations into `languages` (default: every edition after the original);
    the files whose stamp changed."""
    project = Project(Path(root).resolve())
    problems = Problems(project.root)
    content = validate(load(project, problems), project.root, problems, Facts(project.build / ".cache"))
    problems.raise_if_errors()  # its warnings are the stale stamps themselves, among others
    editions = content.brief.editions[1:]
    for language in languages:
        if language not in editions:
            raise BriefError(f"'{language}' is not a translation of this brief; content/brief.yaml's "
                             f"'editions' names {', '.join(editions) or 'none'}")
    changed = []
    for language in languages or editions:
        for path, original in translation_files(project.root, language).items():
            text = path.read_text(encoding="utf-8")
            new = stamped(text, original_hash(content, original))
            if new != text:
                write_atomic(path, new)
                changed.append(path)
    return changed
