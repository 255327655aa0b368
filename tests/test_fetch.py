"""Fetching URLs: the cache, --refresh, and one line for every way a fetch can fail.

Every request goes to a server on 127.0.0.1 started by the test; DNS failure is simulated by making
name resolution fail for one host, so nothing here reaches the network.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsdiff.cli import main
from newsdiff.core.article import LoadError, load_paths
from newsdiff.core.fetch import USER_AGENT, cache_dir, fetch_page, url_article, url_stem

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

PARAS = "".join(
    f"<p>Paragraph {i} of the story says the council voted on the bridge repairs and the budget for "
    f"the coming year, with {i} members asking for more time to study the engineers' report.</p>"
    for i in range(1, 7)
)
PAGE = f"""<!DOCTYPE html><html><head><title>Council backs bridge repairs | Town Herald</title>
<meta property="og:site_name" content="Town Herald"><meta name="author" content="Ann Reporter">
<meta property="article:published_time" content="2024-05-02T10:00:00Z">
<link rel="canonical" href="https://example.org/news/council-backs-bridge-repairs"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>Council backs bridge repairs</h1>{PARAS}</article>
<footer><p>© 2024 Town Herald. All rights reserved.</p></footer></body></html>""".encode()


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}
    agents: list[str] = []

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        Handler.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/page":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif self.path == "/untyped":
            self._send(200, PAGE, None)
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/missing":
            self._send(404, b"<html><body>gone</body></html>", "text/html")
        elif self.path == "/error":
            self._send(500, b"<html><body>oops</body></html>", "text/html")
        elif self.path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")
        elif self.path == "/big":
            self._send(200, b"<html><body>" + b"x" * 5000 + b"</body></html>", "text/html")
        elif self.path == "/big-stream":  # no Content-Length: the limit must hold while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(20):
                self.wfile.write(b"<p>" + b"y" * 1000 + b"</p>")
        elif self.path == "/drip":  # a length announced, then a byte at a time: the whole fetch is bounded
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, PAGE, "text/html")
        else:
            self._send(404, b"", "text/html")

    def _send(self, status: int, body: bytes, ctype: str | None) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.hits.clear()
    Handler.agents.clear()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSDIFF_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_page_is_fetched_once_then_read_from_the_cache(server, cache) -> None:
    a = url_article(f"{server}/page")
    assert Handler.hits["/page"] == 1
    assert a.source == "Town Herald" and a.source_origin == "page"
    assert a.url == "https://example.org/news/council-backs-bridge-repairs"
    assert a.author == "Ann Reporter" and a.published.startswith("2024-05-02")
    assert a.format == "html" and a.path.is_file() and a.path.is_relative_to(cache_dir())
    assert USER_AGENT in Handler.agents and USER_AGENT.startswith("newsdiff/")
    again = url_article(f"{server}/page")
    assert Handler.hits["/page"] == 1  # offline: the cache answered
    assert again.text == a.text
    url_article(f"{server}/page", refresh=True)
    assert Handler.hits["/page"] == 2
    record = json.loads(next(cache_dir().glob("*.json")).read_text())
    assert record["url"] == f"{server}/page" and record["content_type"] == "text/html"


def test_redirects_are_followed_and_recorded(server) -> None:
    path, record = fetch_page(f"{server}/redirect")
    assert record["final_url"] == f"{server}/page" and b"Council backs" in path.read_bytes()


def test_a_page_without_content_type_is_sniffed(server) -> None:
    path, record = fetch_page(f"{server}/untyped")
    assert record["content_type"] is None and path.is_file()


@pytest.mark.parametrize(
    ("route", "options", "reason"),
    [
        ("/missing", {}, "HTTP 404 Not Found"),
        ("/error", {}, "HTTP 500 Internal Server Error"),
        ("/image", {}, "not an HTML page (Content-Type: image/png)"),
        ("/big", {"max_bytes": 1000}, "too large"),
        ("/big-stream", {"max_bytes": 5000}, "too large"),
        ("/slow", {"timeout": 0.3}, "timed out"),
        ("/drip", {"timeout": 0.3}, "timed out"),
        ("/loop", {}, "too many redirects"),
    ],
)
def test_each_failure_is_one_line(server, route, options, reason) -> None:
    with pytest.raises(LoadError) as err:
        fetch_page(f"{server}{route}", **options)
    message = str(err.value)
    assert message.startswith(reason) and "\n" not in message and len(message) < 200
    assert not list(cache_dir().glob("*.html")) if cache_dir().exists() else True


def test_tls_failure_is_one_line(server) -> None:
    # An https:// request to a plain-HTTP server fails in the TLS handshake.
    with pytest.raises(LoadError) as err:
        fetch_page(server.replace("http://", "https://") + "/page", timeout=3)
    assert str(err.value).startswith("TLS/SSL error") and "\n" not in str(err.value)


def test_dns_failure_is_one_line(monkeypatch) -> None:
    real = socket.getaddrinfo

    def fake(host, *args, **kwargs):
        if host == "no-such-host.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    with pytest.raises(LoadError) as err:
        fetch_page("http://no-such-host.invalid/story")
    assert str(err.value) == "cannot resolve the host name (DNS)"


def test_connection_refused_is_one_line() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    with pytest.raises(LoadError) as err:
        fetch_page(f"http://127.0.0.1:{port}/page", timeout=2)
    assert str(err.value).startswith("cannot connect") and "\n" not in str(err.value)


def test_other_articles_load_when_urls_fail(server) -> None:
    skipped = []
    articles = load_paths([f"{server}/page", f"{server}/missing", f"{server}/image",
                           str(SEEDS / "000_a3f45731cb395efc.txt")], on_skip=skipped.append)
    assert [a.id for a in articles] == ["page", "000_a3f45731cb395efc"]
    assert [(s.path, s.reason) for s in skipped] == [
        (f"{server}/missing", "HTTP 404 Not Found"),
        (f"{server}/image", "not an HTML page (Content-Type: image/png)"),
    ]


def test_cli_list_and_clean_a_url(server, capsys) -> None:
    url = f"{server}/page"
    assert main(["list", url, f"{server}/missing", "--json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data[0]["source"] == "Town Herald" and data[0]["format"] == "html"
    assert data[0]["headline"] == "Council backs bridge repairs"
    assert err.count("\n") == 1 and "HTTP 404" in err
    assert main(["clean", url, url, "--json"]) == 0
    blocks = json.loads(capsys.readouterr().out)["blocks"]
    kinds = {b["text"]: (b["label"], b["kind"]) for b in blocks}
    assert kinds["Home"] == ("boilerplate", "navigation")
    assert kinds["Council backs bridge repairs"] == ("content", "headline")
    assert kinds["© 2024 Town Herald. All rights reserved."][0] == "boilerplate"
    assert main(["list", f"{server}/missing"]) == 2  # nothing loaded


def test_refresh_option_fetches_again(server, capsys) -> None:
    url = f"{server}/page"
    assert main(["list", url, "--json"]) == 0
    assert main(["list", url, "--json"]) == 0
    assert Handler.hits["/page"] == 1
    assert main(["list", url, "--json", "--refresh"]) == 0
    assert Handler.hits["/page"] == 2
    capsys.readouterr()


def test_refresh_without_the_network_uses_the_cached_copy_and_says_so(server, capsys) -> None:
    """Offline, `--refresh` keeps the copy read before (one line says why it was not fetched again)
    rather than losing the article; a URL never fetched is still skipped."""
    url = f"{server}/page"
    assert main(["list", url, "--json"]) == 0
    capsys.readouterr()
    # the page cached for an address whose server is now gone (the cache is keyed by the address)
    gone = url.replace(server, _closed_port_url())
    import shutil

    from newsdiff.core.fetch import _cache_files

    for src, dst in zip(_cache_files(url), _cache_files(gone), strict=True):
        shutil.copyfile(src, dst)
    assert main(["list", gone, "--json", "--refresh"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)[0]["headline"] == "Council backs bridge repairs"
    assert "not fetched again" in err and "cannot connect" in err and "skipped" not in err
    assert main(["list", gone.replace("/page", "/other"), "--refresh"]) == 2  # never cached: skipped


def _closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_url_stems_are_readable_ids() -> None:
    assert url_stem("https://www.bbc.com/news/world-us-canada-33646704") == "world-us-canada-33646704"
    assert url_stem("https://example.org/2024/05/02/bridge-vote.html?x=1") == "bridge-vote"
    assert url_stem("https://example.org/") == "example.org"
    assert url_stem("http://127.0.0.1:8000/wapo-2/source.html") == "wapo-2"
    assert url_stem("https://news.example/world/2024/05/02/index.html") == "world"
