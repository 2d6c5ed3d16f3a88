"""Stage 4, charts: each charts/<id>.yaml becomes an SVG file in the brief's own type (with a
PNG copy, and a narrower drawing for phones).

A chart is redrawn only when its spec, its data, the house style or the generator changes:
the file name carries a hash of all of those. When every chart is cached, matplotlib (about a
second to import) is never imported.
"""
import atexit
import datetime as dt
import importlib.metadata
import itertools
import os
import pickle
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .. import cache
from ..errors import BriefError
from ..content.chart_kinds import CHART_KINDS
from ..content.model import Chart, Content, position
from ..look.numbers import format_number
from ..look.strings import Strings
from ..look.theme import FontFace, Theme

DRAWING_CODE = Path(__file__).with_name("draw.py")  # the only code that shapes a chart


@dataclass
class ChartImage:
    id: str
    path: Path      # the SVG under build/charts/, sealed (cache.sealed)
    alt: str
    drawn: bool     # False when it came from the cache

    @property
    def png(self) -> Path:
        """The same chart as a PNG, for outputs that cannot take SVG (the Word file)."""
        return self.path.with_suffix(".png")

    @property
    def phone(self) -> Path:
        """The chart drawn narrower, with larger type, for the web edition on phones."""
        return self.path.with_name(f"{self.path.stem}-phone.svg")

    @property
    def files(self) -> tuple[Path, ...]:
        return self.path, self.png, self.phone


def drawn(path: Path) -> bytes:
    """A chart, its PNG copy or the cover as drawn, without its seal (the charts stage checked
    it; a file changed since is an error, never silently used)."""
    if (data := cache.read_sealed(path)) is None:
        raise BriefError(f"{path} was changed while the brief was being built; build again")
    return data


def series_of(chart: Chart, content: Content):
    if CHART_KINDS[chart.kind].draws != "series":
        return []
    by_id = {s.id: s for s in content.data[chart.data].series}
    return [by_id[s] for s in chart.series]


def events_of(chart: Chart, content: Content):
    """The developments a timeline (those with a label) or a states chart (with a state) draws."""
    draws = CHART_KINDS[chart.kind].draws
    if draws == "series":
        return []
    picked = (d for d in content.developments if (d.timeline if draws == "developments" else d.state))
    return sorted(picked, key=lambda d: d.date)


def generated_alt(chart: Chart, content: Content, strings: Strings) -> str:
    """Alt text from the data, in the brief's language: the kind of chart, what it measures,
    the range and the end points (or the events and states it shows)."""
    kind = CHART_KINDS[chart.kind]
    noun = strings(kind.noun)
    if kind.draws in ("developments", "states"):
        events = events_of(chart, content)
        if kind.draws == "developments":
            return strings("alt_events", kind=noun, count=len(events), first=events[0].date.year,
                           last=events[-1].date.year,
                           events="; ".join(f"{d.date.year}: {d.timeline}" for d in events))
        return strings("alt_states", kind=noun, count=len(events), first=events[0].date.year,
                       last=content.brief.edition.year, states_count=len(chart.states),
                       states=", ".join(chart.states), events="; ".join(f"{d.date.year}: {d.state}" for d in events))
    language = content.brief.language

    def amount(s, key):
        return f"{format_number(s.points[key], language, s.format)} {s.unit}".strip()

    def label(key):
        return strings.date(key) if isinstance(key, dt.date) else str(key)

    parts = []
    for s in series_of(chart, content):
        keys = sorted(s.points, key=position)
        first, last = keys[0], keys[-1]
        peak = max(keys, key=lambda k: s.points[k])
        parts.append(strings("alt_one_series", label=s.label, unit=s.unit, first=label(first), last=label(last),
                             first_value=amount(s, first), last_value=amount(s, last),
                             peak_value=amount(s, peak), peak=label(peak)))
    return strings("alt_series", kind=noun, series=". ".join(parts))


def _drawing_code() -> tuple[bytes, str]:
    """The code that shapes a chart and matplotlib's version: in the charts' key, and in the
    drawer's, so an upgrade is never drawn by an older drawer."""
    return DRAWING_CODE.read_bytes(), importlib.metadata.version("matplotlib")


def house_style_key(theme: Theme, faces: list[FontFace], language: str) -> str:
    """What every chart shares: palette, fonts, number format, the drawing code, matplotlib."""
    return cache.digest(theme.key(), *[(f.path.name, f.path.stat().st_size) for f in faces], language,
                        *_drawing_code())


def chart_key(chart: Chart, content: Content, style_key: str) -> str:
    # The words it shows too: a translation's come from another file than the chart's own.
    words = (chart.title, chart.x_label, chart.y_label, chart.states, [a.label for a in chart.annotations])
    if CHART_KINDS[chart.kind].draws == "series":
        data_file = content.data[chart.data]
        return cache.digest(chart.path.read_bytes(), data_file.path.read_bytes(),
                            data_file.table.read_bytes() if data_file.table else b"", style_key, words)
    # drawn from the developments; a states chart also runs to the edition date
    events = [(d.title, d.timeline, d.state) for d in content.developments]
    return cache.digest(chart.path.read_bytes(), (content.root / "content/developments.yaml").read_bytes(),
                        content.brief.edition, style_key, words, events)


class Drawing:
    """Charts being drawn by a drawer (a child process); `.result()` waits and gives the images.

    matplotlib's import and drawing cost ~1.5 s of CPU; a second process uses the machine's
    other core while this one runs Pandoc, imports WeasyPrint and starts the layout.
    """

    def __init__(self, images, drawer=None, cover=None):
        self.images, self.drawer, self.failed = images, drawer, ""
        self.cover = cover  # the web edition's preview image

    def result(self):
        if self.drawer is not None:
            drawer, self.drawer = self.drawer, None
            try:
                self.failed = drawer.finished()
            except BaseException:  # Ctrl-C while waiting: the drawer must not draw on after the build
                drawer.stop()
                raise
        if self.failed:
            raise BriefError(f"drawing the charts failed ({self.failed}); "
                             "run again with BRIEF_DEBUG=1 for details")
        return self.images

    def close(self):
        """Stop a drawing nobody will wait for (the build failed or was interrupted)."""
        if self.drawer is not None:
            self.drawer.stop()
            self.drawer = None


# A fresh interpreter with this one's import path, not multiprocessing: spawn re-runs the
# caller's main module, so build() called from a script without a `__main__` guard failed.
DRAW_JOB = "import sys; sys.path[:] = {path!r}; from brief.render.draw import serve; serve()"


IDLE_DRAWERS = 4  # drawers kept waiting at most: one per edition's fonts, for a brief in a few languages


class Drawer:
    """A child process that draws one job after another (draw.serve): matplotlib is imported
    once per drawer, so the next build in the same process (`brief watch`, the tests) draws
    without paying for it again. A drawer between jobs waits idle, and ends when this process
    does (its stdin closes). One drawer serves only jobs with the same fonts (matplotlib keeps
    every font it was given, and another file of the same family could be taken for it) and the
    same drawing code and matplotlib as it started with (an upgrade during `brief watch`)."""

    idle: dict[tuple, list["Drawer"]] = {}
    made = itertools.count()

    def __init__(self, key: tuple):
        self.key, self.born = key, next(self.made)
        self.errors = tempfile.TemporaryFile()  # a file, not a pipe: a chatty child can never block
        self.process = subprocess.Popen([sys.executable, "-c", key[0]], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=self.errors)

    @classmethod
    def take(cls, faces: list[FontFace]) -> "Drawer":
        """An idle drawer for these fonts, or a new one."""
        key = (DRAW_JOB.format(path=sys.path), cache.digest(*_drawing_code()),
               *((str(f.path), f.path.stat().st_size, f.path.stat().st_mtime_ns) for f in faces))
        waiting = cls.idle.get(key, [])
        while waiting:
            drawer = waiting.pop()
            if drawer.process.poll() is None:
                return drawer
            drawer.stop()
        return cls(key)

    def start(self, job):
        self.errors.seek(0)  # what an earlier job said is not this one's error
        self.errors.truncate()
        try:
            pickle.dump(job, self.process.stdin)
            self.process.stdin.flush()
        except BrokenPipeError:
            pass  # the child died before reading; finished() reports its error
        except BaseException:
            self.stop()
            raise

    def finished(self) -> str:
        """Wait for the job: "" when it is drawn (and the drawer is idle again), else what the
        child said last before it ended."""
        if self.process.stdout.read(1) == b"\n":
            self.idle.setdefault(self.key, []).append(self)
            if len(waiting := [d for drawers in self.idle.values() for d in drawers]) > IDLE_DRAWERS:
                oldest = min(waiting, key=lambda d: d.born)  # (fonts changed in `brief watch`, say)
                self.idle[oldest.key].remove(oldest)
                oldest.stop()
            return ""
        code = self.process.wait()
        self.errors.seek(0)
        lines = self.errors.read().decode(errors="replace").strip().splitlines()
        self.stop()
        return lines[-1] if lines else f"exit code {code}"

    @classmethod
    def stop_idle(cls):
        """At exit: every idle drawer ended and waited for."""
        for drawers in cls.idle.values():
            while drawers:
                drawers.pop().stop()

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self.errors):
            try:
                stream.close()
            except BrokenPipeError:
                pass


atexit.register(Drawer.stop_idle)


def cover_image(content: Content, strings: Strings, style_key: str, out_dir: Path):
    """The web edition's preview image: its lines, and where it is kept (by their hash)."""
    brief = content.brief
    lines = {"series": f"{brief.publisher} · {strings('policy_brief')}", "title": brief.title,
             "bottom_line": brief.bottom_line}
    return lines, out_dir / f"cover-{cache.digest(sorted(lines.items()), style_key)}.png"


def charts(content: Content, chart_ids: list[str], theme: Theme, faces: list[FontFace],
           strings: Strings, build_dir: Path, place: str = "") -> Drawing:
    """Start drawing the charts `chart_ids` (the placed ones) and the web edition's cover image,
    those that are not cached; a translation's (`place`, its language) in a folder of its own."""
    out_dir = build_dir / "charts" / place
    images, todo = {}, []
    style_key = house_style_key(theme, faces, content.brief.language)
    cover = cover_image(content, strings, style_key, out_dir)
    for chart_id in chart_ids:
        chart = content.charts[chart_id]
        path = out_dir / f"{chart_id}-{chart_key(chart, content, style_key)}.svg"
        alt = chart.alt or generated_alt(chart, content, strings)
        image = images[chart_id] = ChartImage(chart_id, path, alt, drawn=False)
        image.drawn = any(cache.read_sealed(p) is None for p in image.files)
        if image.drawn:
            todo.append((chart, series_of(chart, content), events_of(chart, content), image.path, image.phone))
    keep = {p.name for img in images.values() for p in img.files} | {cover[1].name}
    for old in [*out_dir.glob("*.svg"), *out_dir.glob("*.png")] if out_dir.is_dir() else []:
        if old.name not in keep:
            old.unlink()
    job = (todo, theme, faces, content.brief.language, position(content.brief.edition),
           None if cache.read_sealed(cover[1]) is not None else cover)
    if not todo and job[-1] is None:
        return Drawing(images, None, cover=cover[1])
    if os.environ.get("BRIEF_DEBUG"):  # in-process, so a failure shows its traceback
        from .draw import draw_all
        draw_all(*job)
        return Drawing(images, None, cover=cover[1])
    drawer = Drawer.take(faces)
    drawer.start(job)
    return Drawing(images, drawer, cover=cover[1])
