"""The `brief` command. User mistakes print as `path:line: message` lines, never a traceback."""
import argparse
import logging
import os
import shutil
import signal
import threading
import sys
import time
from pathlib import Path


from . import __version__
from .build import STAGES, Options, build
from .commands.formats import FORMATS, render
from .errors import BriefError, ContentError, Problem
from .writing import published


def _parser():
    parser = argparse.ArgumentParser(prog="brief", description="Build a PDF policy brief from YAML content.")
    parser.add_argument("--version", action="version", version=f"brief {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    new = sub.add_parser("new", help="write a small, complete brief in a new folder")
    new.add_argument("folder", type=Path)
    schema = sub.add_parser("schema", help="write a JSON Schema for each kind of content file")
    schema.add_argument("folder", type=Path)
    upgrade = sub.add_parser("upgrade", help="rewrite a project from an older layout of brief into the current one")
    upgrade.add_argument("--project", type=Path, default=Path("."), help="the brief's folder (default: here)")
    for name, text in (("build", "build build/brief.pdf"), ("check", "check the content only"),
                       ("watch", "rebuild whenever a file in content/, charts/ or templates/ changes")):
        p = sub.add_parser(name, help=text)
        p.add_argument("--project", type=Path, default=Path("."), help="the brief's folder (default: here)")
        p.add_argument("--strict", action="store_true", help="treat warnings as errors")
        p.add_argument("--archive", type=Path, help="folder of source copies for the quotation check "
                                                    "(default: content/archive/ when present)")
        p.add_argument("--verbose", "-v", action="store_true", help="print each stage's time")
        if name == "watch":
            p.add_argument("--serve", action="store_true", help="serve build/web/ on 127.0.0.1 and reload the "
                                                                "open page after each rebuild")
            p.add_argument("--port", type=int, default=8000, help="the port for --serve (default: 8000)")
        if name == "check":
            p.add_argument("--format", choices=FORMATS, default="text",
                           help="json: one JSON object; github: GitHub Actions annotations (default: text)")
    stamp = sub.add_parser("translated", help="record that each translation file translates its original's "
                                              "current text (brief check warns when the original changes)")
    stamp.add_argument("--project", type=Path, default=Path("."), help="the brief's folder (default: here)")
    stamp.add_argument("languages", nargs="*", metavar="LANG",
                       help="the translations to stamp, e.g. ko-KR (default: every edition after the original)")
    return parser


def _stamp(args) -> int:
    """`brief translated`: stamp the translations that match their originals."""
    from .commands.translated import stamp_translations
    try:
        changed = stamp_translations(args.project, args.languages)
    except ContentError as e:
        print(str(e), file=sys.stderr)
        print(f"brief: {len(e.problems)} error(s); no translation was stamped", file=sys.stderr)
        return 1
    except BriefError as e:
        print(f"brief: {e}", file=sys.stderr)
        return 1
    print(f"stamped {len(changed)} file(s)" + "".join(f"\n  {_shown(p)}" for p in changed))
    return 0


def _shown(path: Path):
    return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path


def _report(result, verbose, started, rebuild=None):
    """What a build did; `rebuild` (for `brief watch`: what changed) makes it one line, with
    the time and what changed first, and without the evidence line (the report has it)."""
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    if result.evidence and rebuild is None:
        print(result.evidence)
    if verbose:
        for name in STAGES:
            if name in result.timings:
                print(f"  {name:<9} {result.timings[name] * 1000:8.0f} ms")
        if kept := [str(_shown(w.path)) for w in result.written if w.reused]:
            print(f"  kept      {', '.join(kept)}: their HTML and files as when an earlier build laid them out")
    if result.written:
        files = [f"{_shown(w.path)}" + (f" ({w.pages} pages)" if w.pages else "") for w in result.written]
        line = f"wrote {', '.join(files)} in {time.perf_counter() - started:.1f} s"
        if rebuild is not None and result.warnings:  # they are above, and may have scrolled away
            line += f" ({len(result.warnings)} warnings)"
    else:
        line = f"content OK ({len(result.warnings)} warnings)"
    print(_stamped(line, rebuild), flush=True)


def _stamped(line: str, rebuild) -> str:
    if rebuild is None:
        return line
    return f"{time.strftime('%H:%M:%S')} {', '.join(rebuild) or 'first build'}: {line}"


def run_once(args, rebuild=None) -> int:
    """One build or check; `rebuild`: the files whose change started it, under `brief watch`."""
    started = time.perf_counter()
    options = Options(strict=args.strict, archive=args.archive, check_only=args.command == "check")
    form = getattr(args, "format", "text")
    try:
        result = build(args.project, options)
    except ContentError as e:
        if form != "text":
            print(render(form, e.problems, e.evidence, args.project, args.strict))
            return 1
        print(str(e), file=sys.stderr)
        if e.evidence and rebuild is None:
            print(e.evidence, file=sys.stderr)
        errors = sum(not p.warning for p in e.problems)
        print(_stamped(f"brief: {errors} error(s), {len(e.problems) - errors} warning(s); "
                       "build/brief.pdf was not changed", rebuild), file=sys.stderr, flush=True)
        return 1
    except BriefError as e:
        if form != "text":
            print(render(form, [Problem("", 0, str(e))], "", args.project))
            return 1
        print(_stamped(f"brief: {e}", rebuild), file=sys.stderr)
        return 1
    except OSError as e:  # a full disk, a read-only folder: nothing was replaced
        print(f"brief: cannot write {published(e.filename) if e.filename else 'the output'}: {e.strerror}; "
              "build/brief.pdf was not changed", file=sys.stderr)
        return 1
    if form != "text":
        print(render(form, result.warnings, result.evidence, args.project))
    else:
        _report(result, args.verbose, started, rebuild)
    return 0


def _write(args) -> int:
    """`brief new` and `brief schema`: files for a new brief or for an editor."""
    from .commands.new import new_project
    from .commands.schema import write_schemas
    try:
        written = new_project(args.folder) if args.command == "new" else write_schemas(args.folder)
    except BriefError as e:
        print(f"brief: {e}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} files in {args.folder}")
    if args.command == "new":
        here = args.folder.resolve() == Path.cwd().resolve()
        print(f"next: {_brief_command()} build" + ("" if here else f" --project {args.folder}"))
    return 0


def _brief_command() -> str:
    """How to run brief from here: by name when it is on PATH, else the script beside this
    Python (a virtual environment's bin/, which `make brief` does not put on PATH)."""
    if shutil.which("brief"):
        return "brief"
    return str(_shown(Path(sys.executable).with_name("brief")))


def _upgrade(args) -> int:
    """`brief upgrade`: each file's diff, then the files written."""
    from .commands.upgrade import upgrade, write
    if not (args.project / "content").is_dir():
        print(f"brief: {args.project.resolve()} has no content/ folder; run brief upgrade in a brief project "
              "or pass --project DIR", file=sys.stderr)
        return 2
    found = upgrade(args.project)
    for path in found.skipped:
        print(f"brief: {_shown(path)} was left as it is: it cannot be read as UTF-8 YAML text inside the "
              "project (brief check says why); fix it and run brief upgrade again", file=sys.stderr)
    if not found.changes:
        if not found.skipped:
            print(f"nothing to upgrade: {args.project} is in the current layout")
        return 1 if found.skipped else 0
    for change in found.changes:
        print(change.diff(args.project), end="")
    write(found.changes)
    print(f"upgraded {len(found.changes)} files; read the short findings, asks and bottom line it wrote "
          "from your text, then run brief build")
    return 1 if found.skipped else 0


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    if args.command in ("new", "schema"):
        return _write(args)
    if args.command == "upgrade":
        return _upgrade(args)
    logging.basicConfig(format="warning: %(message)s", level=logging.WARNING, stream=sys.stderr)
    # WeasyPrint's warnings are collected by the PDF stage and reported as ours.
    weasy = logging.getLogger("weasyprint")
    weasy.propagate = False
    weasy.addHandler(logging.NullHandler())
    if not (args.project / "content").is_dir():
        print(f"brief: {args.project.resolve()} has no content/ folder; run brief in a brief project "
              "or pass --project DIR", file=sys.stderr)
        return 2
    on_main_thread = threading.current_thread() is threading.main_thread()
    previous_sigterm = signal.getsignal(signal.SIGTERM)
    try:
        # `kill` (SIGTERM) stops like Ctrl-C, so temporary files are removed on the way out.
        if on_main_thread:
            signal.signal(signal.SIGTERM, signal.default_int_handler)
        if args.command == "translated":
            return _stamp(args)
        if args.command == "watch":
            from .commands.watch import watch
            return watch(args, run_once)
        return run_once(args)
    except KeyboardInterrupt:
        print("brief: interrupted; build/brief.pdf was not changed", file=sys.stderr)
        return 130
    except Exception as e:  # a bug in brief itself: one line, details on request
        if os.environ.get("BRIEF_DEBUG"):
            raise
        print(f"brief: internal error ({type(e).__name__}: {e}); this is a bug in brief, not in "
              "your content. Run again with BRIEF_DEBUG=1 to see the details.", file=sys.stderr)
        return 3
    finally:
        # The work is done (or undone): a SIGTERM landing while Python exits must not raise
        # KeyboardInterrupt inside its exit handlers (a traceback); it just ends the process.
        if on_main_thread:
            signal.signal(signal.SIGTERM, previous_sigterm)


if __name__ == "__main__":
    sys.exit(main())
