"""Work done beside the critical path, on the second core: a function run in a forked child.

WeasyPrint's import and layout hold the build's one core. Work that needs only what the build
already has (the evidence check, the outputs that need no layout) runs in a child forked at
that moment: it has all the parent's data for free, nothing is pickled on the way in, and only
its result comes back through a pipe. An exception in the child is raised again in the parent.
The child uses no thread it did not start itself, and whatever happens it leaves with os._exit,
so it never runs the parent's code after its work (its callers, exit handlers, `finally`s).
"""
import os
import pickle
import signal
from concurrent.futures import Future


class Forked:
    """`work()` running in a child process, `nice` steps below the build's priority; `result()`
    waits for its value. Use it as a context manager (or call `close()`), so a child is stopped
    and reaped whatever the build does."""

    def __init__(self, work, what: str, nice: int = 0):
        self.what = what
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            code = 1
            try:
                os.close(read)
                # Ctrl-C and `kill` are the parent's to handle; the child ends when it is told.
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                os.nice(nice)
                try:
                    answer = work()
                except BaseException as e:  # noqa: BLE001 - every failure goes back to the build
                    answer = e
                with os.fdopen(write, "wb") as out:
                    try:
                        pickle.dump(answer, out)
                    except pickle.PicklingError as e:  # an exception that cannot be pickled, in words
                        pickle.dump(RuntimeError(f"{type(answer).__name__}: {answer} ({e})"), out)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self.read = os.fdopen(read, "rb")
        self.reaped = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def result(self):
        data = self.read.read()
        self._reap()
        if not data:
            raise RuntimeError(f"the process {self.what} died")
        answer = pickle.loads(data)
        if isinstance(answer, BaseException):
            raise answer
        return answer

    def _reap(self):
        if not self.reaped:
            os.waitpid(self.pid, 0)
            self.reaped = True
        self.read.close()

    def close(self):
        """Stop the child if it is still running, and reap it."""
        if not self.reaped:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._reap()


def done(value) -> Future:
    """Work that is already finished (a cache hit, an output written in the main process), with
    the same `result()` as work still under way."""
    future = Future()
    future.set_result(value)
    return future
