"""deploy/editor-server.nginx.conf and deploy/portal-editor.service (issue 26): a real nginx with
TLS (a certificate made for the test, trusted by the client) on loopback in front of the shared
editor server, run as `invoke editor-server` runs it; the client speaks HTTPS as a browser does."""

import base64
import http.client
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import threading
import urllib.parse
from http.cookies import SimpleCookie

import pytest
import uvicorn
from conftest import ROOT, ContentDir, free_port, git, git_repository, start_nginx, wait_for_port

from builder.settings import load_settings
from editors.editor_proxy import body_limit, editor_proxy_config
from editors.editor_server import SharedEditor, make_app
from portal.accounts import AccountStore

pytestmark = pytest.mark.server

CONFIG = ROOT / "deploy" / "editor-server.nginx.conf"
UNIT = ROOT / "deploy" / "portal-editor.service"
PASSWORD = "mật-khẩu-thử-nghiệm"
HSTS = "max-age=31536000"


def swap(text, old, new):
    """`old` replaced by `new`, where the file has it exactly once (the file changed: fix the test)."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def certificate(folder):
    """A self-signed certificate for 127.0.0.1, made with the openssl command."""
    assert shutil.which("openssl"), "openssl is needed: apt-get install openssl"
    cert, key = folder / "cert.pem", folder / "key.pem"
    command = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2"
    command += " -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1"
    subprocess.run(
        [*command.split(), "-keyout", str(key), "-out", str(cert)], capture_output=True, check=True
    )
    return cert, key


def start_editor(work):
    content = ContentDir(work / "content")
    git_repository(content.path, "đầu")
    accounts = AccountStore(work / "var" / "editor-accounts.json")
    accounts.add("btv", "editor", PASSWORD, name="Ngô Biên Tập")
    editor = SharedEditor(content.path, accounts.path)
    # As editors.editor_server.serve runs it: the forwarded headers trusted from loopback only.
    config = uvicorn.Config(
        make_app(editor),
        host="127.0.0.1",
        port=free_port(),
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
        log_level="warning",
    )
    return editor, config


class Running:
    """The editor server in a thread, as long as a test wants it."""

    def __init__(self, config):
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        wait_for_port(config.port, 10)

    def stop(self):
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    work = tmp_path_factory.mktemp("editor-nginx")
    editor, config = start_editor(work)
    running = Running(config)
    cert, key = certificate(work)
    tls, plain = free_port(), free_port()
    site = CONFIG.read_text(encoding="utf-8")
    site = swap(site, "listen 80;", f"listen 127.0.0.1:{plain};")
    site = swap(site, "listen 443 ssl http2;", f"listen 127.0.0.1:{tls} ssl http2;")
    site = swap(site, "listen [::]:80;", "")
    site = swap(site, "listen [::]:443 ssl http2;", "")
    site = swap(site, "/etc/ssl/sokhcn-editor/fullchain.pem", str(cert))
    site = swap(site, "/etc/ssl/sokhcn-editor/privkey.pem", str(key))
    site = swap(site, "proxy_pass http://127.0.0.1:8090;", f"proxy_pass http://127.0.0.1:{config.port};")
    (work / "site.conf").write_text(site, encoding="utf-8")
    process = start_nginx(work)
    wait_for_port(tls)
    state = {"tls": tls, "plain": plain, "cert": cert, "editor": editor, "config": config, "running": running}
    yield state
    process.send_signal(signal.SIGQUIT)
    process.wait(timeout=10)
    state["running"].stop()


class Browser:
    """HTTPS to the proxy, trusting only the test's certificate; cookies kept as a browser keeps
    them, Origin sent with every POST, csrftoken echoed by the page's script."""

    def __init__(self, proxy):
        self.port, self.cookies = proxy["tls"], {}
        self.context = ssl.create_default_context(cafile=str(proxy["cert"]))
        self.origin = f"https://127.0.0.1:{self.port}"

    def request(self, method, path, body=b"", headers=None):
        connection = http.client.HTTPSConnection("127.0.0.1", self.port, context=self.context, timeout=30)
        sent = {"Origin": self.origin} if method == "POST" else {}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        sent.update(headers or {})
        connection.request(method, path, body=body or None, headers=sent)
        response = connection.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.update({k: m.value for k, m in SimpleCookie(header).items()})
        connection.close()
        return response, data

    def login(self, password=PASSWORD, headers=None):
        form = urllib.parse.urlencode({"login": "btv", "password": password}).encode()
        kind = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", "/login", form, {**kind, **(headers or {})})

    def api(self, action, origin=None, **params):
        headers = {"Content-Type": "application/json", "X-CSRFToken": self.cookies.get("csrftoken", "")}
        if origin is not None:
            headers["Origin"] = origin
        body = json.dumps({"action": action, "params": params}).encode()
        response, data = self.request("POST", "/api/v1", body, headers)
        return response, json.loads(data)


def signed_in(proxy):
    browser = Browser(proxy)
    response, _ = browser.login()
    assert response.status == 303 and response.getheader("Location") == "/admin/"
    return browser


def test_tls_1_2_at_least_and_http_2(proxy):
    context = Browser(proxy).context
    context.set_alpn_protocols(["h2", "http/1.1"])
    raw = socket.create_connection(("127.0.0.1", proxy["tls"]), timeout=5)
    with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        assert tls.version() in ("TLSv1.2", "TLSv1.3") and tls.selected_alpn_protocol() == "h2"
    assert "    ssl_protocols TLSv1.2 TLSv1.3;\n" in CONFIG.read_text(encoding="utf-8")


def test_without_a_session_the_editor_sends_to_the_login(proxy):
    response, _ = Browser(proxy).request("GET", "/admin/")
    assert response.status == 303
    assert response.getheader("Location") == "/login?next=/admin/"
    assert response.getheader("Strict-Transport-Security") == HSTS
    assert response.getheader("X-Frame-Options") == "DENY"  # the editor's own headers pass through
    assert "uvicorn" not in (response.getheader("Server") or "")
    login, page = Browser(proxy).request("GET", "/login")
    assert login.status == 200 and "Đăng nhập" in page.decode("utf-8")
    assert login.getheader("Strict-Transport-Security") == HSTS


def test_a_login_through_the_proxy_sets_a_secure_session_cookie(proxy):
    browser = Browser(proxy)
    response, _ = browser.login()
    assert response.status == 303 and response.getheader("Location") == "/admin/"
    assert response.getheader("Strict-Transport-Security") == HSTS
    session = next(c for c in response.headers.get_all("Set-Cookie") if c.startswith("portal_session="))
    assert "Secure" in session and "HttpOnly" in session and "SameSite=strict" in session
    me, data = browser.request("GET", "/api/me")
    assert me.status == 200 and json.loads(data)["role"] == "editor"


def test_the_origin_is_compared_with_the_host_and_its_port(proxy):
    browser = signed_in(proxy)
    response, reply = browser.api("info")  # Origin https://127.0.0.1:<nginx's port>
    assert response.status == 200 and reply["publish_modes"] == ["editorial_workflow"]
    for origin in ("https://evil.example", "https://127.0.0.1", f"http://evil.example:{proxy['tls']}"):
        response, reply = browser.api("info", origin=origin)
        assert response.status == 403, origin
        assert reply["error"] == "yêu cầu từ trang khác bị từ chối"
        assert response.getheader("Strict-Transport-Security") == HSTS


def test_the_client_cannot_choose_the_address_logins_are_throttled_by(proxy):
    throttle = proxy["editor"].throttle
    response, _ = Browser(proxy).login("sai", {"X-Forwarded-For": "203.0.113.9"})
    assert response.status == 401
    assert throttle.failures["address:127.0.0.1"]
    assert "address:203.0.113.9" not in throttle.failures


def test_plain_http_is_sent_to_https(proxy):
    for method in ("GET", "POST"):
        connection = http.client.HTTPConnection("127.0.0.1", proxy["plain"], timeout=5)
        connection.request(method, "/admin/?x=1")
        response = connection.getresponse()
        response.read()
        connection.close()
        assert response.status == 301, method
        # The production host's https:// on port 443; the test's nginx listens elsewhere.
        assert response.getheader("Location") == "https://127.0.0.1/admin/?x=1"


def test_while_the_editor_is_down_nginx_says_so_in_vietnamese(proxy):
    proxy["running"].stop()
    try:
        for method, path in (("GET", "/admin/"), ("POST", "/api/v1")):
            response, data = Browser(proxy).request(method, path)
            assert response.status == 502, path
            assert response.getheader("Content-Type") == "application/json; charset=utf-8"
            assert json.loads(data)["error"].startswith("Trình soạn thảo đang khởi động lại hoặc tạm dừng")
            assert response.getheader("Strict-Transport-Security") == HSTS
    finally:
        proxy["running"] = Running(proxy["config"])  # as systemd restarts it


def test_a_save_of_megabytes_passes_a_larger_body_is_refused_by_nginx(proxy):
    browser = signed_in(proxy)
    document = os.urandom(4 * 1024 * 1024)
    text = "Title: Văn bản lớn\nDate: 2020-04-02\nItems: 1\n\n[Tải về]({static}/files/2020/lon.pdf)\n"
    response, reply = browser.api(
        "persistEntry",
        dataFiles=[{"path": "posts/van-ban-lon.md", "raw": text, "slug": "van-ban-lon"}],
        assets=[{"path": "files/2020/lon.pdf", "content": base64.b64encode(document).decode()}],
        options={"useWorkflow": True, "collectionName": "posts", "status": "draft", "commitMessage": "Lưu"},
    )
    assert response.status == 200, reply
    content = proxy["editor"].content
    assert git(content, "show", "cms/posts/van-ban-lon:files/2020/lon.pdf", text=False) == document

    limit = int(body_limit(load_settings(content)).removesuffix("m")) * 1024 * 1024
    connection = http.client.HTTPSConnection("127.0.0.1", proxy["tls"], context=browser.context, timeout=10)
    connection.putrequest("POST", "/api/v1")
    headers = {"Origin": browser.origin, "Content-Type": "application/json", "Content-Length": limit + 1}
    for name, value in headers.items():
        connection.putheader(name, value)
    connection.endheaders()  # nginx answers from the length alone, before any body
    refused = connection.getresponse()
    reply = json.loads(refused.read())
    connection.close()
    assert refused.status == 413
    assert refused.getheader("Strict-Transport-Security") == HSTS
    assert reply["error"].startswith("Lần lưu này quá lớn: tối đa 60 MB tệp mỗi lần lưu, 30 MB mỗi tệp.")


def test_the_body_limit_and_refusal_are_written_from_the_editors_limits():
    config = CONFIG.read_text(encoding="utf-8")
    settings = load_settings(ROOT / "content")
    assert editor_proxy_config(config, settings) == config  # invoke nginx-config was run
    assert "client_max_body_size 82m;" in config  # 60 MB of files as base64, with the post
    smaller = editor_proxy_config(config, {**settings, "EDITOR_MAX_SAVE_MB": 10, "EDITOR_MAX_FILE_MB": 5})
    assert "client_max_body_size 16m;" in smaller
    assert "tối đa 10 MB tệp mỗi lần lưu, 5 MB mỗi tệp." in smaller


def unit_file(path=UNIT):
    """The unit's [Section] → key → values (a key may be given more than once)."""
    sections, section = {}, None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            section = sections.setdefault(line.strip("[]"), {})
            continue
        key, _, value = line.partition("=")
        section.setdefault(key, []).append(value)
    return sections


def test_the_systemd_unit_runs_the_editor_unprivileged_on_loopback_behind_nginx():
    unit = unit_file()
    service = {key: " ".join(values) for key, values in unit["Service"].items()}
    command = service["ExecStart"].split()
    assert command[0].endswith("/.venv/bin/invoke") and command[1] == "editor-server"
    options = dict(zip(command[2::2], command[3::2], strict=True))
    assert options["--host"] == "127.0.0.1"
    assert f"proxy_pass http://127.0.0.1:{options['--port']};" in CONFIG.read_text(encoding="utf-8")
    assert service["User"] not in ("", "root") and service["Group"] not in ("", "root")
    writable = service["ReadWritePaths"].split()
    assert options["--content"] in writable
    assert os.path.dirname(options["--accounts"]) in writable
    for key, value in {
        "Restart": "on-failure",
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "PrivateDevices": "yes",
        "CapabilityBoundingSet": "",
        "RestrictSUIDSGID": "yes",
        "IPAddressDeny": "any",
    }.items():
        assert service[key] == value, key
    assert unit["Install"]["WantedBy"] == ["multi-user.target"]


def test_the_scheduled_publish_runs_unprivileged_with_a_tmp_of_its_own():
    """The timer's publish writes the releases and the caches only (its lock among them, which a
    publish by hand as the same user takes too), and has a /tmp nobody else sees."""
    unit = unit_file(ROOT / "deploy" / "portal-publish.service")
    service = {key: " ".join(values) for key, values in unit["Service"].items()}
    assert service["ExecStart"].split()[1:3] == ["publish", "--scheduled"]
    assert service["User"] not in ("", "root")
    cache = service["Environment"].split("PORTAL_CACHE_DIR=")[1].split()[0]
    assert sorted(service["ReadWritePaths"].split()) == sorted(["/var/www/sokhcn", cache])
    for key, value in {"PrivateTmp": "yes", "ProtectSystem": "strict", "NoNewPrivileges": "yes"}.items():
        assert service[key] == value, key
