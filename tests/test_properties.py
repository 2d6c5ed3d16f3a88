"""Property-based tests: no text or structure makes the loader or the prose pipeline crash."""
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brief import prose
from brief.errors import Problems
from brief.load import Project, load
from brief.notes import compose
from brief.validate import validate
from brief.yamlfile import load as load_yaml

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=40), st.dates())
structures = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=12)


@SETTINGS
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_load_or_give_problems(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("y") / "f.yaml"
    path.write_bytes(data)
    problems = Problems(path.parent)
    tree = load_yaml(path, problems)
    assert tree is not None or problems.errors
    for problem in problems.items:
        assert "\n" not in str(problem)


@SETTINGS
@given(structures)
def test_any_structure_in_any_file_validates_or_gives_problems(minimal_once, structure):
    project, target = minimal_once
    target.write_text(yaml.safe_dump(structure, allow_unicode=True))
    problems = Problems(project)
    content = validate(load(Project(project), problems), project, problems)
    assert content is not None or problems.errors


@SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_prose_is_scanned_and_composed(minimal_once, text):
    project, _ = minimal_once
    body = project / "content/sections/latest-developments.yaml"
    body.write_text(yaml.safe_dump({"title": "T", "body": text or "x"}, allow_unicode=True))
    problems = Problems(project)
    content = validate(load(Project(project), problems), project, problems)
    if content is not None:
        document, _ = compose(content)
        assert document.count('{piece="') >= len(content.sections)
    for found in prose.quotations(prose.Prose(text, "x", 1)):
        prose.quote_in(found.what, "anything")


_known = {}


def _minimal_copy(tmp_path_factory):
    from conftest import make_project
    if "p" not in _known:
        _known["p"] = make_project(tmp_path_factory.mktemp("prop") / "p", "minimal")
    return _known["p"]


import pytest  # noqa: E402


@pytest.fixture
def minimal_once(tmp_path_factory, request):
    project = _minimal_copy(tmp_path_factory)
    target = project / "content/developments.yaml"
    original = {p: p.read_bytes() for p in (target, project / "content/sections/latest-developments.yaml")}
    yield project, target
    for path, data in original.items():
        path.write_bytes(data)
