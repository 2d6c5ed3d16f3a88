"""A content-hash cache under build/.cache: an unchanged input costs nothing on rebuild."""
import hashlib
import json
import os
from contextlib import contextmanager
from pathlib import Path

from . import __version__


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


@contextmanager
def atomic_target(path: Path):
    """A temporary name next to `path`; what is written there replaces `path` only when the
    block completes, so a reader never sees half a file (see remove_stale_temporaries)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes | str):
    with atomic_target(path) as tmp:
        tmp.write_bytes(data if isinstance(data, bytes) else data.encode())


def remove_stale_temporaries(folder: Path):
    """Temporary files left by a build that was killed (its process no longer exists)."""
    for tmp in folder.rglob(".*.tmp") if folder.is_dir() else []:
        pid = tmp.name.rsplit(".", 2)[-2]
        if pid.isdigit() and not _alive(int(pid)):
            tmp.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
