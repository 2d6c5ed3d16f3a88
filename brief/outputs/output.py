"""What an output is (the interface every output module implements) and what it reports back."""
from concurrent.futures import Future
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from ..errors import Problems
from .edition import Edition


@dataclass(frozen=True)
class Written:
    path: Path               # where the file stands once the build has published it
    pages: int | None = None
    reused: bool = False     # the same bytes as an earlier build's, kept under build/.cache


class Runs(Enum):
    """Where the build writes an output. WeasyPrint's layouts are the critical path, and a
    process's first layout also pays for loading the fonts, so each edition's long layout has a
    process of its own, the short ones follow in the build's own process (whose fonts are loaded
    by then; a translation's child already has a whole layout to do), and work without a layout
    waits for a free core."""
    LONG_LAYOUT = "the original's in the build's own process, each translation's in a child of its own"
    SHORT_LAYOUT = "in the build's own process, after its long layout"
    NO_LAYOUT = "in one child beside the layouts, at a lower priority"


class Output:
    """One output of a brief. `name` is how `outputs:` in brief.yaml asks for it (one name may
    ask for more than one output: `pdf`, for the brief and its one-page leave-behind)."""
    name: str
    runs: Runs

    def write(self, edition: Edition, folder: Path, problems: Problems) -> Future:
        """Write the output's files into `folder`, reporting doubtful things to `problems`.
        The Future gives what was written (a `Written`, or None when this edition needs none of
        it); an output that runs another process returns before it has finished, so the next
        output's work overlaps with it."""
        raise NotImplementedError

    def finish(self, folder: Path) -> None:
        """After every output has written: work that uses another output's files."""
