"""Shared helpers: projects are copied to a temporary folder, so tests never touch the repo."""
import fcntl
import pickle
import shutil
from pathlib import Path

import pytest

from brief.cli import main

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = REPO.parent / "shared" / "seeds"


def make_project(dest: Path, fixture: str | None = None) -> Path:
    """A brief project in `dest`: a fixture's (or the real brief's) content, charts and own
    templates/ if it has one; everything else comes from the tool's default theme."""
    source = FIXTURES / fixture if fixture else REPO
    for folder in ("content", "charts") + (("templates",) if fixture else ()):
        if (source / folder).is_dir():  # git keeps no empty folders
            shutil.copytree(source / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


class Run:
    def __init__(self, code, out, err):
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def brief_cli(capsys):
    """Run the `brief` command in-process; returns exit code, stdout and stderr."""
    def run(project: Path, *args):
        code = main([*args[:1], "--project", str(project), *args[1:]])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)
    return run


@pytest.fixture
def minimal(tmp_path):
    return make_project(tmp_path / "minimal", "minimal")


@pytest.fixture(scope="session")
def real_build(tmp_path_factory, worker_id):
    """The real brief, built once for the whole run in a copy of the repository: the first xdist
    worker to ask builds it, under a lock, and the other reads its result (tests only read it)."""
    from brief.build import build
    shared = tmp_path_factory.getbasetemp()
    shared = shared.parent if worker_id != "master" else shared  # the run's folder, above each worker's
    with open(shared / "real.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        project, kept = shared / "real", shared / "real.result"
        if not kept.exists():
            kept.write_bytes(pickle.dumps(build(make_project(project))))
        return project, pickle.loads(kept.read_bytes())


@pytest.fixture(scope="session")
def built_minimal_template(tmp_path_factory):
    """The minimal fixture with a good PDF, built once; tests get copies (see `built`)."""
    from brief.build import build
    project = make_project(tmp_path_factory.mktemp("good") / "p", "minimal")
    build(project)
    return project


@pytest.fixture
def built(built_minimal_template, tmp_path):
    """A fresh copy of the built minimal project and the bytes of its good PDF."""
    project = tmp_path / "minimal"
    shutil.copytree(built_minimal_template, project, symlinks=True)
    return project, (project / "build/brief.pdf").read_bytes()
