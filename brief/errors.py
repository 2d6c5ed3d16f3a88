"""The few exceptions a user can cause. Each prints as one line per problem, no traceback.

Logging policy: a problem that makes the input unusable is an error (the build stops and the
last good PDF stays); a problem that makes the output doubtful is a warning (the build goes on,
`--strict` turns warnings into errors). Everything else is silent unless `--verbose`.
"""
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, at a place the user can open in an editor."""

    path: str
    line: int
    message: str
    warning: bool = False

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        kind = "warning: " if self.warning else ""
        return f"{where}: {kind}{_one_line(self.message)}"


def _one_line(text: str) -> str:
    """A message quotes the user's text, which may hold line breaks or other control
    characters; shown escaped, each problem stays one line."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


class BriefError(Exception):
    """Any failure the user can fix; `str()` is the whole message."""


class ContentError(BriefError):
    """The content has problems; all of them are reported at once."""

    def __init__(self, problems, evidence=""):
        # A file that cannot be read at all (no line) first: what else is wrong may follow from it.
        self.problems = sorted(problems, key=lambda p: (p.line != 0, p))
        self.evidence = evidence  # the evidence summary, when the evidence check ran
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # raised in a forked child, it crosses the pipe whole (forked.py)
        return ContentError, (self.problems, self.evidence)


class Problems:
    """Collects problems while a stage goes on, so the user sees all of them at once."""

    def __init__(self, root: Path):
        self.root = root
        self.items: list[Problem] = []
        self._said: set[Problem] = set()

    def _rel(self, path) -> str:
        path = Path(os.path.abspath(path))  # not resolve(): a symlink is named as the user sees it
        try:
            return str(path.relative_to(self.root.resolve()))
        except ValueError:
            return str(path)

    def error(self, path, line, message):
        self.extend([Problem(self._rel(path), line, message)])

    def warn(self, path, line, message):
        self.extend([Problem(self._rel(path), line, message, warning=True)])

    def extend(self, found: list[Problem]):
        """Add problems (found here or by another process); one found twice (a leave-behind too
        long both in the brief and on its own page) is said once."""
        for problem in found:
            if problem not in self._said:
                self._said.add(problem)
                self.items.append(problem)

    @property
    def errors(self):
        return [p for p in self.items if not p.warning]

    @property
    def warnings(self):
        return [p for p in self.items if p.warning]

    def raise_if_errors(self, strict=False, evidence=""):
        bad = self.items if strict else self.errors
        if bad:
            raise ContentError(bad, evidence)
