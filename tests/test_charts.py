"""Charts: drawn from data as SVG, redrawn only when their inputs change, alt text from data."""
import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from brief.build import build
from brief.render.charts import Drawer, Drawing
from brief.errors import BriefError
from brief.errors import Problems
from brief.render import charts as charts_stage
from test_content_errors import _break

WIDGETS = "content/data/widgets.yaml"


def _svgs(project):
    """Each chart's drawing for the page (not the web edition's for phones), by chart id."""
    return {p.name.rsplit("-", 1)[0]: p for p in (project / "build/charts").glob("*.svg")
            if not p.name.endswith("-phone.svg")}


def test_figures_are_numbered_svg_with_caption_alt_and_source(built_minimal_template):
    minimal = built_minimal_template
    html = (minimal / "build/brief.html").read_text()
    assert html.count('<figure class="chart"') == 2
    assert '<span class="figure-number">Figure 1.</span> Widgets in service, 2016–2020' in html
    assert '<span class="figure-number">Figure 2.</span> Widget policy, 2020–2025' in html
    assert '<a href="#fig-widget-count">Figure 1</a>' in html
    assert set(_svgs(minimal)) == {"widget-count", "widget-timeline"}
    svg = _svgs(minimal)["widget-count"].read_text()
    assert "font-family" in svg and "Source Sans 3" in svg and "<image" not in svg


def test_generated_alt_text_reaches_the_pdf_tags(built_minimal_template):
    minimal = built_minimal_template
    reader = PdfReader(minimal / "build/brief.pdf")
    alts = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict):
            if node.get("/S") == "/Figure":
                alts.append(str(node.get("/Alt")))
            kids = node.get("/K", [])
            for kid in kids if isinstance(kids, list) else [kids]:
                walk(kid)
    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert alts == [
        "Line chart of Widgets (widgets), 2016 to 2020: 1,200 widgets in 2016, 1,850 widgets in 2020; "
        "highest 1,850 widgets in 2020.",
        "Timeline of 2 events from 2020 to 2025. 2020: Widget law; 2025: Census.",
    ]


def test_changing_one_value_redraws_only_that_chart(built):
    minimal, _ = built
    before = {k: (p.name, p.stat().st_mtime_ns) for k, p in _svgs(minimal).items()}
    _break(minimal, WIDGETS, r"2020: 1850", "2020: 1900")
    build(minimal)
    after = {k: (p.name, p.stat().st_mtime_ns) for k, p in _svgs(minimal).items()}
    assert after["widget-timeline"] == before["widget-timeline"]
    assert after["widget-count"][0] != before["widget-count"][0]
    # the stale drawings are gone: two charts, each drawn for the column and for phones
    assert len(list((minimal / "build/charts").glob("*.svg"))) == 4
    assert "1,900 in 2020" in (minimal / "build/brief.html").read_text()


def _drawers() -> set[int]:
    return {drawer.process.pid for drawers in Drawer.idle.values() for drawer in drawers}


def test_the_next_drawing_in_a_process_takes_its_idle_drawer_and_draws_what_a_new_one_draws(built, tmp_path):
    """matplotlib is imported once per drawer (charts.Drawer); a drawer that has drawn before
    must draw the same bytes as a fresh interpreter."""
    project, _ = built
    _break(project, WIDGETS, r"2020: 1850", "2020: 1900")
    build(project)
    idle = _drawers()
    assert idle  # the drawer waits for the next job
    _break(project, WIDGETS, r"2020: 1900", "2020: 1950")
    assert build(project).cached["charts"] is False
    assert _drawers() == idle  # the same process drew again
    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh)
    shutil.rmtree(fresh / "build/charts")
    Drawer.stop_idle()
    build(fresh)  # drawn by a new drawer, whose interpreter has drawn nothing before
    assert _drawers().isdisjoint(idle)
    drawn = sorted((project / "build/charts").iterdir())
    assert [p.name for p in drawn] == sorted(p.name for p in (fresh / "build/charts").iterdir())
    assert [p.read_bytes() for p in drawn] == [(fresh / "build/charts" / p.name).read_bytes() for p in drawn]


def test_cached_rebuild_does_not_import_matplotlib(built):
    minimal, _ = built
    code = ("import sys; from brief.build import build; r = build(sys.argv[1]); "
            "print('matplotlib' in sys.modules, r.cached)")
    out = subprocess.run([sys.executable, "-c", code, str(minimal)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False {'prose': True, 'charts': True}"


DATA_ERRORS = {
    "unknown data file": ("charts/widget-count.yaml", r"^data: widgets", "data: widgts",
                          "charts/widget-count.yaml:1: unknown data file 'widgts'; did you mean 'widgets'?"),
    "unknown series": ("charts/widget-count.yaml", r"^series: \[count\]", "series: [cont]",
                       "charts/widget-count.yaml:1: unknown series 'cont' in content/data/widgets.yaml; "
                       "did you mean 'count'?"),
    "non-numeric value": (WIDGETS, r"2018: 1500", "2018: about 1500",
                          "content/data/widgets.yaml:9: the value for 2018 is not a number: 'about 1500'"),
    "duplicate year": (WIDGETS, r"2018: 1500", "2018: 1500\n      2018: 1600",
                       "content/data/widgets.yaml:10: '2018' is given twice (lines 9 and 10); keep one of them"),
    "chart with no data": ("charts/widget-count.yaml", r"^data: widgets\n", "",
                           "charts/widget-count.yaml:1: the chart has no 'data'; name a file in content/data/"),
}


def test_each_data_error_has_its_message(minimal, tmp_path, brief_cli):
    for name, (path, pattern, replacement, message) in DATA_ERRORS.items():
        project = tmp_path / name.replace(" ", "-")
        shutil.copytree(minimal, project)
        _break(project, path, pattern, replacement)
        run = brief_cli(project, "check")
        assert run.code == 1, name
        assert run.err.splitlines()[:-1] == [message], name


def test_a_reference_to_an_unplaced_figure_is_an_error(minimal, brief_cli):
    _break(minimal, "content/sections/background.yaml", r"  \{\{figure:widget-count\}\}\n", "")
    run = brief_cli(minimal, "check")
    assert run.code == 1
    assert run.err.splitlines()[:-1] == [
        "content/sections/background.yaml:5: figure 'widget-count' is referred to but never placed; "
        "add {{figure:widget-count}} on its own line in a section",
    ]


def test_a_failed_chart_drawing_never_reaches_the_pdf(built, monkeypatch):
    project, good = built
    (project / "charts/widget-count.yaml").write_text(
        (project / "charts/widget-count.yaml").read_text() + "\n# redrawn\n")
    monkeypatch.setattr(charts_stage, "DRAW_JOB", "raise SystemExit('no fonts here')")
    with pytest.raises(BriefError, match="^drawing the charts failed"):
        build(project)
    assert (project / "build/brief.pdf").read_bytes() == good
    assert [p.name for p in (project / "build").iterdir() if p.name.startswith((".next", ".old"))] == []


def test_a_failed_drawing_reports_the_child_error_every_time_it_is_asked():
    drawing = Drawing({}, Drawer(("raise SystemExit('no fonts here')",)))
    for _ in range(2):
        with pytest.raises(BriefError) as failure:
            drawing.result()
        assert str(failure.value) == ("drawing the charts failed (no fonts here); "
                                      "run again with BRIEF_DEBUG=1 for details")


def test_a_states_chart_labels_a_step_down_below_its_point_clear_of_the_step_line():
    """A year label above a point reached by a step down sat on the vertical line of that step
    (Figure 1 of the real brief: '2020' and '2025' were struck through)."""
    import datetime
    from types import SimpleNamespace

    import matplotlib
    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    from brief.render import draw

    chart = SimpleNamespace(states=["Allowed", "Limited", "Banned"])
    events = [SimpleNamespace(date=datetime.date(year, 1, 1), state=state)
              for year, state in [(2010, "Allowed"), (2014, "Banned"), (2020, "Allowed"), (2022, "Limited")]]
    style = SimpleNamespace(colour=lambda i: "#1f4e79", until=2026.0, frame=draw.PAGE, wrapped=lambda text: text)
    fig, ax = plt.subplots()
    draw.states(ax, chart, [], events, style)
    labels = {t.get_text(): t for t in ax.texts}
    plt.close(fig)
    assert labels["2020"].get_va() == "top" and labels["2020"].xyann[1] < 0  # reached from above
    for year in ("2010", "2014", "2022"):  # the first point, and points reached from below
        assert labels[year].get_va() == "bottom" and labels[year].xyann[1] > 0
