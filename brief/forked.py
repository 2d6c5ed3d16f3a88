"""Work done beside the critical path, on the second core: a function run in a forked child.

WeasyPrint's import and layout hold the build's one core. Work that needs only what the build
already has (the evidence check, the outputs that need no layout) runs in a child forked at
that moment: it has all the parent's data for free, nothing is pickled on the way in, and only
its result comes back through a pipe. An exception in the child is raised again in the parent.
The child uses no thread it did not start itself, and leaves with os._exit so that none of the
parent's exit handlers run twice.
"""
import os
import pickle


class Forked:
    """`work()` running in a child process; `result()` waits for its value."""

    def __init__(self, work, what: str):
        self.what = what
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(read)
            try:
                answer = work()
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

    def result(self):
        with self.read:
            data = self.read.read()
        os.waitpid(self.pid, 0)
        if not data:
            raise RuntimeError(f"the process {self.what} died")
        answer = pickle.loads(data)
        if isinstance(answer, BaseException):
            raise answer
        return answer

    def close(self):
        """Stop the child if the build failed before waiting for it."""
        if not self.read.closed:
            self.read.close()
            try:
                os.kill(self.pid, 9)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
