"""`brief watch`: rebuild on every save, with imports and caches kept warm between builds."""
import sys
import time

from ..content.load import Project


def watch(args, run_once, stop=None) -> int:
    """Build now, then again after each change under content/, charts/ or templates/."""
    import watchfiles
    import weasyprint  # noqa: F401  (imported once here so each rebuild starts warm)

    project = Project(args.project.resolve())
    args.verbose, args.watching = True, True
    run_once(args)
    print("watching content/, charts/ and templates/ (Ctrl-C to stop)", flush=True)
    folders = [str(p) for p in project.watched() if p.is_dir()]
    for changes in watchfiles.watch(*folders, stop_event=stop, debounce=200, step=50,
                                    raise_interrupt=False):
        names = sorted({str(p).removeprefix(str(project.root) + "/") for _, p in changes})
        print(f"\n{time.strftime('%H:%M:%S')} changed: {', '.join(names)}", flush=True)
        run_once(args)
        sys.stdout.flush()
    return 0
