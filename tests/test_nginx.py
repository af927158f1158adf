"""deploy/nginx.conf served by a real nginx on loopback, pointed at a published release."""

import http.client
import json
import shutil
import signal

import pytest
from conftest import ROOT, free_port, run_invoke, start_nginx, wait_for_port

pytestmark = pytest.mark.server

BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work = tmp_path_factory.mktemp("nginx")
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    post = content / "posts" / "doi-ten.md"
    # Published, then its title corrected and published again: its first address redirects.
    for title in ("Tin thử đổi tên", "Tin thử đã đổi tên"):
        post.write_text(f"Title: {title}\nDate: 2020-06-01 08:00\n\nNội dung.\n", encoding="utf-8")
        published = run_invoke("publish", "--content", str(content), "--path", str(work / "www"))
        assert published.returncode == 0, published.stderr
    port = free_port()
    site = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("listen [::]:80;", "")
    site = site.replace("root /var/www/sokhcn/current;", f"root {work / 'www' / 'current'};")
    (work / "site.conf").write_text(site, encoding="utf-8")
    process = start_nginx(work, (BROTLI_MODULE,))
    wait_for_port(port)
    served = work / "www" / "current"
    (served / "pagefind" / ".geheim").write_text("bí mật", encoding="utf-8")
    yield port
    process.send_signal(signal.SIGQUIT)
    process.wait(timeout=10)


def get(port, path, encoding=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    headers = {"Accept-Encoding": encoding} if encoding else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


SECURITY = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def assert_security_headers(response):
    for name, value in SECURITY.items():
        assert response.getheader(name) == value, name
    csp = response.getheader("Content-Security-Policy")
    assert "default-src 'self'" in csp and "object-src 'none'" in csp and "http" not in csp
    assert "camera=()" in response.getheader("Permissions-Policy")


@pytest.mark.parametrize(
    "path, content_type, cache",
    [
        ("/", "text/html; charset=utf-8", "max-age=300"),
        ("/tin-tuc/", "text/html; charset=utf-8", "max-age=300"),
        ("/ke-hoach/118-kh-khcn-2020/ket-qua/", "text/html; charset=utf-8", "max-age=300"),
        ("/feeds/tin-tuc.atom.xml", "application/atom+xml; charset=utf-8", "max-age=300"),
        ("/feeds/tin-tuc.rss.xml", "application/rss+xml; charset=utf-8", "max-age=300"),
        ("/feeds/118-kh-khcn-2020/muc-6.atom.xml", "application/atom+xml; charset=utf-8", "max-age=300"),
        ("/theme/img/emblem.svg", "image/svg+xml", "max-age=2592000"),
        ("/favicon.ico", "image/x-icon", "max-age=300"),
        ("/manifest.webmanifest", "application/manifest+json", "max-age=300"),
        ("/theme/css/site.css", "text/css; charset=utf-8", "max-age=2592000"),
        ("/theme/js/search.js", "application/javascript; charset=utf-8", "max-age=2592000"),
        ("/pagefind/pagefind.js", "application/javascript; charset=utf-8", "max-age=86400"),
        ("/ke-hoach/118-kh-khcn-2020/ket-qua/coverage.csv", "text/csv; charset=utf-8", "max-age=300"),
        (
            "/ke-hoach/118-kh-khcn-2020/ket-qua/coverage.json",
            "application/json; charset=utf-8",
            "max-age=300",
        ),
        ("/sitemap.xml", "text/xml; charset=utf-8", "max-age=300"),
        ("/robots.txt", "text/plain; charset=utf-8", "max-age=300"),
        # A document whose name has Vietnamese letters and spaces, as the download line links it.
        ("/files/2020/K%E1%BA%BF%20ho%E1%BA%A1ch%20118-KH-KHCN.pdf", "application/pdf", "max-age=300"),
        ("/images/2020/hoi-nghi-giao-ban.jpg", "image/jpeg", "max-age=2592000"),
    ],
)
def test_status_type_cache_and_security_headers(server, path, content_type, cache):
    response, body = get(server, path)
    assert response.status == 200, path
    assert response.getheader("Content-Type") == content_type
    assert cache in response.getheader("Cache-Control")
    assert_security_headers(response)
    assert body


def test_pagefind_index_files_are_immutable(server):
    response, body = get(server, "/pagefind/pagefind-entry.json")
    assert response.status == 200 and "max-age=86400" in response.getheader("Cache-Control")
    language = json.loads(body)["languages"]["vi"]
    index, _ = get(server, f"/pagefind/pagefind.{language['hash']}.pf_meta")
    assert index.status == 200
    assert index.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert index.getheader("Content-Type") == "application/octet-stream"


@pytest.mark.parametrize("path", ["/", "/feeds/tin-tuc.atom.xml", "/theme/css/site.css"])
def test_precompressed_gzip_and_brotli(server, path):
    _, plain_body = get(server, path)
    gz, gz_body = get(server, path, "gzip")
    br, br_body = get(server, path, "br")
    assert gz.getheader("Content-Encoding") == "gzip" and len(gz_body) < len(plain_body)
    assert br.getheader("Content-Encoding") == "br" and len(br_body) < len(plain_body)
    import gzip

    import brotli

    assert gzip.decompress(gz_body) == plain_body == brotli.decompress(br_body)
    assert "Accept-Encoding" in (gz.getheader("Vary") or "")


def test_the_sites_404_page(server):
    response, body = get(server, "/khong-co-trang-nay/")
    assert response.status == 404
    assert "Không tìm thấy trang" in body.decode("utf-8")
    assert_security_headers(response)
    direct, _ = get(server, "/404.html")
    assert direct.status == 404


@pytest.mark.parametrize(
    "path",
    [
        "/.release.sha256",
        "/.release.json",
        "/.portal-build",
        "/.page-fingerprints.json",
        "/pagefind/.geheim",
        "/theme/",
        "/feeds/",
        "/pagefind/",
        "/theme/css/",
    ],
)
def test_no_dotfile_nor_folder_listing_only_the_sites_404_page(server, path):
    response, body = get(server, path)
    assert response.status == 404, path
    assert "Không tìm thấy trang" in body.decode("utf-8"), path
    assert_security_headers(response)


def test_csp_is_generated_from_the_sanitisers_allowlist(server):
    from builder.settings import load_settings
    from portal.sanitize import content_security_policy
    from publishing.deploy import nginx_config_with_csp

    settings = load_settings(ROOT / "content", settings_file="publishconf.py")
    policy = content_security_policy(settings.get("SAFE_HTML_IFRAME_HOSTS", ()))
    response, _ = get(server, "/")
    assert response.getheader("Content-Security-Policy") == policy  # `invoke nginx-config` was run
    config = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    video = content_security_policy(["www.youtube-nocookie.com"])
    assert "frame-src https://www.youtube-nocookie.com;" in video and "frame-src 'none'" in policy
    assert f'"{video}" always;' in nginx_config_with_csp(config, video)


def test_an_address_a_post_had_before_its_title_changed_leads_to_it(server):
    """Issue 27: the first address of a post whose title was corrected after publishing."""
    response, body = get(server, "/tin-tuc/2020/tin-thu-doi-ten/")
    assert response.status == 200
    assert '<meta http-equiv="refresh" content="0; url=/tin-tuc/2020/tin-thu-da-doi-ten/">' in body.decode()
    assert_security_headers(response)
    response, body = get(server, "/tin-tuc/2020/tin-thu-da-doi-ten/")
    assert response.status == 200 and "Tin thử đã đổi tên" in body.decode()
