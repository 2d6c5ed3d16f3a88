"""build/evidence.html: the page a fact-checker reviews, what needs attention first."""
from pathlib import Path

from .check import Evidence
from .currency import Reach
from .unused import SHOWN, source_use
from ..content.model import Content


def report_path(root: Path) -> Path:
    """Where every evidence check writes its report (the web edition publishes a copy)."""
    return root / "build" / "evidence.html"


def render_report(evidence: Evidence, reach: Reach, readability, content: Content, environment) -> str:
    attention = [(claim, c) for claim in evidence.claims for c in claim.checks if not c.ok or c.notes_only]
    sources = [{"id": s.id, "title": s.csl.get("title", ""), "unarchived": s.unarchived,
                "excerpts": evidence.texts[s.id].excerpts if s.id in evidence.texts else []}
               for s in content.sources.values()]
    return environment.get_template("evidence.html.j2").render(
        brief=content.brief, summary=evidence.summary("this page"), reach=reach,
        claims=evidence.claims, attention=attention, uses=source_use(evidence, content), shown=SHOWN, data=evidence.data,
        sources=sources, prose=readability, prose_stats=readability.stats(), root=content.root)
