"""Generate a synthetic brief of about N pages: realistic prose, ~5 notes a page, a chart every 10 pages."""
import random
import sys
from pathlib import Path

import yaml

WORDS = ("the policy treaty states mines alliance defense report review commitment evidence "
         "stockpile civilians clearance funding accession exception peninsula officials argued "
         "government program weapons humanitarian norm military ban signed ratified withdrawal "
         "analysis budget committee senate congress statement described annual survey").split()
WORDS_PER_PAGE = 400  # body text on a page that also carries ~5 notes (measured: 1,500 words -> 3.75 pages)
FIXED_PAGES = 5  # cover, contents, key findings, recommendations, sources


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 24))]
    return " ".join(words).capitalize() + "."


def paragraph(rng, n_sources, notes):
    parts = []
    for _ in range(rng.randint(3, 5)):
        text = sentence(rng)
        if rng.random() < notes:
            text = text[:-1] + f" [@src-{rng.randrange(n_sources)}, {rng.randint(1, 90)}]."
        parts.append(text)
    return " ".join(parts)


def generate(dest: Path, pages: int, seed=1):
    rng = random.Random(seed)
    n_sources = max(10, pages)
    for sub in ("content/sections", "content/data", "charts"):
        (dest / sub).mkdir(parents=True, exist_ok=True)
    sections, chart_count = [], 0
    words_per_section = WORDS_PER_PAGE * 5
    for s in range(max(1, (pages - FIXED_PAGES) // 5)):
        paras, words = [], 0
        while words < words_per_section:
            p = paragraph(rng, n_sources, notes=0.33)
            paras.append(p)
            words += len(p.split())
        if s % 2 == 1:  # a chart every ten pages
            chart_id = f"chart-{chart_count}"
            chart_count += 1
            paras.insert(len(paras) // 2, f"{{{{figure:{chart_id}}}}}")
            (dest / f"charts/{chart_id}.yaml").write_text(yaml.safe_dump({
                "kind": "line", "title": f"Series {chart_id}", "data": "series", "series": ["a"],
                "caption": "A synthetic series.", "source": "[@src-0]"}))
        body = "\n\n".join(paras[:3] + ["## A subsection"] + paras[3:])
        indented = "".join(f"  {line}\n" if line else "\n" for line in body.split("\n"))
        (dest / f"content/sections/s{s}.yaml").write_text(f"title: Section {s + 1}\nbody: |\n{indented}")
        sections.append(f"s{s}")
    (dest / "content/data/series.yaml").write_text(yaml.safe_dump({
        "title": "Synthetic", "series": [{"id": "a", "label": "A", "unit": "units",
                                          "points": {y: 100 + 3 * (y - 2000) for y in range(2000, 2026)}}]}))
    refs = [{"id": f"src-{i}", "type": "report", "title": f"Report on {rng.choice(WORDS)} number {i}",
             "author": [{"literal": "Synthetic Institute"}], "publisher": "Synthetic Institute",
             "issued": {"date-parts": [[2000 + i % 25, 1 + i % 12]]}, "URL": f"https://example.org/r/{i}"}
            for i in range(n_sources)]
    (dest / "content/sources.yaml").write_text(yaml.safe_dump({"references": refs}))
    (dest / "content/brief.yaml").write_text(yaml.safe_dump({
        "title": f"Synthetic brief, {pages} pages", "subtitle": "For benchmarks", "short_title": "Synthetic",
        "publisher": "Benchmark Desk", "edition": "2026-01-01", "language": "en-US", "subject": "Benchmark",
        "bottom_line": "Act on the synthetic evidence.", "summary": "Synthetic [@src-0].",
        "key_findings": [{"short": "A finding.", "text": "A finding [@src-1]."}],
        "recommendations": [{"id": "act", "to": "To all", "ask": "Act.", "why": "Act [@src-2]."}],
        "sections": sections}))
    return dest


if __name__ == "__main__":
    generate(Path(sys.argv[1]), int(sys.argv[2]))
