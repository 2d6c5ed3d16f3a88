"""How the build writes build/: each file atomically, and a build's outputs all together.

Outputs are written to a staging folder, build/.next-PID/, and moved into build/ only when the
whole build has succeeded; a failure, `--strict`, a full disk or a kill leaves the last good set
in place, all from one edition. The move is a journal: `.complete` is written in the staging
folder first, so a build killed half-way through moving is finished by the next build (or
`brief check`) before it does anything else. A lock keeps two builds from moving at once.
"""
import fcntl
import os
import re
import shutil
import signal
from contextlib import contextmanager
from pathlib import Path

COMPLETE = ".complete"


@contextmanager
def atomic_target(path: Path):
    """A temporary name next to `path`; what is written there replaces `path` only when the
    block completes, so a reader never sees half a file (see remove_stale_temporaries)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    except OSError as e:
        if e.filename in (None, str(tmp)):  # a full disk, say: named by the file the user knows
            raise OSError(e.errno, e.strerror, str(path)) from e
        raise
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


@contextmanager
def _lock(build: Path):
    build.mkdir(parents=True, exist_ok=True)
    with open(build / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _move_in(staged: Path, build: Path):
    """Move everything staged into build/, replacing what is there; safe to run again."""
    old = build / f".old-{staged.name}"
    for item in sorted(staged.iterdir()):
        if item.name == COMPLETE:
            continue
        target = build / item.name
        if item.is_dir() and target.is_dir():
            old.mkdir(exist_ok=True)
            shutil.rmtree(old / item.name, ignore_errors=True)
            os.replace(target, old / item.name)
        os.replace(item, target)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staged)


def recover(build: Path):
    """Finish what a killed build was moving in; drop what a killed build had only staged."""
    if not build.is_dir():
        return
    with _lock(build):
        for staged in sorted(build.glob(".next-*")):
            pid = staged.name.removeprefix(".next-")
            if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
                continue
            if (staged / COMPLETE).exists():
                _move_in(staged, build)
            else:
                shutil.rmtree(staged, ignore_errors=True)
        for old in build.glob(".old-.next-*"):
            shutil.rmtree(old, ignore_errors=True)


def published(path) -> str:
    """Where a file written into a staging folder will stand in build/ (for messages)."""
    return re.sub(r"/\.next-\d+/", "/", str(path))


class Staging:
    """The folder a build's outputs are written to, moved into build/ by `publish()`."""

    def __init__(self, build: Path):
        self.build, self.folder = build, build / f".next-{os.getpid()}"
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)

    def publish(self):
        # Ctrl-C and `kill` wait until the move is done: an interrupted move would mix editions.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            with _lock(self.build):
                write_atomic(self.folder / COMPLETE, "")
                _move_in(self.folder, self.build)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)

    def discard(self):
        """Drop what was staged, unless it was complete: then the move into build/ is finished."""
        if (self.folder / COMPLETE).exists():
            with _lock(self.build):
                _move_in(self.folder, self.build)
        else:
            shutil.rmtree(self.folder, ignore_errors=True)
