"""A content-hash cache under build/.cache: an unchanged input costs nothing on rebuild."""
import hashlib
import json
import re
import stat
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


# A cached file ends with a line holding the digest of what comes before it: a file that was
# cut short, overwritten or changed since it was written does not match, and is made again
# instead of used. The line is an XML comment, so a sealed SVG is still an SVG.
SEAL = re.compile(rb"\n<!-- brief-seal ([0-9a-f]{20}) -->\n\Z")


def sealed(data: bytes) -> bytes:
    return data + b"\n<!-- brief-seal %s -->\n" % digest(data).encode()


def unsealed(data: bytes) -> bytes | None:
    """What `sealed` was given, or None when `data` is not whole or not as it was written."""
    m = SEAL.search(data)
    return data[:m.start()] if m and digest(data[:m.start()]) == m[1].decode() else None


def read_sealed(path: Path) -> bytes | None:
    """A cached file's data, or None when it is missing, unreadable or does not match its seal
    (or is not a regular file: reading a named pipe would wait forever)."""
    try:
        return unsealed(path.read_bytes()) if stat.S_ISREG(path.stat().st_mode) else None
    except OSError:
        return None


def file_key(path: Path) -> str:
    """A file's key for facts about it, without reading it: its name, size and modification
    time (a font's names and characters are kept under it)."""
    stat = path.stat()
    return digest(path.name, stat.st_size, stat.st_mtime_ns)


class Facts:
    """Small facts derived from files (a font's names, the characters it can draw), kept as
    sealed JSON under build/.cache (a damaged file is computed again). `get` reads them freely;
    what it computes waits in memory until `save()`, which the build calls only after validation has passed, so `brief check` and a
    failed build leave build/ as it was."""

    def __init__(self, folder: Path):
        self.folder, self.pending = folder, {}

    def get(self, name: str, compute):
        if name in self.pending:
            return self.pending[name]
        if (data := read_sealed(self.folder / name)) is not None:
            return json.loads(data)
        self.pending[name] = value = compute()
        return value

    def put(self, name: str, value):
        """Keep a new value for `name` (it is written by `save`)."""
        self.pending[name] = value

    def save(self):
        for name, value in self.pending.items():
            write_atomic(self.folder / name, sealed(json.dumps(value, ensure_ascii=False).encode()))
        self.pending.clear()
