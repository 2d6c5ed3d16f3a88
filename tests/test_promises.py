"""Every promise the README makes, held by a test that fails when it is broken."""
import ast
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path


from brief.build import build
from conftest import REPO
from test_content_errors import _break

LATEST = "content/sections/latest-developments.yaml"
PACKAGE = REPO / "brief"


def _tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a hash of its bytes."""
    if not folder.is_dir():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _crowd(project):
    """Eight cited sentences in one paragraph: one page gets more notes than the limit."""
    many = " ".join(f"Claim {chr(65 + i)} [@{'web-2021' if i % 2 else 'news-2018'}]." for i in range(8))
    _break(project, LATEST, r"What happened recently \[@web-2021\]\.", many)


# --- a failed build never touches build/brief.pdf -------------------------------------------

def test_strict_build_failing_on_layout_warnings_leaves_the_pdf_unchanged(built, brief_cli):
    project, pdf = built
    _crowd(project)
    run = brief_cli(project, "build", "--strict")
    assert run.code == 1
    assert run.err.splitlines() == [
        "build/brief.pdf: warning: page 4 has 12 notes; more than 6 slows layout and crowds the page; "
        "spread or merge citations",
        "brief: 0 error(s), 1 warning(s); build/brief.pdf was not changed"]
    assert (project / "build/brief.pdf").read_bytes() == pdf


def test_content_error_leaves_everything_in_build_unchanged(built, brief_cli):
    project, _ = built
    shutil.rmtree(project / "build/.cache")  # a cleaned cache: nothing may be written back either
    before = _tree(project / "build")
    _break(project, LATEST, r"What happened recently", "Seoul (서울) said, with a [@missing-key] citation")
    run = brief_cli(project, "build")
    assert run.code == 1
    assert _tree(project / "build") == before


def test_check_writes_nothing_but_its_evidence_report(minimal, brief_cli):
    _break(minimal, LATEST, r"What happened recently", "Déjà vu, what happened recently")
    run = brief_cli(minimal, "check")
    assert run.code == 0, run.err
    assert list(_tree(minimal / "build")) == ["evidence.html"]


# --- anything check accepts builds, or fails at path:line --------------------------------------

def _check_then_build(project, brief_cli):
    checked = brief_cli(project, "check")
    built = brief_cli(project, "build")
    assert built.code != 3 and "internal error" not in built.err, built.err
    if checked.code == 0:
        assert built.code == 0, built.err
    return checked, built


def test_developments_without_their_section_are_a_warning_not_a_crash(minimal, brief_cli):
    _break(minimal, "content/brief.yaml", r"^sections: \[background, latest-developments\]",
           "sections: [background]")
    (minimal / LATEST).unlink()
    (minimal / "content/sections/background.yaml").write_text(
        (minimal / "content/sections/background.yaml").read_text() + "\n  {{figure:widget-timeline}}\n")
    checked, built = _check_then_build(minimal, brief_cli)
    assert checked.err.splitlines() == [
        "content/developments.yaml:1: warning: the 2 developments are not shown: no section has "
        "'developments: true'; add it to one, or remove the developments"]
    assert built.code == 0


def test_a_section_file_name_that_is_not_an_id_is_refused_at_the_file(minimal, brief_cli):
    os.rename(minimal / "content/sections/background.yaml", minimal / "content/sections/back.ground.yaml")
    _break(minimal, "content/brief.yaml", r"sections: \[background,", "sections: [back.ground,")
    checked, built = _check_then_build(minimal, brief_cli)
    message = ("content/sections/back.ground.yaml: 'back.ground' is not a usable name: a file name "
               "here may hold only letters, digits, '-' and '_'; rename the file")
    assert checked.code == 1 and checked.err.splitlines()[0] == message


def test_a_chart_file_name_that_is_not_an_id_is_refused_not_silently_dropped(minimal, brief_cli):
    os.rename(minimal / "charts/widget-count.yaml", minimal / "charts/widget.count.yaml")
    for path in ("content/sections/background.yaml",):
        text = (minimal / path).read_text().replace("widget-count", "widget.count")
        (minimal / path).write_text(text)
    checked, built = _check_then_build(minimal, brief_cli)
    assert checked.code == 1
    assert checked.err.splitlines()[0] == (
        "charts/widget.count.yaml: 'widget.count' is not a usable name: a file name here may hold "
        "only letters, digits, '-' and '_'; rename the file")


def test_every_placed_figure_reaches_the_pdf(built):
    project, _ = built
    from pypdf import PdfReader
    reader = PdfReader(project / "build/brief.pdf")
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Figure 1." in text and "Figure 2." in text


# --- one owner per contract ----------------------------------------------------------------

def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(name: str, module_path: Path, modules) -> set[str]:
    """The brief modules `module_path` imports (relative or absolute), by dotted name."""
    package = name if module_path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(module_path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            found.add(target)
            found.update(f"{target}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m in modules and m != "brief"}


def test_no_module_imports_one_that_imports_it_back():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}

    def reaches(start, target, seen=()):
        return any(n == target or (n not in seen and reaches(n, target, (*seen, n))) for n in graph[start])
    cycles = sorted(m for m in graph if reaches(m, m))
    assert cycles == []


def _third_party_imports():
    names = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "brief"}


def _declared():
    import tomllib
    deps = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    return {_normal(re.split(r"[<>=!~\[ ;]", d, maxsplit=1)[0]): d for d in deps}


def _normal(name):
    return re.sub(r"[-_.]+", "-", name).lower()  # PEP 503


def test_every_imported_package_is_declared_with_a_lower_bound():
    from importlib.metadata import packages_distributions
    owners = packages_distributions()
    declared = _declared()
    for module in sorted(_third_party_imports()):
        dists = {_normal(d) for d in owners.get(module, [])}
        assert dists & set(declared), f"{module} is imported but not declared in pyproject.toml"
        for dist in dists & set(declared):
            assert re.search(r"(>=|==)\s*\d", declared[dist]), f"{dist} has no lower bound"


def test_pyyaml_is_pinned_because_its_error_texts_are_mapped():
    assert re.search(r"==\s*\d", _declared()["pyyaml"])


STDLIB_PUBLIC = {"_exit"}  # os._exit: documented, the way a forked child leaves


def _private_uses():
    """`obj._name` where `_name` is not defined by brief itself: a dependency's private API."""
    ours = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                ours.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                ours.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                ours.add(node.attr)
            elif isinstance(node, ast.alias):
                ours.add(node.asname or node.name)
    uses = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                    and not node.attr.startswith("__") and node.attr not in ours | STDLIB_PUBLIC):
                uses.append(f"{path.name}:{node.lineno}: .{node.attr}")
    return uses


def test_no_private_api_of_a_dependency_is_used():
    assert _private_uses() == []


def test_pandoc_is_found_through_pypandoc():
    import pypandoc
    from brief.render.prose import pandoc_binary
    assert Path(pandoc_binary()) == Path(pypandoc.get_pandoc_path())


def test_print_css_takes_every_colour_from_the_palette():
    css = (REPO / "templates/print.css").read_text()
    assert re.findall(r"#[0-9a-fA-F]{3,8}\b|rgba?\(", css) == []


def test_charts_and_pages_share_one_palette(real_build):
    project, _ = real_build
    html = (project / "build/brief.html").read_text()
    declared = {v.lower() for v in re.findall(r"--[\w-]+:\s*(#[0-9a-fA-F]{6})", html)}
    assert declared
    for svg in (project / "build/charts").glob("*.svg"):
        colours = {c.lower() for c in re.findall(r"(?:fill|stroke|color)[:=]\s*\"?(#[0-9a-fA-F]{6})", svg.read_text())}
        assert colours - {"#ffffff", "#000000"} <= declared, (svg.name, colours - declared)


def _pdfs_reused(result) -> dict[str, bool]:
    return {w.path.name: w.reused for w in result.written if w.path.suffix == ".pdf"}


def test_a_file_the_layout_read_and_changed_in_place_is_laid_out_again(built):
    """A kept layout (outputs/pdf/kept.py) is used only while every file it read is as it was:
    here the project's stylesheet, changed in place, so the HTML that names it is the same."""
    from brief.look.theme import DEFAULT_THEME
    project, _ = built
    assert _pdfs_reused(build(project)) == {"brief.pdf": True, "brief-onepage.pdf": True}
    (project / "templates").mkdir()
    css = project / "templates/print.css"
    shutil.copy(DEFAULT_THEME / "print.css", css)
    build(project)
    before = (project / "build/brief.pdf").read_bytes()
    css.write_text(css.read_text() + "\np { color: #7a1f1f !important; }\n")
    assert _pdfs_reused(build(project)) == {"brief.pdf": False, "brief-onepage.pdf": False}
    after = (project / "build/brief.pdf").read_bytes()
    assert after != before
    assert _pdfs_reused(build(project)) == {"brief.pdf": True, "brief-onepage.pdf": True}
    assert (project / "build/brief.pdf").read_bytes() == after


def test_an_edit_undone_takes_the_pdf_kept_from_before_it(built):
    project, pdf = built
    _break(project, LATEST, r"What happened recently", "What happened of late")
    assert _pdfs_reused(build(project)) == {"brief.pdf": False, "brief-onepage.pdf": True}
    _break(project, LATEST, r"What happened of late", "What happened recently")
    assert _pdfs_reused(build(project)) == {"brief.pdf": True, "brief-onepage.pdf": True}
    assert (project / "build/brief.pdf").read_bytes() == pdf


def test_a_layout_setting_that_a_project_s_template_does_not_show_still_lays_out_again(built):
    """look.layout steers which pages are written whether or not the HTML shows it: here a
    project's own template that never reads `compact` (found by a review: the old leave-behind
    stayed in build/)."""
    from brief.look.theme import DEFAULT_THEME
    project, _ = built
    (project / "templates").mkdir()
    (project / "templates/brief.html.j2").write_text(
        "{% set compact = false %}" + (DEFAULT_THEME / "brief.html.j2").read_text())
    assert _pdfs_reused(build(project)) == {"brief.pdf": True, "brief-onepage.pdf": True}  # the same HTML
    standard = (project / "build/brief-onepage.pdf").read_bytes()
    brief_yaml = project / "content/brief.yaml"
    brief_yaml.write_text(brief_yaml.read_text() + "look:\n  layout: compact\n")
    assert _pdfs_reused(build(project)) == {"brief.pdf": False}  # its page 1 is the leave-behind
    assert (project / "build/brief-onepage.pdf").read_bytes() != standard


def test_a_forged_or_odd_kept_entry_is_a_miss_and_pruning_passes_over_what_it_did_not_write(tmp_path):
    """Anyone who can write build/ can write a sealed entry: whatever it holds, the build lays
    out again instead of failing (or reading a name outside the project)."""
    import json
    from brief import cache
    from brief.outputs.pdf.kept import Kept, Laid

    def kept(html="<p>", modes=("standard", "foot")):
        return Kept(tmp_path, "", "brief", html, ({}, {}), modes)
    kept().put(Laid({"brief.pdf": b"%PDF-1.7"}, 1, []), {})
    assert kept().get() == Laid({"brief.pdf": b"%PDF-1.7"}, 1, [])
    assert kept(modes=("compact", "foot")).get() is None  # a layout setting a template need not show
    index = next((tmp_path / "build/.cache/layouts").glob("*.json"))
    good = json.loads(cache.unsealed(index.read_bytes()))
    for odd in ({"files": [["brief.pdf"]]}, {"files": ["../brief.pdf"]}, {"fetched": {"project:\0": "x"}},
                {"fetched": {"project:../../../etc/hostname": "x"}}, {"fetched": {"elsewhere:x": "x"}},
                {"fetched": {"project:x": 5}}, {"pages": "1"}, {"problems": [["x"]]},
                {"problems": [{"path": "p", "line": 1, "message": ["x"]}]}):
        index.write_bytes(cache.sealed(json.dumps({**good, **odd}).encode()))
        assert kept().get() is None, odd
    (index.parent / "original.brief.x.json").mkdir()
    (index.parent / "original.brief.**[0.json").write_bytes(b"")
    for n in range(3):
        kept(f"<p>{n}").put(Laid({"brief.pdf": b"%PDF-1.7"}, 1, []), {})
    assert kept("<p>2").get() is not None and kept("<p>0").get() is None  # the two used last are kept


def test_a_new_version_of_the_code_that_writes_the_pdf_lays_it_out_again(built, monkeypatch):
    from brief.outputs.pdf import kept
    project, _ = built
    real = Path.read_bytes

    def changed(self):
        return real(self) + (b"\n# changed" if self.name == "tagging.py" else b"")
    monkeypatch.setattr(Path, "read_bytes", changed)
    kept._code.cache_clear()
    try:
        assert _pdfs_reused(build(project)) == {"brief.pdf": False, "brief-onepage.pdf": False}
    finally:
        kept._code.cache_clear()


def test_chart_cache_key_ignores_code_that_does_not_shape_a_chart(built, monkeypatch):
    minimal, _ = built
    before = sorted(p.name for p in (minimal / "build/charts").glob("*.svg"))
    real = Path.read_bytes

    def reworded(self):
        data = real(self)
        return data + b"\n# reworded alt text" if self.name in ("charts.py", "html.py") else data
    monkeypatch.setattr(Path, "read_bytes", reworded)
    result = build(minimal)
    assert result.cached["charts"] is True
    assert sorted(p.name for p in (minimal / "build/charts").glob("*.svg")) == before


def test_a_template_edited_between_builds_in_one_process_is_compiled_again(built):
    """Templates are compiled once per process (look/templates.py); an edit must still show, as
    it does in `brief watch`."""
    from brief.look.theme import DEFAULT_THEME
    project, _ = built
    own = project / "templates/leave-behind.html.j2"
    own.parent.mkdir()
    own.write_text((DEFAULT_THEME / "leave-behind.html.j2").read_text())
    build(project)
    assert "Edited between builds" not in (project / "build/brief.html").read_text()
    own.write_text(own.read_text().replace('<p class="lb-series">', '<p class="lb-series">Edited between builds '))
    build(project)
    assert "Edited between builds" in (project / "build/brief.html").read_text()


# --- the build reads nothing outside the project ---------------------------------------------

AUDIT = r"""
import json, os, socket, sys
root, allowed = os.path.realpath(sys.argv[1]), [os.path.realpath(p) for p in sys.argv[2:]]
opened, connected = set(), []
def reads(mode, flags):
    if mode is not None:
        return not any(c in mode for c in "wax+")
    return flags & os.O_ACCMODE == os.O_RDONLY and not flags & os.O_CREAT
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)) and reads(args[1], args[2] or 0):
        path = os.path.realpath(os.fsdecode(args[0]))
        if not os.path.isdir(path):  # listing a folder (the temp dir's) reads no file in it
            opened.add(path)
    elif event in ("socket.connect", "socket.getaddrinfo"):
        connected.append(str(args[1]))
sys.addaudithook(hook)
from brief.cli import main
code = main(["build", "--project", root])
outside = sorted(p for p in opened if not any(p == a or p.startswith(a + os.sep) for a in [root, *allowed]))
print(json.dumps({"code": code, "outside": outside, "network": connected}))
"""


def test_the_build_reads_nothing_outside_the_project_and_nothing_from_the_network(minimal):
    import json
    import sysconfig
    # The interpreter, the installed packages and the tool itself; system configuration that
    # libraries read when imported (mime types, the time zone), never content.
    from brief.look.theme import DEFAULT_THEME
    allowed = {sys.prefix, sys.base_prefix, str(PACKAGE), str(DEFAULT_THEME), sysconfig.get_paths()["stdlib"], "/dev",
               "/etc/mime.types", "/etc/localtime", "/usr/share/zoneinfo"}
    done = subprocess.run([sys.executable, "-c", AUDIT, str(minimal), *allowed], capture_output=True,
                          text=True, cwd=minimal, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] == 0, done.stderr
    assert report["outside"] == []
    assert report["network"] == []


# --- interrupted builds ----------------------------------------------------------------------

PAUSED_BUILD = r"""
import sys, time
import brief.outputs.pdf as pdf_output
from brief.writing import atomic_target
def paused(path, data):
    with atomic_target(path) as half:
        half.write_bytes(data[:len(data) // 2])
        print("writing", flush=True)
        time.sleep(60)
pdf_output.write_atomic = paused
from brief.cli import main
sys.exit(main(["build", "--project", sys.argv[1]]))
"""


def _paused_build(project):
    """A build of an edited brief in its own process, stopped while it writes the PDF."""
    _break(project, LATEST, r"What happened recently", "Something new happened")
    proc = subprocess.Popen([sys.executable, "-c", PAUSED_BUILD, str(project)],
                            env={**os.environ, "PYTHONPATH": str(REPO)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "writing\n"
    return proc


def test_a_killed_build_leaves_the_old_pdf_and_the_next_build_sweeps_its_temporary(built):
    project, pdf = built
    proc = _paused_build(project)
    stale = list((project / "build").glob(".next-*/.brief*.pdf.*.tmp"))
    assert len(stale) == 1  # the half-written file, in the killed build's staging folder
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert (project / "build/brief.pdf").read_bytes() == pdf
    assert stale[0].exists()
    build(project)
    assert not stale[0].parent.exists()
    assert list((project / "build").rglob("*.tmp")) == []


def test_sigterm_stops_like_ctrl_c(built):
    project, pdf = built
    proc = _paused_build(project)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err == "brief: interrupted; build/brief.pdf was not changed\n"
    assert (project / "build/brief.pdf").read_bytes() == pdf
    assert list((project / "build").rglob("*.tmp")) == []


def test_warnings_are_held_back_while_there_are_errors(minimal, brief_cli):
    sources = minimal / "content/sources.yaml"
    sources.write_text(sources.read_text() + "  - {id: unused, type: report, title: T, publisher: P, "
                                             "issued: {date-parts: [[2020]]}}\n")
    _break(minimal, "content/brief.yaml", r"^edition: 2026-01-15", "edition: soon")
    run = brief_cli(minimal, "check")
    assert run.err.splitlines() == [
        "content/brief.yaml:5: 'edition' must be a date written YYYY-MM-DD, not 'soon'",
        "brief: 1 error(s), 0 warning(s); build/brief.pdf was not changed"]


def test_a_good_build_says_one_line_and_verbose_adds_the_stages(built, brief_cli):
    project, _ = built
    quiet = brief_cli(project, "build")
    assert quiet.err == "" and re.fullmatch(r"evidence: .*\(build/evidence\.html\)\n"
                                            r"wrote .*build/brief\.pdf \(\d+ pages\), .*build/brief\.docx, "
                                            r".*build/web/index\.html in [\d.]+ s\n", quiet.out)
    loud = brief_cli(project, "build", "--verbose")
    stages = [line.split()[0] for line in loud.out.splitlines()[1:-2]]
    assert stages == ["load", "validate", "evidence", "prose", "charts", "import", "beside", "pdf", "publish"]
    # nothing changed since the last build: its PDFs are taken from the cache, and --verbose says so
    assert re.fullmatch(r"  kept      \S*build/brief\.pdf, \S*build/brief-onepage\.pdf: their HTML and files as "
                        r"when an earlier build laid them out", loud.out.splitlines()[-2])


def test_nothing_about_a_brief_s_topic_lives_in_the_tool():
    topic = re.compile(r"landmine|korea|ottawa|mine ban|lantern", re.I)
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".lua", ".j2", ".css", ".yaml"):
            assert not topic.search(path.read_text()), path


def test_the_readme_documents_every_field_as_declared():
    from brief.commands.schema import reference_tables
    assert reference_tables() in (REPO / "README.md").read_text()
