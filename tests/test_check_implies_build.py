"""Whatever `brief check` accepts, `brief build` builds: a property over whole small projects.

Hypothesis writes projects of every file kind, with odd ids, missing optional files and
sections, figures placed or not, and citations that resolve or not, each either usable or with
one known fault. `check` must accept every usable one, and then `build` must succeed with every
placed figure in the PDF's HTML, and refuse every faulty one with located messages; neither may
ever be an internal error.
"""
import re

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st


IDS = st.sampled_from(["a", "b-2", "c_3", "Back", "d", "e1", "f-f", "G_g"])
SOURCE_IDS = ["src-1", "src.2", "S3"]
CHART_KINDS = ["line", "bar", "stacked-bar", "grouped-bar", "timeline"]
# A project is usable, or has one of these faults (check must refuse it, at its place).
FAULTS = [None] * 5 + ["odd section id", "odd chart id", "listed section without a file",
                       "unknown citation", "empty developments file"]
LOCATED = re.compile(r"^[^:\n]+(:\d+)?: ")


@st.composite
def projects(draw):
    fault = draw(st.sampled_from(FAULTS))
    sections = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    if fault == "odd section id":
        sections[-1] = draw(st.sampled_from(["back.ground", "x y", "-lead", "é"]))
    with_latest = draw(st.booleans())
    listed = sections + (["latest-developments"] if with_latest else [])
    charts = draw(st.dictionaries(IDS, st.sampled_from(CHART_KINDS), max_size=2))
    if fault == "odd chart id":
        charts["widget.count"] = draw(st.sampled_from(CHART_KINDS))
    sources = draw(st.lists(st.sampled_from(SOURCE_IDS), max_size=3, unique=True))
    cite = st.sampled_from([f"[@{k}]" for k in sources] + [""])

    # A figure is placed at most once in the whole brief, in a section or nowhere.
    placed_in = {chart_id: draw(st.sampled_from([*listed, None])) for chart_id in charts}

    def body(section_id):
        lines = [f"Text {draw(cite)}."]
        for chart_id in charts:
            if placed_in[chart_id] == section_id:
                lines += ["", f"{{{{figure:{chart_id}}}}}", "", f"See {{{{ref:{chart_id}}}}}."]
        if draw(st.booleans()):
            lines.append("The value is {{data:d.s}}.")
        return "\n".join(lines) + "\n"

    files = {"content/brief.yaml": {
        "title": "T", "subtitle": "S", "short_title": "T", "publisher": "P", "edition": "2026-01-02",
        "subject": "S", "bottom_line": "Do it.", "summary": f"Sum {draw(cite)}.",
        "key_findings": [{"short": "F.", "text": f"Finding {draw(cite)}."}],
        "recommendations": [{"id": "do", "to": "Them", "ask": "Do."}], "sections": listed,
        **({"previous_edition": "2025-01-01"} if draw(st.booleans()) else {}),
        **({"about": "About."} if draw(st.booleans()) else {})}}
    for section_id in sections:
        files[f"content/sections/{section_id}.yaml"] = {"title": section_id, "body": body(section_id)}
    if fault == "listed section without a file":
        del files[f"content/sections/{sections[0]}.yaml"]
    if fault == "unknown citation":
        files[f"content/sections/{sections[0]}.yaml"]["body"] += "Also [@missing].\n"
    if with_latest:
        files["content/sections/latest-developments.yaml"] = {"title": "Latest", "body": body("latest-developments")}
    if sources:
        files["content/sources.yaml"] = {"references": [
            {"id": k, "type": "report", "title": k, "publisher": "P", "issued": {"date-parts": [[2020]]}}
            for k in sources]}
    if fault == "empty developments file":
        files["content/developments.yaml"] = None
    elif draw(st.booleans()):
        files["content/developments.yaml"] = [
            {"date": f"202{i}-01-01", "title": f"E{i}", "summary": "Happened.",
             **({"timeline": f"E{i}"} if draw(st.booleans()) else {})}
            for i in range(draw(st.integers(1, 2)))]
    files["content/data/d.yaml"] = {"title": "D", "series": [
        {"id": "s", "label": "S", "unit": "u", "points": {2020: 1, 2021: 2.5}}]}
    for chart_id, kind in charts.items():
        files[f"charts/{chart_id}.yaml"] = {
            "kind": kind, "title": "C", "caption": "Cap.", "source": draw(cite) or "Us.",
            **({} if kind == "timeline" else {"data": "d", "series": ["s"]})}
    return fault, files


@settings(max_examples=14, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(projects())
def test_what_check_accepts_builds_and_what_it_refuses_is_located(tmp_path_factory, brief_cli, project_files):
    fault, files = project_files
    project = tmp_path_factory.mktemp("any")
    for path, data in files.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text("" if data is None else yaml.safe_dump(data, allow_unicode=True))
    run = brief_cli
    checked = run(project, "check")
    assert checked.code in (0, 1), checked.err
    messages = checked.err.splitlines()[:-1] if checked.code else checked.err.splitlines()
    assert all(LOCATED.match(m) for m in messages), messages
    event(f"check exit {checked.code}")
    # A project without a fault is usable: check accepts it (so the build below runs).
    assert checked.code == (0 if fault is None else 1), (fault, checked.err)
    if checked.code:
        return
    built = run(project, "build")
    assert built.code == 0, built.err
    html = (project / "build/brief.html").read_text()
    brief = files["content/brief.yaml"]
    for section_id in brief["sections"]:
        body = files.get(f"content/sections/{section_id}.yaml", {}).get("body", "")
        for chart_id in re.findall(r"\{\{figure:([^}]+)\}\}", body):
            assert f'id="fig-{chart_id}"' in html
