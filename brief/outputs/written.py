"""What an output reports back: the file it wrote, for the build's last line."""
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Written:
    path: Path               # where the file stands once the build has published it
    pages: int | None = None

