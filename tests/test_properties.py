"""Property-based tests: no text or structure makes the loader or the prose pipeline crash."""
import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brief.content import markdown as prose
from brief.errors import Problems
from brief.content.load import Project, load
from brief.cache import Facts
from brief.evidence.claims import sentences
from brief.evidence.check import find_quotation, normalise
from brief.look.strings import load_strings
from brief.render.prose import compose
from brief.content.reading import reading_order
from brief.content.validate import validate
from brief.content.files import load as load_yaml
from brief.content.jsonfile import load as load_json
from brief.content.tables import read_table

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

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


json_texts = st.recursive(scalars.filter(lambda v: not hasattr(v, "isoformat")), lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=12).map(lambda v: json.dumps(v, indent="\t"))
csv_texts = st.lists(st.lists(st.sampled_from(["year", "date", "count", "2020", "2020-02-30", "1.5", "-3",
                                               "1,200", "", "12a", "\"", "1e400"]), max_size=4),
                     max_size=5).map(lambda rows: "\n".join(",".join(r) for r in rows))


@SETTINGS
@given(st.binary(max_size=300) | json_texts.map(str.encode))
def test_any_bytes_or_json_load_as_csl_json_or_give_problems(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("j") / "sources.json"
    path.write_bytes(data)
    problems = Problems(path.parent)
    tree = load_json(path, problems)
    assert tree is not None or problems.errors
    for problem in problems.items:
        assert "\n" not in str(problem)
    if not problems.errors:  # what it read, line by line, is what JSON reads
        assert tree == json.loads(data)


@SETTINGS
@given(st.binary(max_size=200) | csv_texts.map(str.encode))
def test_any_bytes_or_cells_read_as_a_data_table_or_give_problems(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("c") / "widgets.csv"
    path.write_bytes(data)
    problems = Problems(path.parent)
    table = read_table(path, problems)
    assert (table is not None and table.complete) or problems.errors
    for values in (table.columns.values() if table and table.complete else []):
        assert all(isinstance(v, (int, float)) and values.lines[k] > 1 for k, v in values.items())


CONTENT_FILES = ["content/brief.yaml", "content/sections/background.yaml", "content/sources.yaml",
                 "content/developments.yaml", "content/data/widgets.yaml", "charts/widget-count.yaml"]


@SETTINGS
@given(st.sampled_from(CONTENT_FILES), structures)
def test_any_structure_in_any_file_validates_or_gives_located_problems(minimal_once, name, structure):
    project, _ = minimal_once
    _restore(project)  # each example starts from the good fixture
    (project / name).write_text(yaml.safe_dump(structure, allow_unicode=True))
    problems = Problems(project)
    content = validate(load(Project(project), problems), project, problems, Facts(project / "build/.cache"))
    assert content is not None or problems.errors
    for problem in problems.errors:
        assert problem.path == name or problem.path.startswith(("content/", "charts/")), problem
        assert "\n" not in str(problem)


@SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_prose_is_scanned_and_composed(minimal_once, text):
    project, _ = minimal_once
    body = project / "content/sections/latest-developments.yaml"
    body.write_text(yaml.safe_dump({"title": "T", "body": text or "x"}, allow_unicode=True))
    problems = Problems(project)
    content = validate(load(Project(project), problems), project, problems, Facts(project / "build/.cache"))
    if content is not None:
        document, _ = compose(content, reading_order(content), load_strings(project, content.brief.language))
        assert document.count('{brief-piece="') >= len(content.sections)
    # Every quotation found in a text is, by the quotation check's rules, in that text.
    whole = normalise(text)[0]
    for sentence in sentences(prose.Prose(text, "x", 1)):
        for quote in sentence.quotations:
            assert find_quotation(quote.text, whole) is not None


_known = {}


def _minimal_copy(tmp_path_factory):
    from conftest import make_project
    if "p" not in _known:
        _known["p"] = make_project(tmp_path_factory.mktemp("prop") / "p", "minimal")
    return _known["p"]


import pytest  # noqa: E402


_originals = {}


def _restore(project):
    for path, data in _originals.items():
        path.write_bytes(data)


@pytest.fixture
def minimal_once(tmp_path_factory, request):
    project = _minimal_copy(tmp_path_factory)
    if not _originals:
        _originals.update({p: p.read_bytes() for p in [project / n for n in CONTENT_FILES]
                           + [project / "content/sections/latest-developments.yaml"]})
    yield project, project / "content/developments.yaml"
    _restore(project)


quoted_prose = st.lists(st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\n"), max_size=30),
    st.text(min_size=2, max_size=30).map(lambda t: f"“{t}”"), st.just(" [@key]."), st.just(" … ")),
    min_size=1, max_size=12).map("".join)


@SETTINGS
@given(quoted_prose)
def test_every_quotation_found_is_in_the_text_it_came_from(text):
    whole = normalise(text)[0]
    for sentence in sentences(prose.Prose(text, "x", 1)):
        for quote in sentence.quotations:
            assert set(sentence.cites) <= set(quote.cites)  # a quotation is cited as its sentence is
            assert find_quotation(quote.text, whole) is not None
