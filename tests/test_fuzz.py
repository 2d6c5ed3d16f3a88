"""Seeded fuzzing: hundreds of mutated copies of the real brief and of the `brief new` starter.

Every kind of file is mutated (brief.yaml, sections, sources, developments, data, charts,
archive excerpts, a project template, build/.cache), by bytes, lines, hostile values and
hostile Markdown, and by what the file system can do (a folder, a named pipe, a link in a loop
or out of the project, an empty or huge file). The cases of issue 22 are always among them.
For each: `brief check` exits 0 or 1 within a time limit, and what it prints is `path:line`
problems. A small sample is built in full: it exits 0 or 1, the web edition and the PDF's HTML
hold no script, handler, style attribute or javascript: link, and a failed build leaves the
last good outputs as they were.

The seed is BRIEF_FUZZ_SEED (default 22); a failure names it and the mutations that failed.
"""
import contextlib
import io
import os
import random
import re
import shutil
import signal
from pathlib import Path

import pytest

from brief.cli import main
from brief.commands.new import new_project
from brief.look.theme import DEFAULT_THEME

SEED = int(os.environ.get("BRIEF_FUZZ_SEED", "22"))
CHUNKS = 4  # per project: the tests xdist spreads over the two cores
# The real brief's check takes ~0.5 s, the starter's ~0.15 s: more of the starter's fit the time.
RANDOM_PER_CHUNK = {"real": 15, "starter": 32}
CHECK_SECONDS, BUILD_SECONDS = 20, 180

# Values and Markdown that once got through, broke something or hung (issue 22), and more.
HOSTILE_VALUES = [
    "2026-02-30", "9" * 5001, "9" * 400, '"\\ud800"', "<div>", "<script>alert(1)</script>", '"{:,.1f}"',
    "We are #1 in widgets", "Why *really* [@nosuch]", "`code`", "[a, b]", "{a: b}", "''", "~", "&a x", "*a",
    "!!python/object/apply:os.system ['true']", "x" * 150_000, "-1e999", ".nan", "true", "2020-01-01",
    "[@", "'unclosed", '"\\x00"', "é" * 50, "\t", "https://example.org/" + "a" * 3000,
]
HOSTILE_MARKDOWN = [
    "[" * 20_000, ">" * 2_000 + " deep", "<div>", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "[y]{.own onmouseover='alert(1)'}", "[x](https://a.example){onclick=alert(1)}",
    "::: {.callout onclick=alert(1) style='position:fixed'}\nboo\n:::",
    "[x](javascript:alert(1))", "See [this][e].\n\n[e]: javascript:alert(1)", "<javascript:alert(1)>",
    "[x](JaVaScRiPt:alert(1))", "[x](&#106;avascript:alert(1))", "![p](/etc/passwd)", "{{data:nope.x}}",
    "{{figure:nope}}", "{{ref:nope}}", "{{rec:nope}}", "*_" * 3_000, "`" * 30_000, "^[" * 50 + "x" + "]" * 50,
    "[@nosuch]", "::: callout", ":::", "```{=html}\n<script>alert(1)</script>\n```", "`<b>`{=html}",
    "$$x$$ \\(y\\)", "| a | b |\n|:-|-:|\n| 1 | 2 |", "[x]{#id}", "## Head {#head .own}", "[x]{.own}",
    "- a\n" + "".join("  " * i + "- b\n" for i in range(1, 60)), "\\u0000", "[brief-piece=1]{brief-piece=1}",
]
FILE_SYSTEM = ["folder", "pipe", "loop", "empty", "delete", "link out", "3 MB"]


# The kinds of file a mutation picks from, first the kind (so that the real brief's many archive
# excerpts do not crowd out the rest), then one file of it. A template is first copied from the
# default theme into the project's templates/, as a project overriding it would.
KINDS = {"brief.yaml": "content/brief.yaml", "section": "content/sections/*.yaml",
         "sources": "content/sources.*", "developments": "content/developments.yaml",
         "data": "content/data/*.yaml", "chart": "charts/*.yaml", "archive excerpt": "content/archive/*.txt",
         "template": "templates", "cache": "build/.cache/**/*"}
TEMPLATES = ["web.html.j2", "brief.html.j2", "figure.html.j2", "evidence.html.j2", "strings/en.yaml"]


def _files(project: Path) -> list[Path]:
    """The project's files, of every kind, in a stable order."""
    return sorted(p for p in project.rglob("*") if p.is_file() and "schemas" not in p.parts
                  and "build" not in p.relative_to(project).parts)


def _pick(project: Path, rng: random.Random) -> Path:
    """A file of a kind picked at random (the template copied into the project first)."""
    kind = rng.choice(list(KINDS))
    if kind == "template":
        name = rng.choice(TEMPLATES)
        target = project / "templates" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DEFAULT_THEME / name, target)
        return target
    found = sorted(p for p in project.glob(KINDS[kind]) if p.is_file())
    return rng.choice(found) if found else project / "content/brief.yaml"


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8", errors="replace").split("\n")


def _write_lines(path: Path, lines: list[str]):
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")


def _block_lines(lines):
    """(index, indentation) of each line of a `|` block, its opening line included: where a
    line of Markdown can go."""
    out, opening, indent = [], None, None
    for i, line in enumerate(lines):
        depth = len(line) - len(line.lstrip())
        if re.search(r":\s*\|[-+]?\s*$", line):
            opening, indent = depth, None
            out.append((i, " " * (depth + 2)))
        elif opening is not None and line.strip():
            if depth <= opening:
                opening = None  # the block has ended
            else:
                indent = indent or depth
                out.append((i, " " * indent))
    return out


def mutate(project: Path, rng: random.Random, operator: str, path: Path) -> str:
    """Apply one mutation; returns what was done, for the failure message."""
    where = path.relative_to(project)
    if operator in FILE_SYSTEM:
        if operator == "folder":
            path.unlink()
            path.mkdir()
        elif operator == "pipe":
            path.unlink()
            os.mkfifo(path)
        elif operator == "loop":
            path.unlink()
            os.symlink(path.name + ".other", path)
            os.symlink(path.name, path.with_name(path.name + ".other"))
        elif operator == "empty":
            path.write_bytes(b"")
        elif operator == "delete":
            path.unlink()
        elif operator == "link out":
            path.unlink()
            os.symlink("/etc/hostname", path)
        else:
            path.write_bytes(path.read_bytes()[:200] + b"\n#" + b"x" * 3_000_000 + b"\n")
        return f"{operator}: {where}"
    if operator == "bytes":
        data = path.read_bytes()
        at = rng.randrange(len(data) + 1)
        junk = rng.choice([b"\x00", b"\xff", b"\xe9", b"\r", b"\x1b", b":", b"[", b"{", b"#", b"&", b"*", b"|",
                           b">", b"'", b'"', b"%", b"@", b"`", b"\t", b"\xef\xbb\xbf", b"\n", b" - ", b": :"])
        cut = rng.choice([0, 0, 1, rng.randrange(1, 40)])
        path.write_bytes(data[:at] + junk + data[at + cut:])
        return f"bytes: {junk!r} at byte {at} of {where}, {cut} cut"
    if operator == "truncate":
        data = path.read_bytes()
        at = rng.randrange(len(data) + 1)
        path.write_bytes(data[:at])
        return f"truncate: {where} at byte {at}"
    lines = _lines(path)
    i = rng.randrange(len(lines))
    if operator == "lines":
        how = rng.choice(["delete", "duplicate", "swap", "indent", "dedent", "tab"])
        j = rng.randrange(len(lines))
        if how == "delete":
            del lines[i]
        elif how == "duplicate":
            lines.insert(i, lines[i])
        elif how == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif how == "indent":
            lines[i] = " " * rng.choice([1, 2, 4]) + lines[i]
        elif how == "dedent":
            lines[i] = lines[i].lstrip()
        else:
            lines[i] = "\t" + lines[i]
        _write_lines(path, lines)
        return f"lines: {how} line {i + 1} of {where}"
    if operator == "value":
        keyed = [k for k, line in enumerate(lines) if re.match(r"^\s*(- )?[\w-]+:\s*\S", line)] or [i]
        k, value = rng.choice(keyed), rng.choice(HOSTILE_VALUES)
        m = re.match(r"^(\s*(?:- )?[\w-]+:\s*)", lines[k])
        lines[k] = (m[1] if m else "") + value
        _write_lines(path, lines)
        return f"value: line {k + 1} of {where} = {value[:40]!r}"
    # operator == "markdown": into a | block when the file has one, else as a line of text
    blocks = _block_lines(lines) or [(i, "")]
    k, indent = rng.choice(blocks)
    snippet = rng.choice(HOSTILE_MARKDOWN)
    lines[k + 1:k + 1] = [indent + part for part in snippet.split("\n")]
    _write_lines(path, lines)
    return f"markdown: after line {k + 1} of {where}: {snippet[:40]!r}"


OPERATORS = ["bytes", "bytes", "truncate", "lines", "lines", "value", "value", "value", "markdown", "markdown",
             "markdown", "markdown", *FILE_SYSTEM]
# Issue 22's cases, always run: (file, operator, value) or a function of the project.
NAMED = [
    ("content/brief.yaml", r"^edition: .*$", "edition: 2026-02-30"),
    ("content/brief.yaml", r"^subtitle: .*$", 'subtitle: "Why \\ud800 here"'),
    ("content/brief.yaml", r"^subtitle: .*$", "subtitle: We are #1 here"),
    ("content/brief.yaml", r"^subtitle: .*$", "subtitle: Why *really* [@nosuch]"),
    ("content/data/*", r"^(\s+)(\d{4}): [\d.]+", r"\g<1>\g<2>: " + "9" * 5001),
    ("content/data/*", r"^(\s+)label: (.*)$", '\\g<0>\n\\g<1>format: "{:,.1f}"'),
    ("content/sections/*", r"^body: \|\n", "body: |\n  " + "[" * 20_000 + "\n"),
    ("content/sections/*", r"^body: \|\n", "body: |\n  " + ">" * 2_000 + " deep\n\n"),
    ("content/sections/*", r"^body: \|\n", "body: |\n  <div>\n\n"),
    ("content/sections/*", r"^body: \|\n", "body: |\n  [y]{.own onmouseover='alert(1)'} and "
                                           "[x](https://a.example){onclick=alert(1)}\n\n"),
    ("content/sections/*", r"^body: \|\n", "body: |\n  ::: {.callout onclick=alert(1) style='position:fixed'}\n"
                                           "  boo\n  :::\n\n"),
    ("content/sections/*", r"^body: \|\n", "body: |\n  See [this][e].\n\n  [e]: javascript:alert(1)\n\n"),
]


def _named(project: Path, case) -> str:
    pattern_path, pattern, replacement = case
    path = sorted(project.glob(pattern_path))[0]
    text = path.read_text(encoding="utf-8")
    expand = r"\g<" in replacement  # a template with groups, else the text as it is
    path.write_text(re.sub(pattern, lambda m: m.expand(replacement) if expand else replacement, text, count=1,
                           flags=re.M), encoding="utf-8", errors="surrogatepass")
    return f"named: {replacement[:50]!r} in {path.relative_to(project)}"


def _fs_named(project: Path) -> list:
    """The file-system cases of issue 22: a folder for brief.yaml, a loop, a pipe."""
    def folder(p):
        (p / "content/brief.yaml").unlink()
        (p / "content/brief.yaml").mkdir()
        return "named: content/brief.yaml is a folder"

    def loop(p):
        os.symlink("b.yaml", p / "content/sections/a.yaml")
        os.symlink("a.yaml", p / "content/sections/b.yaml")
        return "named: a symlink loop in content/sections"

    def pipe(p):
        os.mkfifo(p / "content/sections/pipe.yaml")
        return "named: a named pipe in content/sections"
    return [folder, loop, pipe]


LOCATED = re.compile(r"^(content|charts|templates|build)(/[^:\n]*)?(:\d+)?: ")
SUMMARY = re.compile(r"^(evidence: .*|brief: \d+ error\(s\), \d+ warning\(s\); build/brief\.pdf was not changed)$")


class Hung(Exception):
    pass


def _run(project: Path, command: str, seconds: int):
    """`brief COMMAND` in this process, stopped after `seconds` (a hang is exit 3, 'Hung')."""
    def alarm(signum, frame):
        raise Hung(f"still running after {seconds} s")
    previous = signal.signal(signal.SIGALRM, alarm)
    out, err = io.StringIO(), io.StringIO()
    signal.alarm(seconds)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([command, "--project", str(project)])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return code, err.getvalue()


def _wrong(code: int, err: str) -> str | None:
    """What is wrong with a run's result, or None."""
    if code not in (0, 1):
        return f"exit {code}: {err.strip()[:300]}"
    lines = err.splitlines()
    stray = [line for line in lines if not (LOCATED.match(line) or SUMMARY.match(line))]
    if stray:
        return f"exit {code}, lines without a place: {stray[:3]}"
    if code == 1 and not any(LOCATED.match(line) and ": warning: " not in line for line in lines):
        return f"exit 1 with no located error: {lines[:3]}"
    return None


UNSAFE = re.compile(r"<script|<[a-z][^>]*(?:\s(?:on[a-z]+|style)\s*=|=\s*[\"']?\s*javascript:)", re.I)


def _unsafe(html: str) -> list[str]:
    """Script, handlers, style attributes or javascript: links outside the charts' SVG and
    the theme's own <style> element."""
    html = re.sub(r"<svg\b.*?</svg>|<style>.*?</style>", "", html, flags=re.S)
    return [m[0] for m in UNSAFE.finditer(html)]


def _starter(folder: Path) -> Path:
    """`brief new`'s brief, without the JSON schemas it writes for editors."""
    new_project(folder)
    shutil.rmtree(folder / "schemas")
    return folder


def _mutations(kind: str, chunk: int, project: Path):
    """The chunk's mutations, functions of a project copy, seeded by SEED, the kind and the chunk."""
    rng = random.Random(f"{SEED}-{kind}-{chunk}")
    out = []
    if chunk == 0:
        # The real brief has no data file now; the starter has one of each kind, so every case
        # runs on one project at least (test_every_named_case_runs_on_the_starter).
        out += [lambda p, case=case: _named(p, case) for case in NAMED if any(project.glob(case[0]))]
        out += _fs_named(project)
    for _ in range(RANDOM_PER_CHUNK[kind]):
        operator, seed = rng.choice(OPERATORS), rng.random()
        out.append(lambda p, o=operator, s=seed: mutate(p, random.Random(s), o, _pick(p, random.Random(s))))
    return out


def test_every_named_case_runs_on_the_starter(tmp_path):
    starter = _starter(tmp_path / "starter")
    assert [case for case in NAMED if not any(starter.glob(case[0]))] == []


def _pristine(built: Path, folder: Path) -> Path:
    """A copy of a built project's content, charts and cache (so checks need not work out the
    fonts' facts again), without its outputs or the finished PDFs kept in the cache (a check
    never reads them, and each mutation copies the project)."""
    for part in ("content", "charts", "build/.cache"):
        shutil.copytree(built / part, folder / part, ignore=shutil.ignore_patterns("layouts"))
    return folder


@pytest.mark.parametrize("chunk", range(CHUNKS))
@pytest.mark.parametrize("kind", ["real", "starter"])
def test_check_of_a_mutated_brief_is_a_located_answer(kind, chunk, request, tmp_path):
    built = request.getfixturevalue("real_build")[0] if kind == "real" else request.getfixturevalue("built_starter")
    pristine = _pristine(built, tmp_path / "pristine")
    failures = []
    for n, apply in enumerate(_mutations(kind, chunk, pristine)):
        project = tmp_path / f"m{n}"
        shutil.copytree(pristine, project, symlinks=True)
        what = apply(project)
        code, err = _run(project, "check", CHECK_SECONDS)
        if problem := _wrong(code, err):
            failures.append(f"{what}: {problem}")
        shutil.rmtree(project)
    assert not failures, f"BRIEF_FUZZ_SEED={SEED}, {kind} chunk {chunk}:\n" + "\n".join(failures)


OUTPUTS = ["brief.pdf", "brief-onepage.pdf", "brief.html", "web/index.html"]


@pytest.fixture(scope="session")
def built_starter(tmp_path_factory):
    project = _starter(tmp_path_factory.mktemp("fuzz") / "starter")
    assert _run(project, "build", BUILD_SECONDS)[0] == 0
    return project


BUILD_SAMPLE = 8
BUILD_ONLY = re.compile(r"^templates/.*\.j2:\d+: |^content/brief\.yaml:\d+: the one-page leave-behind runs to ")


@pytest.mark.parametrize("n", range(BUILD_SAMPLE))
def test_a_mutated_brief_builds_safely_or_keeps_the_last_good_outputs(n, built_starter, tmp_path):
    rng = random.Random(f"{SEED}-build-{n}")
    project = tmp_path / "p"
    shutil.copytree(built_starter, project, symlinks=True)
    before = {name: (project / "build" / name).read_bytes() for name in OUTPUTS}
    # Half the sample puts hostile Markdown where it is read; the other half anything, or damages the cache.
    files = [p for p in _files(project) if p.suffix == ".yaml"]
    if n % 2 == 0:
        what = mutate(project, rng, "markdown", rng.choice([p for p in files if _block_lines(_lines(p))]))
    else:
        cached = sorted(p for p in (project / "build").rglob("*") if p.is_file() and ".cache" in p.parts)
        what = mutate(project, rng, rng.choice(["bytes", "truncate"]), rng.choice(cached))
        what += "; " + mutate(project, rng, rng.choice(OPERATORS), _pick(project, rng))
    checked, _ = _run(project, "check", CHECK_SECONDS)
    code, err = _run(project, "build", BUILD_SECONDS)
    context = f"BRIEF_FUZZ_SEED={SEED}, build {n}, {what}"
    assert _wrong(code, err) is None, f"{context}: {_wrong(code, err)}"
    # What check refuses, build refuses; what it accepts, build builds, but for what only the
    # layout or rendering a template can find (README: Templates, the leave-behind's length).
    assert code == checked or (checked == 0 and any(BUILD_ONLY.match(line) for line in err.splitlines())), \
        f"{context}: check {checked}, build {code}: {err.strip()[:300]}"
    # A project's own template may hold any markup, <script> too: it is the project's page, not
    # its content (the sandbox keeps it from running Python). Content never adds script.
    for page in ("brief.html", "web/index.html", "evidence.html") if not (project / "templates").exists() else ():
        assert not _unsafe((project / "build" / page).read_text()), f"{context}: {page}"
    if code == 1:
        assert {name: (project / "build" / name).read_bytes() for name in OUTPUTS} == before, context
