"""Invoke tasks: build, serve, check, report, test. `invoke --list` shows them."""

import logging
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))


def _fail(message: str, code: int = 1):
    print(message, file=sys.stderr)
    sys.exit(code)


def _day(value, flag):
    from portal.dates import DateFormatError, parse_day_option

    try:
        return parse_day_option(value, flag)
    except DateFormatError as error:
        _fail(str(error), 2)


def _content_dir(content):
    """--content must name a folder; said in Vietnamese before anything reads it."""
    if not Path(content).is_dir():
        _fail(f"--content {content}: thư mục nội dung không tồn tại; kiểm tra lại đường dẫn", 2)
    return content


@task(
    help={
        "content": "thư mục nội dung (mặc định content/)",
        "output": "thư mục kết quả (mặc định output/)",
        "settings": "tệp cấu hình Pelican (mặc định pelicanconf.py)",
    }
)
def build(c, content="content", output="output", settings="pelicanconf.py"):
    """Dựng trang: kiểm tra toàn bộ nội dung rồi ghi ra thư mục kết quả."""
    from builder.build import BuildFailed, build_site
    from builder.logs import quiet_pelican_logs

    quiet_pelican_logs()
    _content_dir(content)
    try:
        out = build_site(content, output, settings, on_summary=print)
    except BuildFailed as error:
        _fail(f"{error}\nDựng trang thất bại; thư mục {output}/ giữ nguyên như lần dựng trước.")
    print(f"Đã dựng trang vào {out}")


@task(help={"content": "thư mục nội dung (mặc định content/)"})
def accessibility(c, content="content"):
    """Kiểm tra khả năng tiếp cận (axe, WCAG 2.1 AA) mọi loại trang; ghi kết quả cho tuyên bố tiếp cận."""
    import tempfile

    from builder.accessibility import audit, page_kinds, write_audit
    from builder.build import BuildFailed, build_site
    from builder.logs import quiet_pelican_logs
    from builder.settings import load_settings
    from portal.checker import check_content

    quiet_pelican_logs()
    _content_dir(content)
    settings = load_settings(content)
    with tempfile.TemporaryDirectory(prefix="kiem-tra-tiep-can-") as work:
        try:
            site = build_site(content, Path(work) / "site")
        except BuildFailed as error:
            _fail(f"{error}\nChưa kiểm tra được: trang không dựng được.")
        kinds = page_kinds(site, check_content(content, settings), settings)
        result = audit(site, kinds)
    path = write_audit(Path(settings["THEME"]), result)
    found = [(p["name"], v) for p in result["pages"] for v in p["violations"]]
    for name, violation in found:
        print(f"{name} ({violation['width']} px): {violation['id']}: {violation['help']}")
    print(
        f"Đã kiểm tra {len(kinds)} loại trang ở {len(result['widths'])} khổ màn hình: {len(found)} lỗi.",
        f"Đã ghi {path}.",
    )
    if found:
        sys.exit(1)


@task(help={"content": "thư mục nội dung", "port": "cổng (mặc định 8000)"})
def serve(c, content="content", output="output", port=8000):
    """Dựng trang mẫu rồi phục vụ tại http://127.0.0.1:8000."""
    from builder.serve import site_server
    from builder.settings import load_settings

    build(c, content=content, output=output)
    iframe_hosts = load_settings(content).get("SAFE_HTML_IFRAME_HOSTS", ())
    httpd = site_server(output, "127.0.0.1", int(port), iframe_hosts)
    print(f"Xem trang tại http://127.0.0.1:{port}/ (Ctrl+C để dừng)")
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        httpd.server_close()


@task(
    help={
        "title": "tiêu đề bài",
        "items": "các mục của kế hoạch, ví dụ 1,4",
        "form": "hình thức tuyên truyền (mặc định theo kế hoạch)",
        "unit": "đơn vị thực hiện (mặc định theo kế hoạch)",
        "plan": "số hiệu kế hoạch",
        "date": "ngày giờ đăng YYYY-MM-DD HH:MM (mặc định: bây giờ)",
        "content": "thư mục nội dung (mặc định content/)",
    }
)
def new(c, title="", items="", form=None, unit=None, plan=None, date=None, content="content"):
    """Tạo tệp bài mới với đủ các dòng thông tin, đã kiểm tra theo kế hoạch."""
    from builder.settings import load_settings
    from portal.dates import DateFormatError, parse_local_datetime
    from portal.scaffold import PostRequest, ScaffoldError, new_post

    _content_dir(content)
    try:
        when = parse_local_datetime(date) if date else None
        request = PostRequest(title, items=items, form=form, unit=unit, plan=plan, now=when)
        path, warnings = new_post(content, load_settings(content), request)
    except DateFormatError as error:
        _fail(f"--date: {error}", 2)
    except ScaffoldError as error:
        _fail(str(error), 2)
    for warning in warnings:
        print(f"CẢNH BÁO: {warning}", file=sys.stderr)
    print(f"Đã tạo {path}; viết nội dung rồi chạy 'invoke livereload' để xem trước.")


@task(
    name="new-document",
    help={
        "number": "số, ký hiệu, ví dụ 118/KH-KHCN",
        "type": "loại văn bản, ví dụ 'Kế hoạch', 'Quyết định' (danh sách trong DOCUMENT_TYPES)",
        "issuer": "cơ quan ban hành",
        "signed": "ngày ban hành YYYY-MM-DD",
        "effective": "ngày có hiệu lực YYYY-MM-DD (mặc định: ngày ban hành)",
        "expires": "ngày hết hiệu lực YYYY-MM-DD (nếu có)",
        "title": "trích yếu",
        "files": "tệp trong content/files/, cách nhau bởi dấu phẩy, ví dụ 2020/118-KH-KHCN.pdf",
        "signer": "người ký (nếu muốn ghi)",
        "field": "lĩnh vực",
        "slug": "đường dẫn riêng (khi hai số chỉ khác dấu, ví dụ 12-qd-khcn-so)",
        "content": "thư mục nội dung (mặc định content/)",
    },
)
def new_document(
    c,
    number="",
    type="",
    issuer="",
    signed="",
    effective="",
    expires="",
    title="",
    files="",
    signer="",
    field="",
    slug="",
    content="content",
):
    """Tạo tệp văn bản mới trong van-ban/, đã kiểm tra như 'invoke check'."""
    from builder.settings import load_settings
    from portal.scaffold import ScaffoldError, new_document as make_document

    _content_dir(content)
    values = {
        "number": number,
        "type": type,
        "issuer": issuer,
        "signed": signed,
        "effective": effective,
        "expires": expires,
        "title": title,
        "files": files,
        "signer": signer,
        "field": field,
        "slug": slug,
    }
    try:
        path = make_document(content, load_settings(content), values)
    except ScaffoldError as error:
        _fail(str(error), 2)
    print(
        f"Đã tạo {path}; ghi chú thêm (nếu có) sau một dòng trống, rồi nêu văn bản trong bài bằng "
        f"dòng 'Documents: {values['number']}'."
    )


@task(
    name="new-activity",
    help={
        "title": "tên hoạt động, ví dụ 'Hội nghị giao ban quý I'",
        "unit": "đơn vị thực hiện (mã hoặc tên trong kế hoạch, bắt buộc)",
        "form": "hình thức (mã hoặc tên trong kế hoạch, bắt buộc), ví dụ hoi-nghi-giao-ban",
        "date": "ngày giờ diễn ra YYYY-MM-DD HH:MM (mặc định: bây giờ)",
        "plan": "số hiệu kế hoạch (mặc định: kế hoạch tính ngày diễn ra)",
        "items": "các mục của kế hoạch, ví dụ 1,4 hoặc '118/KH-KHCN: 1, 4; 40/KH-KHCN: 2'",
        "participants": "số người tham dự",
        "quantity": "số lượng: bản in, vụ việc xử lý, người được khen thưởng… tùy hình thức",
        "files": "tệp minh chứng trong content/files/, cách nhau bởi dấu phẩy, ví dụ 2020/bien-ban.pdf",
        "posts": "đường dẫn (slug) của các tin bài đưa tin về hoạt động, cách nhau bởi dấu phẩy",
        "public": "yes: có trang trên trang web; no (mặc định): chỉ tính vào báo cáo",
        "slug": "đường dẫn riêng (mặc định: lấy từ tên hoạt động)",
        "content": "thư mục nội dung (mặc định content/)",
    },
)
def new_activity(
    c,
    title="",
    unit="",
    form="",
    date="",
    plan="",
    items="",
    participants="",
    quantity="",
    files="",
    posts="",
    public="",
    slug="",
    content="content",
):
    """Tạo tệp hoạt động mới trong hoat-dong/, đã kiểm tra như 'invoke check'."""
    from builder.settings import load_settings
    from portal.scaffold import ScaffoldError, new_activity as make_activity

    _content_dir(content)
    values = {
        "title": title,
        "date": date,
        "unit": unit,
        "form": form,
        "plan": plan,
        "items": items,
        "participants": participants,
        "quantity": quantity,
        "files": files,
        "posts": posts,
        "public": public,
        "slug": slug,
    }
    try:
        path, warnings = make_activity(content, load_settings(content), values)
    except ScaffoldError as error:
        _fail(str(error), 2)
    for warning in warnings:
        print(f"CẢNH BÁO: {warning}", file=sys.stderr)
    print(f"Đã tạo {path}; ghi chép thêm (nếu có) sau một dòng trống.")


@task(
    name="plan-new",
    help={
        "id": "số hiệu của kế hoạch mới, ví dụ 25/KH-KHCN",
        "year": "năm của kế hoạch mới (mặc định: năm sau kế hoạch nguồn)",
        "from_plan": "kế hoạch nguồn để sao chép (mặc định: kế hoạch mới nhất cùng loại)",
        "content": "thư mục nội dung (mặc định content/)",
        "kind": "loại kế hoạch khác, ví dụ pho-bien-phap-luat (mặc định: loại của kế hoạch nguồn)",
        "title": "tên kế hoạch (cần khi là loại mới)",
    },
)
def plan_new(c, id="", year=None, from_plan=None, content="content", kind=None, title=None):
    """Tạo kế hoạch năm sau (hoặc kế hoạch loại khác) từ kế hoạch có sẵn: kỳ báo cáo nối tiếp kỳ trước."""
    import re

    from builder.settings import load_settings
    from portal.plan_new import NewKind, PlanNewError, start_next_plan

    new_kind = None
    if kind is not None or title is not None:
        kind = (kind or "").strip()
        if kind and not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", kind):
            _fail(
                f"--kind '{kind}' không hợp lệ: chữ thường không dấu, số, gạch ngang, "
                "ví dụ pho-bien-phap-luat",
                2,
            )
        if kind and not (title or "").strip():
            _fail(
                '--kind cần --title, tên của kế hoạch, ví dụ --title "Phổ biến, giáo dục pháp luật năm 2021"',
                2,
            )
        new_kind = NewKind(kind, " ".join((title or "").split()))

    _content_dir(content)
    try:
        chosen_year = int(year) if year is not None else None
    except ValueError:
        _fail(f"--year '{year}' không phải một năm, ví dụ --year 2021", 2)
    try:
        made = start_next_plan(content, load_settings(content), id, chosen_year, from_plan, new_kind)
    except PlanNewError as error:
        _fail(str(error), 2)
    print(f"Đã tạo {made.path} (kế hoạch năm {made.year}, chép từ {made.source.id}).")
    print(
        "Việc tiếp theo: sửa ngày ký, tiêu đề, người ký, các mục nội dung và hạn báo cáo cho đúng "
        "văn bản đã ký; dán toàn văn vào khóa 'text'; rồi chạy 'invoke check'. Kế hoạch hiện trên "
        "trang web từ lần dựng trang sau: sửa xong trước khi đăng (invoke publish)."
    )


@task(
    name="import",
    help={
        "file": "tệp Word .docx cần đưa thành bài",
        "title": "tiêu đề (mặc định: tiêu đề đầu tiên trong tài liệu)",
        "items": "các mục của kế hoạch, ví dụ 1,4",
        "form": "hình thức tuyên truyền",
        "unit": "đơn vị thực hiện",
        "date": "ngày giờ đăng YYYY-MM-DD HH:MM (mặc định: bây giờ)",
        "content": "thư mục nội dung (mặc định content/)",
        "update": "khi đã có bài cùng địa chỉ (lần nhập trước của tài liệu này): cập nhật bài đó, không hỏi",
    },
)
def import_(c, file, title="", items="", form=None, unit=None, date=None, content="content", update=False):
    """Đưa một tệp Word (.docx) thành bài viết, ảnh lưu kèm; in đường dẫn tệp bài."""
    from builder.settings import load_settings
    from portal.checker import check_content
    from portal.dates import DateFormatError, parse_local_datetime
    from portal.scaffold import PostRequest, ScaffoldError
    from portal.word_import import SamePost, import_docx

    _content_dir(content)
    settings = load_settings(content)
    try:
        when = parse_local_datetime(date) if date else None
        request = PostRequest(title, items=items, form=form, unit=unit, now=when)
        try:
            path, warnings = import_docx(file, content, settings, request, update=update)
        except SamePost as same:
            if not sys.stdin.isatty():
                raise
            answer = input(
                f"Đã có bài {same.relative} cùng địa chỉ. Cập nhật bài đó bằng nội dung mới? [c/K] "
            )
            if answer.strip().lower() not in ("c", "có", "co", "y"):
                _fail("Không nhập gì; bài cũ giữ nguyên.", 2)
            path, warnings = import_docx(file, content, settings, request, update=True)
            print(
                f"Đã cập nhật nội dung bài {same.relative}; các dòng thông tin của bài giữ nguyên.",
                file=sys.stderr,
            )
    except DateFormatError as error:
        _fail(f"--date: {error}", 2)
    except ScaffoldError as error:
        _fail(str(error), 2)
    print(path)
    for warning in warnings:
        print(f"CẢNH BÁO: {warning}", file=sys.stderr)
    left = [p for p in check_content(content, settings).problems if p.path.endswith(path.name)]
    if left:
        print("Còn phải sửa trước khi đăng:\n" + "\n".join(map(str, left)), file=sys.stderr)
    else:
        print("Bài đã qua kiểm tra; xem trước bằng 'invoke livereload'.", file=sys.stderr)


def _live_preview(content, output, port):
    """Serve the preview on 127.0.0.1:port until Ctrl+C: builder.preview rebuilds the saved post's
    own page first, then the whole site in the background; the browser reloads after each."""
    from livereload import Server

    from builder.build import STAMP
    from builder.logs import quiet_pelican_logs
    from builder.preview import Preview

    quiet_pelican_logs()
    preview = Preview(content, output, "pelicanconf.py", report=lambda line: print(line, flush=True))
    preview.start()

    class QuietServer(Server):
        def _setup_logging(self):  # livereload's own "Running task: refresh" lines, in English
            super()._setup_logging()
            logging.getLogger("livereload").setLevel(logging.WARNING)

    server = QuietServer()
    for path in (content, str(ROOT / "theme")):
        server.watch(path, preview.refresh, delay=0.3)
    # The browser reloads once more when the whole site, rebuilt in the background, is in place.
    server.watch(str(Path(output) / STAMP))
    print(f"Xem trước tại http://127.0.0.1:{port}/ (tự tải lại khi lưu tệp; Ctrl+C để dừng)", flush=True)
    try:
        server.serve(root=output, host="127.0.0.1", port=int(port), open_url_delay=None)
    finally:
        preview.stop()


@task(help={"content": "thư mục nội dung", "output": "thư mục kết quả", "port": "cổng (mặc định 8000)"})
def livereload(c, content="content", output="output", port=8000):
    """Xem trước: tự dựng lại khi lưu bài, trang, kế hoạch hay giao diện, và tải lại trình duyệt."""
    _live_preview(_content_dir(content), output, port)


@task(
    help={
        "content": "thư mục nội dung (mặc định content/)",
        "output": "thư mục trang xem trước (mặc định output/)",
        "port": "cổng của trình soạn thảo (mặc định 8080); trang xem trước ở cổng kế tiếp",
    }
)
def edit(c, content="content", output="output", port=8080):
    """Trình soạn thảo trên trình duyệt: viết tin, gắn mục kế hoạch, tải ảnh và tệp, xem trước ngay."""
    from editors.editor import Editor, EditorUnavailable

    _content_dir(content)
    _ensure_editor_packages(c, quiet=True)
    preview_port = int(port) + 1
    editor = Editor(content, int(port), f"http://127.0.0.1:{preview_port}/")
    try:
        editor.start()
    except EditorUnavailable as error:
        _fail(str(error))
    print(f"Trình soạn thảo tại {editor.url} (chỉ mở được trên máy này)", flush=True)
    try:
        _live_preview(content, output, preview_port)
    finally:
        editor.stop()


@task(
    help={
        "content": "thư mục nội dung",
        "path": "thư mục đích (mặc định DEPLOY trong publishconf.py)",
        "force": "phát hành cả khi số bài giảm nhiều so với bản đang chạy",
        "scheduled": "chỉ phát hành khi có bài hẹn giờ đã đến giờ đăng kể từ bản phát hành mới nhất "
        "(deploy/portal-publish.timer chạy mỗi vài phút)",
        "now": 'giờ coi là "bây giờ", dạng "YYYY-MM-DD HH:MM" (giờ Việt Nam; mặc định giờ hiện tại)',
    }
)
def publish(c, content="content", path=None, force=False, scheduled=False, now=None):
    """Dựng bản chính thức và phát hành thành một bản mới; trang đang chạy chỉ đổi khi thành công."""
    from builder.build import BuildFailed
    from builder.logs import quiet_pelican_logs
    from builder.settings import load_settings
    from portal.dates import DateFormatError, now_local
    from publishing.deploy import DeployError, release_name, target_from
    from publishing.scheduled import NothingDue, parse_now

    quiet_pelican_logs()
    _content_dir(content)
    try:
        clock = parse_now(now) if now else now_local()
    except DateFormatError as error:
        _fail(f"{error}", 2)
    clock = clock.replace(microsecond=0)  # the release's name and its build: one clock
    deploy = load_settings(content, settings_file="publishconf.py")["DEPLOY"]
    try:
        target = target_from(deploy, path)
        name = target.publish(
            content,
            "publishconf.py",
            release_name(clock),
            on_summary=print,
            force=force,
            now=clock,
            scheduled=scheduled,
        )
    except NothingDue as nothing:
        print(nothing)
        return
    except (BuildFailed, DeployError) as error:
        _fail(f"{error}\nPhát hành thất bại; trang đang chạy giữ nguyên.")
    print(f"Đã phát hành bản {name}; 'invoke rollback' để quay lại bản trước.")


@task(
    help={
        "path": "tệp cần xem, ví dụ posts/ten-bai.md hoặc content/posts/ten-bai.md",
        "content": "thư mục nội dung, là kho git của trình soạn thảo dùng chung (mặc định content/)",
        "limit": "số lần thay đổi gần nhất được in (mặc định 20)",
    }
)
def history(c, path, content="content", limit=20):
    """Lịch sử một tệp: ai sửa, ai duyệt đăng, lúc nào, sửa những gì (nhánh main)."""
    from editors.history import HistoryError, file_history

    _content_dir(content)
    try:
        count = int(limit)
    except ValueError:
        count = 0
    if count < 1:
        _fail(f"--limit {limit}: phải là số nguyên dương, ví dụ --limit 20", 2)
    try:
        print(file_history(content, path, count), end="")
    except HistoryError as error:
        _fail(str(error), 2)


@task(name="nginx-config")
def nginx_config(c):
    """Ghi CSP vào deploy/nginx.conf và giới hạn tải lên vào deploy/editor-server.nginx.conf."""
    from builder.settings import load_settings
    from portal.sanitize import content_security_policy
    from publishing.deploy import nginx_config_with_csp

    settings = load_settings("content", settings_file="publishconf.py")
    path = ROOT / "deploy" / "nginx.conf"
    policy = content_security_policy(settings.get("SAFE_HTML_IFRAME_HOSTS", ()))
    path.write_text(nginx_config_with_csp(path.read_text(encoding="utf-8"), policy), encoding="utf-8")
    print(f"Đã ghi CSP vào {path}: {policy}")
    # The shared editor's nginx (issue 26): its body limit follows the editor's own limits.
    from editors.editor_proxy import body_limit, editor_proxy_config

    editor_settings = load_settings("content")  # what the editor server reads (pelicanconf.py)
    editor = ROOT / "deploy" / "editor-server.nginx.conf"
    editor.write_text(
        editor_proxy_config(editor.read_text(encoding="utf-8"), editor_settings), encoding="utf-8"
    )
    print(f"Đã ghi giới hạn tải lên vào {editor}: client_max_body_size {body_limit(editor_settings)}")


@task(help={"path": "thư mục đích (mặc định DEPLOY trong publishconf.py)"})
def rollback(c, path=None, content="content"):
    """Quay lại bản phát hành trước."""
    from builder.settings import load_settings
    from publishing.deploy import DeployError, rollback as switch_back, target_from

    deploy = load_settings(content, settings_file="publishconf.py")["DEPLOY"]
    try:
        name = switch_back(target_from(deploy, path))
    except DeployError as error:
        _fail(str(error), 2)
    print(f"Đã quay lại bản {name}.")


@task(
    help={
        "content": "thư mục nội dung (mặc định content/)",
        "today": "coi hôm nay là ngày YYYY-MM-DD (để kiểm tra trước)",
        "compliance": "in cả danh mục kiểm tra theo quy định (Luật TCTT 2016, NĐ 13/2018, NĐ 42/2022)",
    }
)
def check(c, content="content", settings="pelicanconf.py", today=None, compliance=False):
    """Kiểm tra mọi bài, trang và kế hoạch; thoát mã 0 chỉ khi không có lỗi."""
    from builder.settings import load_settings
    from builder.site_model import page_writer_problems
    from portal.checker import check_content
    from portal.dates import day_start
    from portal.problems import format_problems

    now = day_start(_day(today, "today")) if today else None
    _content_dir(content)
    site_settings = load_settings(content, settings_file=settings)
    result = check_content(content, site_settings, now=now)
    # What the build would stop on before reading anything: a plugin writing linked pages missing.
    result.problems[:0] = page_writer_problems(site_settings["PLUGINS"])
    scheduled = [p for p in result.posts if p.status == "scheduled"]
    for post in scheduled:
        print(f"{post.source}: hẹn giờ đăng lúc {post.date:%H:%M %d/%m/%Y}")
    print(
        format_problems(result.problems),
        f"({len(result.posts)} bài, {len(result.pages)} trang, {len(result.plans)} kế hoạch, "
        f"{len(result.documents.documents)} văn bản, {len(result.activities)} hoạt động"
        + (f", {len(result.research_tasks)} nhiệm vụ KH&CN)" if result.research_tasks else ")"),
    )
    if compliance:
        from portal.compliance import checklist, format_checklist
        from portal.dates import now_local

        day = (now or now_local()).date()
        print()
        print(format_checklist(checklist(result, site_settings, day), day))
    if result.errors:
        sys.exit(1)


@task(
    help={
        "content": "thư mục nội dung (mặc định content/)",
        "plan": "số hiệu kế hoạch, ví dụ 118/KH-KHCN (mặc định: kế hoạch đang áp dụng)",
        "period": "kỳ báo cáo của kế hoạch, ví dụ '6 tháng' hoặc 'cả năm'",
        "from": "từ ngày YYYY-MM-DD",
        "to": "đến ngày YYYY-MM-DD (tính cả ngày này)",
        "format": "table, json, csv, xlsx, docx hoặc pdf (mặc định: theo đuôi tệp --output, rồi table)",
        "output": "ghi ra tệp thay vì in ra màn hình; tệp cũ cùng tên được giữ lại dưới tên có giờ",
        "force": "ghi đè tệp --output đã có thay vì giữ lại bản cũ",
        "csv_separator": "dấu phân cách của tệp csv: ',' (mặc định) hoặc ';' (Excel đặt kiểu Việt Nam)",
        "settings": "tệp cấu hình (mặc định publishconf.py: đường dẫn là địa chỉ công khai)",
        "today": "tính như hôm nay là ngày YYYY-MM-DD (chọn kế hoạch và kỳ đang áp dụng)",
        "unit": "chỉ tin bài của một đơn vị (mã hoặc tên trong kế hoạch), như đơn vị đó báo cáo Văn phòng",
        "template": "mẫu Word của báo cáo docx (mặc định REPORT_TEMPLATE, hoặc mẫu kèm theo dự án)",
        "all_plans": "mọi kế hoạch có kỳ báo cáo trong khoảng (JSON), mỗi tin bài và hoạt động tính một lần",
    }
)
def report(
    c,
    content="content",
    plan=None,
    period=None,
    from_=None,
    to=None,
    format=None,
    output=None,
    settings="publishconf.py",
    today=None,
    unit=None,
    template=None,
    all_plans=False,
    force=False,
    csv_separator=None,
):
    """Báo cáo số tin bài và hoạt động theo từng mục của kế hoạch trong một kỳ."""
    from builder.settings import load_settings
    from portal.report import ReportError, ReportQuery, make_report

    _content_dir(content)
    query = ReportQuery(
        plan=plan, period=period, start=from_, end=to, today=today, unit=unit, all_plans=all_plans
    )
    try:
        loaded = load_settings(content, settings_file=settings)
        if template:
            loaded["REPORT_TEMPLATE"] = template
        written = make_report(
            content,
            loaded,
            query,
            format,
            output,
            force=force,
            csv_separator=csv_separator,
            say=lambda message: print(message, file=sys.stderr),
        )
        if written:
            print(f"Đã ghi báo cáo vào {written}", file=sys.stderr)
    except ReportError as error:
        _fail(str(error), 2)


@task(
    name="report-status",
    help={
        "content": "thư mục nội dung (mặc định content/)",
        "plan": "số hiệu kế hoạch (mặc định: kế hoạch đang áp dụng)",
        "period": "kỳ báo cáo, ví dụ '6 tháng'",
        "today": "tính như hôm nay là ngày YYYY-MM-DD",
    },
)
def report_status(c, period=None, content="content", plan=None, today=None):
    """Các đơn vị đã gửi báo cáo kỳ này cho Văn phòng chưa: đã gửi, gửi muộn, chưa gửi."""
    from builder.settings import load_settings
    from portal.report import ReportError, ReportQuery, report_status

    _content_dir(content)
    try:
        query = ReportQuery(plan=plan, period=period, today=today)
        print(report_status(content, load_settings(content), query), end="")
    except ReportError as error:
        _fail(str(error), 2)


# The shared editor's accounts: outside the content folder, never published or committed.
DEFAULT_ACCOUNTS = ROOT / "var" / "editor-accounts.json"


def _password(prompt: str) -> str:
    """A password typed at the terminal (not shown), or the first line of standard input."""
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


def _account_store(accounts):
    from portal.accounts import AccountStore

    return AccountStore(accounts or DEFAULT_ACCOUNTS)


@task(
    name="user-add",
    help={
        "role": "contributor, editor, approver, office hoặc admin",
        "unit": "mã đơn vị của cộng tác viên (trong danh sách units: của kế hoạch)",
        "name": "họ tên, ghi trong lịch sử sửa bài",
        "content": "thư mục nội dung, để kiểm tra mã đơn vị (mặc định content/)",
        "accounts": "tệp tài khoản (mặc định var/editor-accounts.json)",
    },
)
def user_add(c, login, role, unit="", name="", content="content", accounts=None):
    """Thêm tài khoản cho trình soạn thảo dùng chung; mật khẩu đọc từ bàn phím hoặc stdin."""
    from portal.accounts import AccountError
    from portal.plans import load_plans

    if unit and Path(content, "plans").is_dir():
        # A warning, not a refusal: the accounts may serve a content folder other than --content.
        plans, _ = load_plans(Path(content) / "plans")
        known = sorted({u.id for plan in plans for u in plan.units})
        if known and unit not in known:
            print(
                f"CẢNH BÁO: --unit {unit}: không có đơn vị này trong các kế hoạch của {content}; "
                f"các mã đơn vị: {', '.join(known)}",
                file=sys.stderr,
            )
    try:
        account = _account_store(accounts).add(login, role, _password("Mật khẩu: "), unit, name)
    except AccountError as error:
        _fail(str(error), 2)
    print(f"Đã thêm tài khoản {account.login} ({role}{', đơn vị ' + unit if unit else ''})")


@task(
    name="user-disable",
    help={"accounts": "tệp tài khoản (mặc định var/editor-accounts.json)", "enable": "mở lại tài khoản"},
)
def user_disable(c, login, enable=False, accounts=None):
    """Khóa (hoặc mở lại với --enable) một tài khoản: phiên đang mở của người đó hết hiệu lực."""
    from portal.accounts import AccountError

    try:
        _account_store(accounts).set_disabled(login, not enable)
    except AccountError as error:
        _fail(str(error), 2)
    print(f"Đã {'mở lại' if enable else 'khóa'} tài khoản {login}")


@task(name="user-password", help={"accounts": "tệp tài khoản (mặc định var/editor-accounts.json)"})
def user_password(c, login, accounts=None):
    """Đổi mật khẩu của chính mình: mật khẩu cũ rồi mật khẩu mới (bàn phím hoặc hai dòng stdin)."""
    from portal.accounts import AccountError

    old, new = _password("Mật khẩu hiện tại: "), _password("Mật khẩu mới: ")
    try:
        _account_store(accounts).change_password(login, old, new)
    except AccountError as error:
        _fail(str(error), 2)
    print(f"Đã đổi mật khẩu của {login}")


@task(
    name="editor-server",
    help={
        "content": "thư mục nội dung, là một kho git có nhánh main (mặc định content/)",
        "port": "cổng (mặc định 8090)",
        "host": "địa chỉ lắng nghe (mặc định 127.0.0.1; đặt sau nginx, xem deploy/)",
        "accounts": "tệp tài khoản (mặc định var/editor-accounts.json)",
    },
)
def editor_server(c, content="content", port=8090, host="127.0.0.1", accounts=None):
    """Trình soạn thảo dùng chung cho cả Sở: đăng nhập, phân quyền, Ban biên tập duyệt bài."""
    from editors.editor_server import serve
    from portal.git_store import GitError

    _content_dir(content)
    _ensure_editor_packages(c, quiet=True)
    try:
        serve(content, accounts or DEFAULT_ACCOUNTS, host=host, port=int(port))
    except GitError as error:
        _fail(f"--content {content}: {error}", 2)


# Debian packages the tests drive for real, and a file each one installs.
DEBIAN_PACKAGES = {
    "chromium": "/usr/bin/chromium",
    "nginx-light": "/usr/sbin/nginx",
    "libnginx-mod-http-brotli-static": "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so",
    "openssh-server": "/usr/sbin/sshd",
    "openssh-client": "/usr/bin/ssh",
    "rsync": "/usr/bin/rsync",
    # The Office's files converted to PDF as LibreOffice prints them, and read back.
    "libreoffice-writer-nogui": "/usr/lib/libreoffice/program/libmswordlo.so",
    "libreoffice-calc-nogui": "/usr/lib/libreoffice/program/libanalysislo.so",
    "fonts-liberation2": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "poppler-utils": "/usr/bin/pdftotext",
    # A certificate made for the shared editor's TLS test (tests/test_editor_server_nginx.py).
    "openssl": "/usr/bin/openssl",
}


# LibreOffice's recommended packages (Java, desktop integration) are not needed to print.
WITHOUT_RECOMMENDS = {"libreoffice-writer-nogui", "libreoffice-calc-nogui"}


def _ensure_debian_packages(c):
    import os

    missing = [name for name, path in DEBIAN_PACKAGES.items() if not os.path.exists(path)]
    if not missing:
        return
    print("Cài gói Debian còn thiếu: " + ", ".join(missing))
    install = "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
    plain = [name for name in missing if name not in WITHOUT_RECOMMENDS]
    lean = [name for name in missing if name in WITHOUT_RECOMMENDS]
    c.run("apt-get update -qq", pty=False)
    if plain:
        c.run(install + " ".join(plain), pty=False)
    if lean:
        c.run(install + "--no-install-recommends " + " ".join(lean), pty=False)


def _ensure_editor_packages(c, editor=None, quiet=False):
    """The web editor's npm packages, exactly as editor/package-lock.json pins them (npm ci),
    installed again only when the lock file changes; Node.js from Debian when it is missing and
    this is root. quiet (`invoke edit`, `invoke editor-server`): one line said, the tools' own
    output shown only when they fail."""
    import hashlib
    import os
    import shutil

    editor = Path(editor or ROOT / "editor")
    lock = hashlib.sha256((editor / "package-lock.json").read_bytes()).hexdigest()
    stamp = editor / "node_modules" / ".portal-lock-sha256"
    if stamp.exists() and stamp.read_text() == lock:
        return
    if quiet:
        print("Cài trình soạn thảo lần đầu (khoảng một phút, chỉ một lần)…", flush=True)
    else:
        print("Cài gói npm của trình soạn thảo (npm ci)…", flush=True)
    steps = []
    if shutil.which("npm") is None:
        if os.geteuid() != 0:
            _fail(
                "Trình soạn thảo cần Node.js mà máy này chưa có. Nhờ cán bộ CNTT của Sở cài "
                "(sudo apt-get install nodejs npm) rồi chạy lại lệnh này."
            )
        steps += ["apt-get update -qq", "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm"]
    steps.append(f"npm ci --prefix {editor} --no-audit --no-fund --loglevel=error")
    for step in steps:
        result = c.run(step, pty=False, hide=quiet, warn=quiet, in_stream=False)
        if result.failed:
            said = "\n".join((result.stderr or result.stdout).strip().splitlines()[-15:])
            _fail(f"Không cài được trình soạn thảo (lệnh '{step}' báo lỗi):\n{said}")
    stamp.write_text(lock)


# The edit-test loop's bound on one test's seconds as last measured (tests/timings.json).
FAST_SECONDS = 0.5


@task(
    help={
        "fast": "chỉ các kiểm thử nhanh (không trình duyệt, máy chủ, không bài đo được trên "
        f"{FAST_SECONDS} giây), dưới 1 phút",
        "record_timings": "ghi thời gian từng bài kiểm thử vào tests/timings.json (cho --fast)",
        "args": "tham số thêm cho pytest",
    }
)
def test(c, fast=False, record_timings=False, args=""):
    """Chạy toàn bộ bộ kiểm thử (cài những gì còn thiếu); --fast cho vòng sửa-thử nhanh."""
    if record_timings:
        args = f"--record-timings {args}"
    if fast:
        marks = "not browser and not server and not slow"
        fast_only = f"--fast-seconds {FAST_SECONDS}"
        c.run(
            f'{sys.executable} -m pytest -n 2 --dist loadfile -m "{marks}" {fast_only} {args}',
            env={"HYPOTHESIS_PROFILE": "fast"},
            pty=False,
        )
        return
    _ensure_debian_packages(c)
    _ensure_editor_packages(c)
    c.run(f"{sys.executable} -m pytest -n 2 --dist loadfile {args}", pty=False)


@task
def lint(c):
    """ruff (lint và định dạng) và mypy --strict cho portal/, builder/ và plugins/."""
    c.run(f"{sys.executable} -m ruff check .", pty=False)
    c.run(f"{sys.executable} -m ruff format --check .", pty=False)
    c.run(f"{sys.executable} -m mypy", pty=False)


@task(help={"posts": "số bài, cách nhau bởi dấu phẩy (mặc định 1000,5000,10000)", "runs": "số lần đo"})
def bench(c, posts="1000,2000,5000,10000", runs=3):
    """Đo thời gian dựng trang, kiểm tra, báo cáo so với Pelican thuần và Hugo trên cùng bộ dữ liệu."""
    c.run(f"{sys.executable} -m pip install --quiet -r {ROOT / 'bench' / 'requirements.txt'}", pty=False)
    sizes = " ".join(posts.split(","))
    c.run(f"{sys.executable} {ROOT / 'bench' / 'run.py'} --posts {sizes} --runs {runs}", pty=False)
