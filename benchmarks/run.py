"""`make bench`: the real brief and synthetic 20/100/300-page briefs, against WeasyPrint's floor.

For each brief: a cold `brief build` (fresh process, empty build/), the same with notes and
charts cached but every layout made again, the same with nothing changed (the layouts kept), the floor (a bare WeasyPrint render of the same build/brief.html in a fresh
process; with translations, every edition's HTML rendered at once, a process each), and a warm rebuild after a one-line prose edit (what `brief watch` does). Medians of
--runs runs; peak memory of the cold build and of the floor.
"""
import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from synth import generate  # noqa: E402

COLD = """
import json, resource, sys, time
t = time.perf_counter()
from brief.build import build
r = build(sys.argv[1])
print(json.dumps({"total": time.perf_counter() - t, "pages": r.written[0].pages, "stages": r.timings,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

FLOOR = """
import json, resource, sys, time
t = time.perf_counter()
import weasyprint
from pathlib import Path
from brief.outputs.pdf.layout import confined_fetcher
root, html = Path(sys.argv[1]), Path(sys.argv[2])
weasyprint.HTML(filename=str(html), url_fetcher=confined_fetcher(root)).write_pdf(
    str(html.with_name("floor.pdf")), pdf_variant="pdf/ua-1")
print(json.dumps({"total": time.perf_counter() - t,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def floor(project: Path, everything=True):
    """A bare WeasyPrint render of the brief's HTML, as `weasyprint brief.html brief.pdf` would
    do it; for a brief with translations, each edition's HTML in a process of its own, all at
    once (the best bare WeasyPrint does on this machine's cores), timed until the last ends.
    `everything=False`: the original edition's alone."""
    pages = sorted(project.glob("build/*/brief.html")) if everything else []
    start = time.perf_counter()
    runs = [subprocess.Popen([sys.executable, "-c", FLOOR, str(project), str(html)], cwd=REPO, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for html in [project / "build/brief.html", *pages]]
    said = [run.communicate() for run in runs]
    if any(run.returncode for run in runs):
        sys.exit(f"benchmark step failed:\n{said[0][1][-2000:]}")
    return {"total": time.perf_counter() - start, "editions": len(runs),
            "peak_mb": max(json.loads(out.strip().splitlines()[-1])["peak_mb"] for out, _ in said)}


WARM = """
import json, shutil, sys, time
from pathlib import Path
from brief.build import build
root = Path(sys.argv[1])
build(root)
section = sorted((root / "content/sections").glob("*.yaml"))[0]
text = section.read_text()
times = {"kept": [], "laid out": []}
for i in range(int(sys.argv[2])):
    for layouts in times:
        if layouts == "laid out":  # every edition laid out again, as before layouts were kept
            shutil.rmtree(root / "build/.cache/layouts")
        # a one-line prose edit: a sentence added to the first line of the body (a block scalar)
        edited = text.replace("body: |\\n", "body: |\\n  Edit %d%s. " % (i, layouts[0]), 1)
        assert edited != text, f"{section} has no 'body: |' block to edit"
        section.write_text(edited)
        t = time.perf_counter()
        build(root)
        times[layouts].append(time.perf_counter() - t)
section.write_text(text)
print(json.dumps(times))
"""


def watch_latency(project: Path, runs: int):
    """`brief watch` on the project: seconds from a save to the new outputs."""
    proc = subprocess.Popen([sys.executable, "-m", "brief.cli", "watch", "--project", str(project)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    try:
        while "watching" not in proc.stdout.readline():
            pass
        section = sorted((project / "content/sections").glob("*.yaml"))[0]
        text = section.read_text()
        pdf = []
        for i in range(runs):
            time.sleep(1.0)
            saved = time.perf_counter()
            section.write_text(text.replace("body: |\n", f"body: |\n  Watch edit {i}.\n\n", 1))
            while True:
                line = proc.stdout.readline()
                if "brief.pdf" in line and "wrote " in line:  # "HH:MM:SS file: wrote build/brief.pdf …"
                    pdf.append(time.perf_counter() - saved)
                    break
        section.write_text(text)
        return statistics.median(pdf)
    finally:
        proc.terminate()
        proc.wait()


def python(code, *args):
    out = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, cwd=REPO)
    if out.returncode:
        sys.exit(f"benchmark step failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(project: Path, runs: int):
    """Each run pairs a cached build with the floor right after it, so a slow moment of the
    machine weighs on both: the ratios are the medians of the pairs' ratios."""
    colds, cached, unchanged, floors, originals = [], [], [], [], []
    for _ in range(runs):
        shutil.rmtree(project / "build", ignore_errors=True)
        colds.append(python(COLD, project))
        shutil.rmtree(project / "build/.cache/layouts")
        cached.append(python(COLD, project))  # a fresh process, prose and charts cached, every layout made
        floors.append(floor(project))
        originals.append(floor(project, everything=False))
        unchanged.append(python(COLD, project))  # nothing changed: the layouts kept too
    warm = python(WARM, project, runs)
    cold = statistics.median(c["total"] for c in colds)
    stages = {k: statistics.median(c["stages"][k] for c in cached) for k in cached[0]["stages"]}

    def paired(runs, floors):
        return statistics.median(r["total"] / f["total"] for r, f in zip(runs, floors))
    return {"pages": colds[0]["pages"], "cold": cold, "cached": statistics.median(c["total"] for c in cached),
            "floor": statistics.median(f["total"] for f in floors),
            "cached/floor": paired(cached, floors), "cold/floor": paired(colds, floors),
            "cached/original": paired(cached, originals), "editions": floors[0]["editions"],
            "unchanged": statistics.median(u["total"] for u in unchanged),
            "warm": statistics.median(warm["kept"]), "warm laid out": statistics.median(warm["laid out"]), "peak_mb": max(c["peak_mb"] for c in colds),
            "floor_mb": max(f["peak_mb"] for f in floors), "stages": stages}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", default="20,100,300")
    args = ap.parse_args()
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        real = Path(tmp) / "real"
        for folder in ("content", "charts"):
            shutil.copytree(REPO / folder, real / folder)
        rows["real brief"] = measure(real, args.runs)
        save_to_outputs = watch_latency(real, args.runs)
        for size in [int(s) for s in args.sizes.split(",") if s]:
            print(f"... synthetic {size} pages", file=sys.stderr, flush=True)
            rows[f"synthetic {size}"] = measure(generate(Path(tmp) / f"s{size}", size), args.runs)
    print(f"\n{'brief':<15}{'editions':>9}{'pages':>6}{'cold s':>8}{'cached s':>9}{'floor s':>9}{'cached/floor':>13}{'cold/floor':>11}"
          f"{'unchanged s':>12}{'rebuild s':>10}{'rebuild/cold':>13}{'peak MB':>9}{'MB/page':>8}{'floor MB':>9}")
    for name, r in rows.items():
        print(f"{name:<15}{r['editions']:>9}{r['pages']:>6}{r['cold']:>8.2f}{r['cached']:>9.2f}{r['floor']:>9.2f}{r['cached/floor']:>13.2f}"
              f"{r['cold/floor']:>11.2f}{r['unchanged']:>12.2f}{r['warm']:>10.2f}{r['warm'] / r['cold']:>13.2f}{r['peak_mb']:>9.0f}"
              f"{r['peak_mb'] / r['pages']:>8.2f}{r['floor_mb']:>9.0f}")
    real = rows["real brief"]
    print(f"\ntargets (issue 24), real brief: cached/floor {real['cached/floor']:.2f} (<= 1.15), "
          f"rebuild/cold {real['warm'] / real['cold']:.2f} (<= 0.70); against a floor of the original "
          f"edition's render alone, cached/floor {real['cached/original']:.2f}; a rebuild with every edition "
          f"laid out again, rebuild/cold {real['warm laid out'] / real['cold']:.2f}")
    print(f"\nbrief watch on the real brief, a one-line prose edit: save -> new outputs {save_to_outputs:.2f} s "
          f"(median of {args.runs})")
    print("\nstage medians (s):")
    for name, r in rows.items():
        print(f"  {name:<15}" + "  ".join(f"{k} {v:.2f}" for k, v in r["stages"].items()))
    sizes = {int(n.split()[1]): r for n, r in rows.items() if n.startswith("synthetic")}
    if 100 in sizes and 300 in sizes:
        print(f"\n100 -> 300 pages: cold time x{sizes[300]['cold'] / sizes[100]['cold']:.2f} "
              f"(pages x{sizes[300]['pages'] / sizes[100]['pages']:.2f})")


if __name__ == "__main__":
    main()
