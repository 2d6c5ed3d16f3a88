"""Installing the tool: `pip install .` ships every file the tool reads, `brief --version`, and
`brief new` in a fresh repository's folder, telling the user the command that will work."""
import fnmatch
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

from brief.cli import main
from conftest import REPO


def _shipped(config: dict, path: Path) -> bool:
    """Whether pyproject's packages and package-data put this file into the wheel."""
    tool = config["tool"]["setuptools"]
    for package in tool["packages"]:
        top, *inner = package.split(".")
        if path.parent == (REPO / tool["package-dir"].get(top, top)).joinpath(*inner):
            patterns = tool["package-data"].get(package, []) + ["*.py"]
            return any(fnmatch.fnmatch(path.name, pattern) for pattern in patterns)
    return False


@pytest.mark.parametrize("top", ["brief", "templates"])
def test_every_file_the_tool_reads_is_in_the_package(top):
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    files = [p for p in (REPO / top).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    missing = [str(p.relative_to(REPO)) for p in files if not _shipped(config, p)]
    assert len(files) > 20 and missing == []


def test_version(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["--version"])
    assert exit.value.code == 0
    assert capsys.readouterr().out == f"brief {version('brief')}\n"


def test_new_writes_into_a_fresh_repository_folder(tmp_path, capsys, monkeypatch):
    for name in (".git/HEAD", "README.md", "LICENSE", ".gitignore"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("mine\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("shutil.which", lambda name: "/usr/local/bin/brief" if name == "brief" else None)
    assert main(["new", "."]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "next: brief build"
    assert (tmp_path / "content/brief.yaml").is_file()
    assert (tmp_path / "README.md").read_text() == "mine\n"


def test_new_refuses_a_folder_with_other_files_and_names_them(tmp_path, capsys):
    for name in ("README.md", "notes.txt", "content/x.yaml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("mine\n")
    assert main(["new", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"brief: {tmp_path} already holds content/, notes.txt; give a new folder for the brief "
        "(or one that holds only .git, .gitignore, a README or a LICENSE)\n")
    assert not (tmp_path / "content/brief.yaml").exists()


def test_new_names_the_brief_command_on_the_path(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: "/usr/local/bin/brief" if name == "brief" else None)
    assert main(["new", str(tmp_path / "water")]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"next: brief build --project {tmp_path / 'water'}"


def test_new_names_the_venvs_brief_when_it_is_not_on_the_path(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.chdir(tmp_path)
    assert main(["new", "water"]) == 0
    import sys
    beside_python = Path(sys.executable).with_name("brief")
    assert capsys.readouterr().out.splitlines()[-1] == f"next: {beside_python} build --project water"
