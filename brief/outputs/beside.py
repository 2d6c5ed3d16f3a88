"""Outputs written beside the PDF's layout, on the second core: a forked child process.

WeasyPrint's layout is the build's critical path and holds one core; the other outputs (the
Word file, the web page) need only the Edition, which the child has from the moment it is
forked. The child writes their files into the same staging folder and sends back what they
wrote and what they found doubtful; an exception in the child is raised again in the build.
Forking (not spawning) costs nothing and needs nothing pickled on the way in. The child uses
no thread it did not start itself.
"""
import os
import pickle
from pathlib import Path

from ..errors import Problems
from .edition import Edition


class Beside:
    """Outputs running in a child process; `result()` waits and gives what each wrote."""

    def __init__(self, outputs: list, edition: Edition, folder: Path, problems: Problems):
        self.problems, self.outputs = problems, outputs
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: write, report, and leave without running the parent's exit code
            os.close(read)
            try:
                found = Problems(problems.root)
                answer = ([o.write(edition, folder, found).result() for o in outputs], found.items)
            except BaseException as e:  # noqa: BLE001 - every failure goes back to the build
                answer = e
            with os.fdopen(write, "wb") as out:
                try:
                    pickle.dump(answer, out)
                except Exception as e:  # an exception that cannot be pickled, said in words
                    pickle.dump(RuntimeError(f"{type(answer).__name__}: {answer} ({e})"), out)
            os._exit(0)
        os.close(write)
        self.read = os.fdopen(read, "rb")

    def result(self) -> list:
        with self.read:
            data = self.read.read()
        os.waitpid(self.pid, 0)
        if not data:
            raise RuntimeError(f"the process writing {', '.join(o.name for o in self.outputs)} died")
        answer = pickle.loads(data)
        if isinstance(answer, BaseException):
            raise answer
        written, items = answer
        self.problems.items.extend(items)
        return written

    def close(self):
        """Stop the child if the build failed before waiting for it."""
        if not self.read.closed:
            self.read.close()
            try:
                os.kill(self.pid, 9)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
