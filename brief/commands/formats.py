"""`brief check --format json|github`: the problems and the evidence summary for a machine.

`json` is one object on stdout; `github` is GitHub Actions workflow commands, which the runner
turns into annotations on the files' lines. Paths are given from the current folder (as the
runner's checkout sees them), not from the project.
"""
import json
from dataclasses import replace
from pathlib import Path

from ..errors import Problem

FORMATS = ("text", "json", "github")


def _file(project: Path, problem: Problem) -> str:
    if not problem.path:
        return ""
    path = Path(project, problem.path).absolute()
    cwd = Path.cwd()
    return str(path.relative_to(cwd)) if path.is_relative_to(cwd) else str(path)


def as_json(problems: list[Problem], evidence: str, project: Path) -> str:
    def entry(p):
        return {"file": _file(project, p) or None, "line": p.line or None, "message": p.message}
    return json.dumps({"errors": [entry(p) for p in problems if not p.warning],
                       "warnings": [entry(p) for p in problems if p.warning],
                       "evidence": evidence or None}, ensure_ascii=False, indent=2)


def _escape(text: str, in_property=False) -> str:
    # The runner's own escaping (actions/toolkit, command.ts): data and properties differ.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if in_property else text


def as_github(problems: list[Problem], evidence: str, project: Path) -> str:
    lines = []
    for p in problems:
        where = [f"file={_escape(_file(project, p), True)}"] if p.path else []
        where += [f"line={p.line}"] if p.path and p.line else []
        kind = "warning" if p.warning else "error"
        lines.append(f"::{kind}{' ' + ','.join(where) if where else ''}::{_escape(p.message)}")
    if evidence:
        lines.append(evidence)
    return "\n".join(lines)


def render(form: str, problems: list[Problem], evidence: str, project: Path, strict=False) -> str:
    """`strict`: the warnings are errors, as --strict makes them."""
    if strict:
        problems = [replace(p, warning=False) for p in problems]
    return (as_json if form == "json" else as_github)(problems, evidence, project)
