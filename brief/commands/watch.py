"""`brief watch`: rebuild on every save, with imports and caches kept warm between builds.

Editors write temporary files beside the one being saved; they are not changes to the brief,
so they neither start a build nor appear in the list of what changed. `--serve` serves the web
edition and reloads the open page after each rebuild (serve.py).
"""
import sys

from ..content.load import Project


def _editor_filter():
    import watchfiles

    class EditorFiles(watchfiles.DefaultFilter):
        """watchfiles' own list (Vim's .swp, backups~, Emacs' .#locks, JetBrains' ___jb_) and
        the other temporary files editors and tools leave for a moment."""
        ignore_entity_patterns = (*watchfiles.DefaultFilter.ignore_entity_patterns,
                                  r"^4913$",             # Vim: can it write in this folder?
                                  r"\.tmp$",             # many editors' atomic saves
                                  r"^#.*#$",             # Emacs auto-save
                                  r"\.kate-swp$",        # Kate
                                  r"^sed[A-Za-z0-9]{6}$",  # sed -i
                                  r"^\.~lock\..*#$",     # LibreOffice
                                  r"\.crswap$")          # Chromium-based editors
    return EditorFiles()


def watch(args, run_once, stop=None) -> int:
    """Build now, then again after each change under content/, charts/ or templates/: one
    line per build (and each stage's time with --verbose)."""
    import watchfiles
    import weasyprint  # noqa: F401  (imported once here so each rebuild starts warm)

    project = Project(args.project.resolve())
    server = None
    if getattr(args, "serve", False):
        from .serve import serve
        try:
            server = serve(project.build / "web", args.port)
        except OSError as e:
            print(f"brief: cannot serve on 127.0.0.1:{args.port}: {e.strerror}; pass another --port",
                  file=sys.stderr)
            return 1
        print(f"serving build/web/ at {server.url} (the page reloads after each rebuild)", flush=True)
    try:
        run_once(args, [])
        print("watching content/, charts/ and templates/ (Ctrl-C to stop)", flush=True)
        folders = [str(p) for p in project.watched() if p.is_dir()]
        for changes in watchfiles.watch(*folders, watch_filter=_editor_filter(), stop_event=stop, debounce=200,
                                        step=50, raise_interrupt=False):
            names = sorted({str(p).removeprefix(str(project.root) + "/") for _, p in changes})
            run_once(args, names)
            sys.stdout.flush()
    finally:
        if server is not None:
            server.close()
    return 0
