"""The theme's templates, in Jinja's sandbox, their mistakes reported at their line.

A project's templates/ may override any template of the default theme, and a brief may be
someone else's: its templates run in Jinja's SandboxedEnvironment, so they can show, loop over,
filter and format the values they are given, but not reach what is behind them (Python's
internals, modules, files, processes). A template's mistake is the template's line, not an
internal error: a syntax error, an include of a template that does not exist, a value it is
not given, or a reach past the sandbox.
"""
import traceback
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2 import meta
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from ..errors import ContentError, Problems
from .theme import theme_dirs

SUFFIX = ".j2"


class _Template(jinja2.Template):
    def render(self, *args, **kwargs):
        try:
            return super().render(*args, **kwargs)
        except jinja2.TemplateError as e:
            raise _located(e, self.environment.project_root) from None


class _Compiled(jinja2.BytecodeCache):
    """Each template compiled once per process: Jinja keys it by the template's file and checks
    the checksum of its source, so an edited template is compiled again. A rebuild in `brief
    watch`, the leave-behind's page after the brief's, and the next build in the tests skip
    Jinja's compiler (about 0.1 s a template). Held in memory only: compiled code kept on disk
    would be code a later build runs, and anyone who could write build/ could write it."""

    def __init__(self):
        self.code = {}

    def load_bytecode(self, bucket):
        checksum, code = self.code.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = (bucket.checksum, bucket.code)


class Templates(SandboxedEnvironment):
    """The project's templates/ first, then the default theme's, rendered in the sandbox. Every
    Templates is made with the same options (outputs/templates.py), which is what lets them
    share the compiled code."""

    template_class = _Template
    compiled = _Compiled()

    def __init__(self, project_root: Path, **options):
        super().__init__(loader=jinja2.FileSystemLoader(theme_dirs(project_root)), bytecode_cache=self.compiled,
                         **options)
        self.project_root = project_root

    def get_template(self, *args, **kwargs):
        try:
            return super().get_template(*args, **kwargs)
        except jinja2.TemplateError as e:
            raise _located(e, self.project_root) from None


def check_templates(project_root: Path, problems: Problems):
    """What can be known of a project's own templates without rendering them: their syntax,
    and that every template they include, import or extend exists."""
    own = project_root / "templates"
    if not own.is_dir():
        return
    loader = jinja2.FileSystemLoader(theme_dirs(project_root))
    for path in sorted(p for p in own.rglob(f"*{SUFFIX}") if p.is_file()):  # a pipe: see load.links_out
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            problems.error(path, 0, f"cannot read the template: {getattr(e, 'strerror', None) or e}")
            continue
        syntax_error, named = _parsed(text, path.name)
        if syntax_error:
            problems.error(path, *syntax_error)
        for name, line in named:
            try:
                loader.get_source(_PARSER, name)
            except jinja2.TemplateNotFound as e:
                problems.error(path, line, _message(e))


_PARSER = jinja2.Environment()


@lru_cache(maxsize=64)
def _parsed(text: str, name: str) -> tuple[tuple[int, str] | None, tuple[tuple[str, int], ...]]:
    """A template's syntax error (line, message), or the templates it names with the line of
    each; kept per process by text, so the checks of `brief watch` and the tests parse an
    unchanged template once."""
    try:
        tree = _PARSER.parse(text, name)
    except jinja2.TemplateSyntaxError as e:
        return (e.lineno, _message(e)), ()
    return None, tuple((n, _line_naming(tree, n)) for n in meta.find_referenced_templates(tree)
                       if n is not None)  # None: a name computed when rendering


def _line_naming(tree, name: str) -> int:
    """The line of the include, import or extends that names `name`."""
    for node in tree.find_all((jinja2.nodes.Include, jinja2.nodes.Import, jinja2.nodes.FromImport,
                               jinja2.nodes.Extends)):
        if isinstance(node.template, jinja2.nodes.Const) and node.template.value == name:
            return node.lineno
    return 0


def _message(error: jinja2.TemplateError) -> str:
    if isinstance(error, jinja2.TemplateNotFound):
        return f"'{error.name}' is neither in templates/ nor in the default theme; check the name"
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"template syntax: {error.message}"
    if isinstance(error, SecurityError):
        return (f"a template may use only the values it is given, not what is behind them ({error}); "
                "see README, 'Templates'")
    return str(error.message)


def _located(error: jinja2.TemplateError, project_root: Path) -> ContentError:
    """The error at the template's line: where Jinja says (a syntax error), else the innermost
    template frame of the traceback (Jinja gives its frames the template's file and line)."""
    path, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if not (path and line):
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(SUFFIX)]
        path, line = (frames[-1].filename, frames[-1].lineno) if frames else (project_root / "templates", 0)
    problems = Problems(project_root)
    problems.error(path, line, _message(error))
    return ContentError(problems.items)
