"""What an output reports back: the file it wrote, for the build's last line."""
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Written:
    path: Path               # where the file stands once the build has published it
    pages: int | None = None


def finished(written: Written) -> Future:
    """An output that did all its work in `write` hands back its result as a done Future."""
    future = Future()
    future.set_result(written)
    return future
