"""The Word output: build/brief.docx, the brief as a file a policy team can edit and mark up.

The edition is rendered by templates/docx.html.j2 as plain semantic HTML, with notes in
Pandoc's own footnote form, and Pandoc's docx writer turns that into real Word footnotes,
headings in Word's heading styles, the asks as a numbered list and the charts as images (their
PNG copies). Its styles come from a reference document: the theme's `reference.docx` when the
project or theme has one, otherwise Pandoc's default with the theme's fonts and heading colour.
Pandoc runs as a process of its own; `result()` waits for it.
"""
import datetime as dt
import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .. import cache
from ..errors import BriefError, Problems
from ..look.theme import Theme, theme_dirs
from ..render.charts import drawn
from ..render.pandoc import pandoc_binary
from ..writing import published, write_atomic
from .edition import Edition
from .templates import environment, render_page
from .output import Output, Runs, Written

# Pandoc's default reference document (pinned with pypandoc-binary) names these; each is
# replaced by the theme's value, and a missing one is a bug, never a silently default style.
_STYLE_SWAPS = (
    ('w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"',
     'w:ascii="{body}" w:eastAsia="{body}" w:hAnsi="{body}" w:cs="{body}"'),
    ('w:asciiTheme="majorHAnsi" w:eastAsiaTheme="majorEastAsia" w:hAnsiTheme="majorHAnsi" w:cstheme="majorBidi"',
     'w:ascii="{heading}" w:eastAsia="{heading}" w:hAnsi="{heading}" w:cs="{heading}"'),
    ('<w:color w:val="365F91" w:themeColor="accent1" w:themeShade="BF" />', '<w:color w:val="{primary}" />'),
    ('<w:color w:val="4F81BD" w:themeColor="accent1" />', '<w:color w:val="{primary}" />'),
)


def reference_document(project_root: Path, theme: Theme, cache_dir: Path) -> bytes:
    """The reference document whose styles the Word file takes (cached sealed: a damaged copy
    is made again)."""
    for folder in theme_dirs(project_root):
        if (folder / "reference.docx").is_file():
            return (folder / "reference.docx").read_bytes()
    path = cache_dir / f"reference-{cache.digest(theme.key(), pandoc_binary())}.docx"
    if (kept := cache.read_sealed(path)) is not None:
        return kept
    default = subprocess.run([pandoc_binary(), "--print-default-data-file", "reference.docx"],
                             capture_output=True, check=True).stdout
    values = {"body": theme.body_font, "heading": theme.heading_font,
              "primary": theme.colors["primary"].lstrip("#").upper()}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(default)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            # Pandoc made the default document just now, and the Word file keeps its parts' times.
            item.date_time = (1980, 1, 1, 0, 0, 0)
            if item.filename == "word/styles.xml":
                styles = data.decode()
                for old, new in _STYLE_SWAPS:
                    if old not in styles:
                        raise BriefError(f"Pandoc's reference document has no '{old}': its styles changed")
                    styles = styles.replace(old, new.format(**values))
                data = styles.encode()
            target.writestr(item, data)
    write_atomic(path, cache.sealed(out.getvalue()))
    return out.getvalue()


class _Writing:
    """Pandoc writing the Word file; `result()` waits for it and says what it wrote."""

    def __init__(self, args, environ, inputs: tuple[Path, Path], target: Path, problems: Problems):
        (source, self.media), self.target, self.problems = inputs, target, problems
        self.source = source
        self.errors = tempfile.TemporaryFile()  # a file, not a pipe: Pandoc can never block on it
        self.process = subprocess.Popen([*args, str(source)], stdout=subprocess.DEVNULL, stderr=self.errors,
                                        env=environ)

    def result(self) -> Written:
        try:
            code = self.process.wait(timeout=300)
            self.errors.seek(0)
            said = self.errors.read().decode(errors="replace")
        finally:
            self.errors.close()
            self.source.unlink(missing_ok=True)
            shutil.rmtree(self.media, ignore_errors=True)
        if code != 0:
            raise BriefError(f"pandoc could not write the Word file: {said.strip()[:500]}")
        final = Path(published(self.target))  # where it will stand in build/
        for line in said.splitlines():
            self.problems.warn(final, 0, f"pandoc (Word file): {line.removeprefix('[WARNING] ')}")
        return Written(final)


@dataclass(frozen=True)
class DocxOutput(Output):
    name: str = "docx"
    runs: Runs = Runs.NO_LAYOUT

    def write(self, edition: Edition, folder: Path, problems: Problems) -> _Writing:
        content, folder = edition.content, folder / edition.place
        folder.mkdir(parents=True, exist_ok=True)
        env = environment(content.root, edition.strings)
        html = render_page(env, "docx.html.j2",
            brief=edition.brief, edition=edition, notes=edition.prose.notes,
            figures={n: {**f, "src": f["image"].png.name} for n, f in edition.figures.items()})
        source, media = folder / ".brief.docx.html", folder / ".brief.docx-media"
        source.write_text(html, encoding="utf-8")
        media.mkdir()
        reference = media / "reference.docx"
        reference.write_bytes(reference_document(content.root, edition.theme, content.root / "build" / ".cache"))
        for figure in edition.figures.values():  # the charts' PNG copies without their cache seals
            (media / figure["image"].png.name).write_bytes(drawn(figure["image"].png))
        # Word files carry a creation time and zip entry times: the edition's date, so the
        # same brief always gives the same bytes.
        epoch = int(dt.datetime.combine(edition.brief.edition, dt.time(), dt.timezone.utc).timestamp())
        args = [pandoc_binary(), "-f", "html", "-t", "docx", "--reference-doc", str(reference),
                "--resource-path", str(media), "-M", f"lang={edition.brief.language}",
                "-o", str(folder / "brief.docx")]
        return _Writing(args, {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}, (source, media),
                        folder / "brief.docx", problems)


DOCX = DocxOutput()
