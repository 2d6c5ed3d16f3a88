"""A content-hash cache under build/.cache: an unchanged input costs nothing on rebuild."""
import hashlib
import json
from pathlib import Path

from . import __version__
from .writing import write_atomic


def digest(*parts) -> str:
    """A short hash of the inputs (str or bytes) and of the generator's version."""
    h = hashlib.sha256(__version__.encode())
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode()
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()[:20]


def file_key(path: Path) -> str:
    """A file's key for facts about it, without reading it: its name, size and modification
    time (a font's names and characters are kept under it)."""
    stat = path.stat()
    return digest(path.name, stat.st_size, stat.st_mtime_ns)


class Facts:
    """Small facts derived from files (a font's names, the characters it can draw), kept as
    JSON under build/.cache. `get` reads them freely; what it computes waits in memory until
    `save()`, which the build calls only after validation has passed, so `brief check` and a
    failed build leave build/ as it was."""

    def __init__(self, folder: Path):
        self.folder, self.pending = folder, {}

    def get(self, name: str, compute):
        if name in self.pending:
            return self.pending[name]
        path = self.folder / name
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
        self.pending[name] = value = compute()
        return value

    def put(self, name: str, value):
        """Keep a new value for `name` (it is written by `save`)."""
        self.pending[name] = value

    def save(self):
        for name, value in self.pending.items():
            write_atomic(self.folder / name, json.dumps(value, ensure_ascii=False))
        self.pending.clear()
