"""`brief watch --serve`: build/web/ on 127.0.0.1, and the open page reloaded when it is rewritten.

Each HTML page is sent with a small script before `</body>` that asks for the page's version
every half second and reloads the page when it changes. Only the served copy has it: the files
in build/web/ are never touched, so the published edition still runs no script. The version is
the page file's inode and modification time: every build moves a new file in.
"""
import functools
import json
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

VERSION_PATH = "/.brief-version"  # never a file of the web edition: those have no leading dot
RELOAD = """<script>/* added by brief watch --serve, not in build/web/ */
(function () {
  var seen = %s;
  setInterval(function () {
    fetch("%s?page=" + encodeURIComponent(location.pathname), {cache: "no-store"})
      .then(function (answer) { return answer.text(); })
      .then(function (version) { if (version && version !== seen) location.reload(); })
      .catch(function () {});
  }, 500);
})();
</script>"""


def _version(file: Path) -> str:
    try:
        stat = file.stat()
    except OSError:  # between two builds' files
        return ""
    return f"{stat.st_ino}-{stat.st_mtime_ns}"


class _Handler(SimpleHTTPRequestHandler):
    def do_GET(self):
        url = urlsplit(self.path)
        if url.path == VERSION_PATH:
            page = parse_qs(url.query).get("page", ["/"])[0]
            return self._send(_version(self._file(page)).encode(), "text/plain")
        file = self._file(url.path)
        if file.suffix != ".html" or not file.is_file():
            return super().do_GET()
        version = _version(file)
        page = file.read_text(encoding="utf-8")
        script = RELOAD % (json.dumps(version), VERSION_PATH)
        head, body, tail = page.rpartition("</body>")
        served = head + script + body + tail if body else page + script
        return self._send(served.encode(), "text/html; charset=utf-8")

    def _file(self, path: str) -> Path:
        file = Path(self.translate_path(path))
        return file / "index.html" if path.endswith("/") else file

    def _send(self, data: bytes, kind: str):
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):  # the watch prints one line per build, not one per request
        pass


@dataclass
class Server:
    http: ThreadingHTTPServer
    thread: threading.Thread

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http.server_address[1]}/"

    def close(self):
        self.http.shutdown()
        self.http.server_close()
        self.thread.join()


def serve(folder: Path, port: int) -> Server:
    """Serve `folder` on 127.0.0.1:`port` (0: any free port) in a thread of its own."""
    http = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Handler, directory=str(folder)))
    thread = threading.Thread(target=http.serve_forever, name="brief-serve", daemon=True)
    thread.start()
    return Server(http, thread)
