"""The outputs a build can write: one module each, behind one interface, in one registry.

An output (output.py) gets the Edition (everything the brief shows, format-neutral) and a
folder to write its files into; the build stages that folder and moves every output's files
into build/ together once all have succeeded. `brief.yaml` names the outputs a brief wants
(`outputs:`); a new format is a module with an Output like these and one entry in OUTPUTS.
"""
from .docx import DOCX
from .output import Output, Runs  # noqa: F401 - the interface, imported from here
from .pdf import LEAVE_BEHIND, PDF
from .web import WEB

OUTPUTS: tuple[Output, ...] = (PDF, LEAVE_BEHIND, DOCX, WEB)
NAMES: tuple[str, ...] = tuple(dict.fromkeys(output.name for output in OUTPUTS))  # as `outputs:` names them


def asked_for(names) -> list[Output]:
    """The outputs `names` (as in `outputs:`) ask for, in the registry's order."""
    return [output for output in OUTPUTS if output.name in names]

