"""The outputs a build can write: one module each, behind one interface, in one registry.

An output gets the Edition (everything the brief shows, format-neutral) and a folder to write
its files into; the build stages that folder and moves every output's files into build/
together once all have succeeded. `brief.yaml` names the outputs a brief wants (`outputs:`);
a new format is a module with an object like these and one entry in OUTPUTS.
"""
from concurrent.futures import Future
from pathlib import Path
from typing import Protocol

from ..errors import Problems
from .docx import DOCX
from .edition import Edition
from .pdf import PDF
from .web import WEB


class Output(Protocol):
    name: str          # as `outputs:` in brief.yaml names it
    files: tuple       # what it writes, relative to build/
    beside: bool       # written in a child process beside the PDF's layout (forked.py)

    def write(self, edition: Edition, folder: Path, problems: Problems) -> Future:
        """Write the output's files into `folder`, reporting doubtful things to `problems`.
        The Future gives what was written (`Written`); an output that runs another process
        returns before it has finished, so the next output's work overlaps with it."""

    def finish(self, folder: Path) -> None:
        """After every output has written: work that uses another output's files."""


OUTPUTS: dict[str, Output] = {output.name: output for output in (PDF, DOCX, WEB)}
