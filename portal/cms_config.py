"""The web editor's collections (Decap CMS, issue 18), made from the project's own data.

Every field of a post, page, document, activity and unit report comes from the key lists the
checker reads (`POST_KEYS`, `PAGE_KEYS`, `DOCUMENT_KEY_ORDER`, `ACTIVITY_KEY_ORDER`,
`UNIT_REPORT_KEYS`), and every choice from the plans (items with their number and title, each
plan's own, forms and units with their Vietnamese names, a plan's report periods), the document
types and the posts an activity may name, so the editor's form can never offer what `check`
refuses or miss what it accepts. Field names
are the checker's lower-case keys (`title`, `date`: the names Decap infers an entry's title and
date from); editor/portal-format.js spells them as files do. `body` is the text after the
header. Labels and hints are Vietnamese. `editor_config` adds what `invoke edit` serves: the
backend address, the Vietnamese interface, upload folders by year and safe file names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from .activities import ACTIVITY_KEY_ORDER, NO, YES
from .dates import vn_date
from .documents import DOCUMENT_KEY_ORDER, REQUIRED_KEYS, Document
from .folders import DEFAULT_FOLDERS
from .plans import Plan, PlanSet, ReportPeriod, normalize
from .posts import Post
from .research import (
    DEFAULT_RESEARCH_PATHS,
    LEVELS,
    RATINGS,
    REQUIRED_KEYS as TASK_REQUIRED,
    RESEARCH_KEY_ORDER,
    STATUSES as TASK_STATUSES,
)
from .unit_reports import SECTIONS, UNIT_REPORTS_FOLDER

Field = dict[str, Any]

# Header keys as files spell them, in the order the editor's form shows them.
POST_ORDER = (
    "title",
    "date",
    "plan",
    "items",
    "form",
    "unit",
    "status",
    "summary",
    "image",
    "image_alt",
    "documents",
    "slug",
    "modified",
)
PAGE_ORDER = ("title", "slug", "summary", "status", "date", "modified")
DATE_TIME = {
    "widget": "datetime",
    "format": "YYYY-MM-DD HH:mm",
    "date_format": "DD/MM/YYYY",
    "time_format": "HH:mm",
}
DAY = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY", "time_format": False}
SIGNED_YEAR = "{{fields.signed | date('YYYY')}}"
# Where uploads go (media_folder, from the content folder) and how the file names them
# (public_folder), by the entry's year ({{year}}: its date's): a post's photo under images/, what
# the body's buttons upload (attachments, pictures in the text) under files/ — Decap gives a
# body button's upload its collection's folder, not one of its own —, a document's files under
# files/<year it was signed>/van-ban/, named from files/ (`Files: 2020/van-ban/x.pdf`), an
# activity's evidence under files/<year it was held>/ (`Files: 2020/bien-ban.pdf`).
UPLOADS = {
    "image": {"media_folder": "/images/{{year}}", "public_folder": "images/{{year}}"},
    "body": {"media_folder": "/files/{{year}}", "public_folder": "files/{{year}}"},
    "document": {"media_folder": f"/files/{SIGNED_YEAR}/van-ban", "public_folder": f"{SIGNED_YEAR}/van-ban"},
    "evidence": {"media_folder": "/files/{{year}}", "public_folder": "{{year}}"},
    "task": {"media_folder": "/files/nhiem-vu", "public_folder": "nhiem-vu"},
}
# The body's own buttons for a picture and an attachment (editor/portal-editor.js) write them as
# the checker reads them: `![alt]({static}/images/2020/a.jpg)`, `[name]({static}/files/2020/b.pdf)`.
BODY = {"widget": "markdown", "editor_components": ["image", "portal-file"]}
# Uploaded names in lower-case ASCII with '-' (Decap applies this to entry and media names).
SLUG = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
STATUS_LABELS = {"published": "Đăng", "draft": "Bản nháp (không đăng)", "hidden": "Đăng nhưng không liệt kê"}

# What each save says in the history («Lịch sử», `invoke history`, git log): Decap's own are English.
COMMIT_MESSAGES = {
    "create": "Tạo {{collection}} «{{slug}}»",
    "update": "Sửa {{collection}} «{{slug}}»",
    "delete": "Xóa {{collection}} «{{slug}}»",
    "uploadMedia": "Tải lên «{{path}}»",
    "deleteMedia": "Xóa tệp «{{path}}»",
    "openAuthoring": "{{message}}",
}
# The newest first when a list opens (an editor in 2026 looks for this week's news, not 2020's).
NEWEST_FIRST = [{"field": "date", "default_sort": "desc"}, "title"]
LABELS = {
    "title": ("Tiêu đề", ""),
    "date": ("Ngày giờ đăng", "Giờ Việt Nam. Bài ghi ngày tương lai sẽ tự đăng khi đến giờ."),
    "modified": ("Ngày cập nhật", "Chỉ điền khi sửa nội dung bài đã đăng."),
    "slug": ("Đường dẫn riêng", "Để trống: lấy từ tiêu đề."),
    "summary": ("Tóm tắt", "Hiện ở danh sách tin; để trống thì lấy đoạn đầu của bài."),
    "status": ("Trạng thái", ""),
    "plan": ("Kế hoạch", "Để trống: kế hoạch có hiệu lực vào ngày đăng."),
    "items": ("Nội dung tuyên truyền (mục của kế hoạch)", "Chọn một hoặc nhiều mục bài viết phục vụ."),
    "form": ("Hình thức tuyên truyền", "Để trống: hình thức mặc định của kế hoạch."),
    "unit": ("Đơn vị thực hiện", "Để trống: đơn vị mặc định của kế hoạch."),
    "image": ("Ảnh đại diện", "Ảnh ngang; hiện đầu bài, ở danh sách tin và khi chia sẻ."),
    "image_alt": ("Mô tả ảnh đại diện", "Cần điền khi có ảnh: ảnh cho thấy gì (đọc cho người khiếm thị)."),
    "documents": ("Văn bản liên quan", "Số, ký hiệu văn bản đã có trong thư viện, cách nhau bởi dấu phẩy."),
    "number": ("Số, ký hiệu", "Ví dụ 118/KH-KHCN"),
    "type": ("Loại văn bản", ""),
    "issuer": ("Cơ quan ban hành", ""),
    "signed": ("Ngày ban hành", ""),
    "effective": ("Ngày có hiệu lực", ""),
    "expires": ("Ngày hết hiệu lực", "Để trống nếu văn bản chưa hết hiệu lực."),
    "files": ("Tệp văn bản", "PDF, DOCX… tải lên thư mục files/."),
    "signer": ("Người ký", ""),
    "field": ("Lĩnh vực", ""),
    "body": ("Nội dung", ""),
}
# An activity's form (DESIGN.md contract 10): its own words where a post's would mislead.
ACTIVITY_LABELS = {
    **LABELS,
    "title": ("Tên hoạt động", "Ví dụ: Hội nghị giao ban quý I đánh giá kết quả cải cách hành chính."),
    "date": ("Ngày giờ diễn ra", "Giờ Việt Nam. Ngày này quyết định hoạt động được tính vào kỳ báo cáo nào."),
    "unit": ("Đơn vị thực hiện", "Đơn vị tổ chức hoặc thực hiện hoạt động."),
    "form": ("Hình thức tuyên truyền", "Hội nghị, sinh hoạt chi bộ, ấn phẩm… như kế hoạch liệt kê."),
    "plan": ("Kế hoạch", "Để trống: kế hoạch tính ngày diễn ra."),
    "items": ("Nội dung tuyên truyền (mục của kế hoạch)", "Chọn một hoặc nhiều mục hoạt động phục vụ."),
    "participants": ("Số người tham dự", "Số nguyên, ví dụ 45. Để trống nếu hình thức không đếm người."),
    "quantity": (
        "Số lượng",
        "Số nguyên, tùy hình thức: số bản in, số phản ánh đã xử lý, số người được khen thưởng…",
    ),
    "files": ("Tệp minh chứng", "Biên bản, giấy mời, ảnh, bản chụp… (PDF, Word, ảnh); lưu vào files/<năm>/."),
    "posts": ("Tin bài đưa tin", "Các tin bài đã đăng trên trang viết về hoạt động này."),
    "public": ("Hiện trên trang web", ""),
    "slug": ("Đường dẫn riêng", "Để trống: lấy từ tên hoạt động."),
    "body": ("Ghi chép của đơn vị", "Diễn biến, kết quả, kiến nghị… (không bắt buộc)."),
}
# A unit's period report to the Office (DESIGN.md contract 14).
UNIT_REPORT_LABELS = {
    "unit": (
        "Đơn vị báo cáo",
        "Chọn trước khi lưu lần đầu: tệp báo cáo mang tên đơn vị này.",
    ),
    "sent": (
        "Ngày gửi Văn phòng",
        "Để trống khi báo cáo còn đang soạn; điền ngày báo cáo đến Văn phòng khi đã gửi.",
    ),
    "signer": ("Người ký", "Họ tên và chức vụ người ký báo cáo, ví dụ: Nguyễn Văn A, Chánh Thanh tra."),
    "body": (
        "Nội dung báo cáo",
        (
            "Viết dưới năm mục có sẵn; mục nào không có gì thì để trống, không xóa hay đổi tên mục. "
            "Số tin bài, hoạt động của đơn vị được tính tự động, không cần chép vào đây."
        ),
    ),
}
UNIT_REPORT_ORDER = ("unit", "sent", "signer")
# A science and technology task (DESIGN.md contract 15).
TASK_LABELS = {
    "code": (
        "Mã số",
        "Mỗi nhiệm vụ một mã, không có dấu '/'; địa chỉ trang lấy từ mã. Ví dụ ĐT.KHCN.2019.05",
    ),
    "title": ("Tên nhiệm vụ", ""),
    "level": ("Cấp quản lý", ""),
    "field": ("Lĩnh vực", "Nhiệm vụ cùng lĩnh vực phải viết giống hệt nhau, ví dụ: Nông nghiệp."),
    "host": ("Tổ chức chủ trì", ""),
    "lead": ("Chủ nhiệm nhiệm vụ", ""),
    "start": ("Bắt đầu", "Tháng (2019-04) hoặc ngày (2019-04-15)."),
    "end": ("Kết thúc", "Tháng (2021-03) hoặc ngày (2021-03-31)."),
    "budget": ("Kinh phí (đồng)", "Số nguyên, ví dụ 1.480.000.000. Để trống nếu chưa duyệt."),
    "status": ("Tình trạng", ""),
    "acceptance": ("Quyết định công nhận kết quả", "Văn bản trong thư viện; chỉ khi đã nghiệm thu."),
    "rating": ("Xếp loại", "Khi nghiệm thu."),
    "documents": ("Văn bản liên quan", "Quyết định phê duyệt, giao nhiệm vụ…"),
    "posts": ("Tin bài về nhiệm vụ", "Các tin bài đã đăng viết về nhiệm vụ này."),
    "files": ("Tệp kết quả", "Báo cáo tóm tắt, sản phẩm… (PDF, Word); lưu vào files/nhiem-vu/."),
    "slug": ("Đường dẫn riêng", "Để trống: lấy từ mã số."),
    "body": ("Tóm tắt và kết quả", "Mục tiêu, nội dung, kết quả, địa chỉ ứng dụng."),
}
PUBLIC_LABELS = {
    "no": "Không: chỉ tính vào báo cáo, không có trang trên trang web",
    "yes": "Có: hoạt động có trang riêng trên trang web công khai",
}


def _field(key: str, required: bool, **widget: Any) -> Field:
    return _labelled(LABELS, key, required, widget)


def _labelled(labels: dict[str, tuple[str, str]], key: str, required: bool, widget: dict[str, Any]) -> Field:
    label, hint = labels[key]
    field: Field = {
        "name": key,
        "label": label,
        "required": required,
    }
    if hint:
        field["hint"] = hint
    field.update(widget or {"widget": "string"})
    return field


def _select(options: list[dict[str, str]], multiple: bool = False) -> dict[str, Any]:
    return {"widget": "select", "options": options, "multiple": multiple}


def _choices(plans: PlanSet, kind: str) -> list[dict[str, str]]:
    """A plan's forms or units, by id; a name that differs between plans shows every spelling."""
    names: dict[str, list[str]] = {}
    for plan in plans:
        for choice in getattr(plan, kind):
            spellings = names.setdefault(choice.id, [])
            if choice.name not in spellings:
                spellings.append(choice.name)
    return [{"label": " / ".join(spellings), "value": id} for id, spellings in names.items()]


def item_value(plan_id: str, number: int) -> str:
    """An item as the editor holds it: with its plan, "118/KH-KHCN: 1" (editor/portal-format.js
    writes the entry's own plan's items without it: `Items: 1, 4; 40/KH-KHCN: 2`)."""
    return f"{plan_id}: {number}"


def item_options(plans: PlanSet) -> list[dict[str, str]]:
    """Every item of every plan, the newest plans first (typing "Mục 1" finds this year's plan's
    item before 2020's), labelled with its number and title, and its plan's number when there are
    several plans (an entry may serve items of several)."""
    return [
        {
            "label": f"Mục {item.number}: {item.title}" + (f" ({plan.id})" if len(plans) > 1 else ""),
            "value": item_value(plan.id, item.number),
        }
        for plan in sorted(plans, key=lambda p: (p.start, p.id), reverse=True)
        for item in plan.items
    ]


def post_options(posts: Sequence[Post]) -> list[dict[str, str]]:
    """The posts an activity may name (published, hidden or scheduled: what the checker accepts),
    newest first, by slug (year/slug when posts of several years share it), labelled with their
    date and title."""
    named = [p for p in posts if p.status != "draft" and p.slug]
    shared = {slug for slug, count in Counter(p.slug for p in named).items() if count > 1}
    return [
        {
            "label": f"{post.date:%d/%m/%Y} · {post.title}",
            "value": f"{post.date:%Y}/{post.slug}" if post.slug in shared else post.slug,
        }
        for post in sorted(named, key=lambda p: p.date, reverse=True)
    ]


def document_options(documents: Sequence[Document]) -> list[dict[str, str]]:
    """The library's documents a post may name, newest first, by number (as `Documents:` names
    them), labelled with their number and title: typing "145" finds 145/QĐ-UBND."""
    ordered = sorted(documents, key=lambda d: (d.signed, d.number), reverse=True)
    return [{"label": f"{d.number} – {d.title}", "value": d.number} for d in ordered]


def post_fields(plans: PlanSet, documents: Sequence[Document] = ()) -> list[Field]:
    widgets: dict[str, dict[str, Any]] = {
        "documents": _select(document_options(documents), multiple=True) if documents else {},
        "modified": DATE_TIME,
        "summary": {"widget": "text"},
        "status": _select([{"label": STATUS_LABELS[s], "value": s} for s in STATUS_LABELS]),
        "plan": _select([{"label": f"{p.id} – {p.title}", "value": p.id} for p in plans]),
        "items": _select(item_options(plans), multiple=True),
        "form": _select(_choices(plans, "forms")),
        "unit": _select(_choices(plans, "units")),
        "date": {**DATE_TIME, "default": "{{now}}"},
        "image": {"widget": "image", **UPLOADS["image"], "choose_url": False},
    }
    fields = [_field(key, key in ("title", "date"), **widgets.get(key, {})) for key in POST_ORDER]
    return [*fields, _field("body", True, **BODY)]


def activity_fields(plans: PlanSet, posts: Sequence[Post]) -> list[Field]:
    """An activity's form: unit and form required (DESIGN.md contract 10), counts as numbers, the
    evidence uploaded under files/<year>/, the posts picked from the site's."""
    count = {"widget": "number", "value_type": "int", "min": 0}
    evidence = {
        "name": "file",
        "label": "Tệp",
        "widget": "file",
        **UPLOADS["evidence"],
        "choose_url": False,
    }
    widgets: dict[str, dict[str, Any]] = {
        "date": {**DATE_TIME, "default": "{{now}}"},
        "unit": _select(_choices(plans, "units")),
        "form": _select(_choices(plans, "forms")),
        "plan": _select([{"label": f"{p.id} – {p.title}", "value": p.id} for p in plans]),
        "items": _select(item_options(plans), multiple=True),
        "participants": count,
        "quantity": count,
        "files": {
            "widget": "list",
            "field": evidence,
            "label_singular": "tệp minh chứng",
            "collapsed": False,
        },
        "posts": _select(post_options(posts), multiple=True),
        "public": {
            **_select([{"label": label, "value": value} for value, label in PUBLIC_LABELS.items()]),
            "default": "no",
        },
    }
    required = {"title", "date", "unit", "form"}
    fields = [
        _labelled(ACTIVITY_LABELS, key, key in required, widgets.get(key, {})) for key in ACTIVITY_KEY_ORDER
    ]
    return [*fields, _labelled(ACTIVITY_LABELS, "body", False, BODY)]


def page_fields() -> list[Field]:
    widgets = {
        "date": DATE_TIME,
        "modified": DATE_TIME,
        "summary": {"widget": "text"},
        "status": _select([{"label": STATUS_LABELS[s], "value": s} for s in STATUS_LABELS]),
    }
    fields = [_field(key, key == "title", **widgets.get(key, {})) for key in PAGE_ORDER]
    return [*fields, _field("body", True, **BODY)]


def document_fields(types: Sequence[str]) -> list[Field]:
    widgets: dict[str, dict[str, Any]] = {
        "type": _select([{"label": t, "value": t} for t in types]),
        "signed": {**DAY, "default": "{{now}}"},
        "effective": DAY,
        "expires": DAY,
        "files": {"widget": "file", **UPLOADS["document"], "choose_url": False},
    }
    status = ("Tình trạng", "Để trống: theo ngày hết hiệu lực. Hoặc 'bị thay thế bởi <số văn bản>'.")
    fields = []
    for key in DOCUMENT_KEY_ORDER:
        if key == "status":
            field = _field("status", False)
            field["label"], field["hint"] = status
        else:
            field = _field(key, key in REQUIRED_KEYS, **widgets.get(key, {}))
        fields.append(field)
    return [*fields, _field("body", False, **BODY)]


def research_fields(posts: Sequence[Post] = (), documents: Sequence[Document] = ()) -> list[Field]:
    """A task's form: closed lists as select boxes, documents and posts picked from what exists."""
    options = document_options(documents)
    widgets: dict[str, dict[str, Any]] = {
        "level": _select([{"label": v[:1].upper() + v[1:], "value": v} for v in LEVELS]),
        "status": _select([{"label": v[:1].upper() + v[1:], "value": v} for v in TASK_STATUSES]),
        "rating": _select([{"label": v[:1].upper() + v[1:], "value": v} for v in RATINGS]),
        "start": {"widget": "string", "pattern": [PERIOD_PATTERN, "Tháng YYYY-MM hoặc ngày YYYY-MM-DD"]},
        "end": {"widget": "string", "pattern": [PERIOD_PATTERN, "Tháng YYYY-MM hoặc ngày YYYY-MM-DD"]},
        "acceptance": _select(options) if options else {},
        "documents": _select(options, multiple=True) if options else {},
        "posts": _select(post_options(posts), multiple=True) if posts else {},
        "files": {"widget": "file", **UPLOADS["task"], "choose_url": False},
    }
    fields = [
        _labelled(TASK_LABELS, key, key in TASK_REQUIRED, widgets.get(key, {})) for key in RESEARCH_KEY_ORDER
    ]
    return [*fields, _labelled(TASK_LABELS, "body", False, BODY)]


def unit_report_body() -> str:
    """A new report's text: the five sections' headings (portal.unit_reports.SECTIONS), empty."""
    return "\n\n".join(f"## {title}" for title in SECTIONS) + "\n"


def unit_report_fields(plan: Plan, period: ReportPeriod) -> list[Field]:
    """A unit's period report: the unit one of the plan's (required: it names the file), the day it
    reached the Office (empty while a draft), its signer, the five sections in the body."""
    unit_label, unit_hint = UNIT_REPORT_LABELS["unit"]
    sent_label, sent_hint = UNIT_REPORT_LABELS["sent"]
    labels = {
        **UNIT_REPORT_LABELS,
        "unit": (unit_label, f"{unit_hint} Văn phòng chọn «{plan.office.name}» cho ý kiến của mình."),
        "sent": (
            sent_label,
            (
                f"{sent_hint} Hạn các đơn vị gửi: {vn_date(period.unit_deadline)}; "
                f"Văn phòng tổng hợp: {vn_date(period.office_deadline)}."
            ),
        ),
    }
    widgets: dict[str, dict[str, Any]] = {
        "unit": _select([{"label": u.name, "value": u.id} for u in plan.units]),
        "sent": DAY,
    }
    fields = [_labelled(labels, key, key == "unit", widgets.get(key, {})) for key in UNIT_REPORT_ORDER]
    # Text only: the reports print it (no picture or attachment to carry), under the five headings.
    body = {
        "widget": "markdown",
        "editor_components": [],
        "buttons": ["bold", "italic", "heading-two", "bulleted-list", "numbered-list"],
        "default": unit_report_body(),
    }
    return [*fields, _labelled(labels, "body", False, body)]


def unit_report_collection_name(plan: Plan, period: ReportPeriod) -> str:
    """The collection of one plan's period: "bao-cao__118-kh-khcn-2020__6-thang" (slugs hold no
    '_', so no two plans and periods share a name)."""
    return f"{UNIT_REPORTS_FOLDER}__{plan.slug}__{period.slug}"


def unit_report_collections(plans: PlanSet) -> list[dict[str, Any]]:
    """One collection per plan and report period, newest plans first, each writing
    bao-cao/<plan slug>/<period slug>/<unit id>.md, where the checker reads it."""
    found = []
    for plan in sorted(plans, key=lambda p: (p.start, p.end), reverse=True):
        for period in plan.periods:
            found.append(
                {
                    **FILES,
                    "name": unit_report_collection_name(plan, period),
                    "label": f"Báo cáo đơn vị · {plan.id} · {period.id}",
                    "label_singular": "báo cáo đơn vị",
                    "description": (
                        f"{period.title} ({plan.id}): mỗi đơn vị một báo cáo gửi Văn phòng trước "
                        f"{vn_date(period.unit_deadline)}; Văn phòng báo cáo tổng hợp trước "
                        f"{vn_date(period.office_deadline)}. Nút «Tình hình báo cáo» cho biết đơn vị "
                        "nào đã gửi."
                    ),
                    "folder": f"{UNIT_REPORTS_FOLDER}/{plan.slug}/{period.slug}",
                    "identifier_field": "unit",
                    "slug": "{{unit}}",  # the file is the unit's id: bao-cao/…/thanh-tra.md
                    "summary": "{{unit}} · {{sent | default('chưa gửi')}}",
                    "sortable_fields": ["unit", "sent"],
                    "fields": unit_report_fields(plan, period),
                }
            )
    return found


# Every collection: Markdown files in the portal's own header format (editor/portal-format.js).
FILES = {"create": True, "format": "portal", "extension": "md"}
ACTIVITY_FOLDER = DEFAULT_FOLDERS.activities[0]
RESEARCH_FOLDER = DEFAULT_RESEARCH_PATHS[0]
PERIOD_PATTERN = r"^\d{4}-\d{2}(-\d{2})?$"


def collections(
    plans: PlanSet,
    document_types: Sequence[str],
    posts: Sequence[Post] = (),
    documents: Sequence[Document] = (),
) -> list[dict[str, Any]]:
    """Posts, activities, pages, documents, S&T tasks and the units' period reports, each with the fields the
    checker reads; `posts`: the site's, for an activity's pick-list of the posts that report on it;
    `documents`: the library's, for a post's pick-list of related documents."""
    return [
        {
            **FILES,
            **UPLOADS["body"],
            "name": "posts",
            "label": "Tin bài",
            "label_singular": "tin bài",
            "folder": DEFAULT_FOLDERS.posts[0],
            # As `invoke new` names a post: 2020-05-06-hoi-nghi-giao-ban.md
            "slug": "{{year}}-{{month}}-{{day}}-{{slug}}",
            "summary": "{{day}}/{{month}}/{{year}} · {{title}}",
            "sortable_fields": NEWEST_FIRST,
            "fields": post_fields(plans, documents),
        },
        {
            **FILES,
            **UPLOADS["body"],
            "name": "activities",
            "label": "Hoạt động",
            "label_singular": "hoạt động",
            "description": "Hội nghị, sinh hoạt chi bộ, ấn phẩm, phản ánh đã xử lý, khen thưởng… "
            "mà đơn vị đã làm theo kế hoạch, kèm minh chứng; được tính vào báo cáo.",
            "folder": ACTIVITY_FOLDER,
            # As `invoke new-activity` names one: 2020-05-06-hoi-nghi-giao-ban.md
            "slug": "{{year}}-{{month}}-{{day}}-{{slug}}",
            "summary": "{{day}}/{{month}}/{{year}} · {{title}}",
            "sortable_fields": NEWEST_FIRST,
            "fields": activity_fields(plans, posts),
        },
        {
            **FILES,
            **UPLOADS["body"],
            "name": "pages",
            "label": "Trang",
            "label_singular": "trang",
            "folder": "pages",
            "slug": "{{slug}}",
            "fields": page_fields(),
        },
        {
            **FILES,
            "name": "documents",
            "label": "Văn bản",
            "label_singular": "văn bản",
            "folder": DEFAULT_FOLDERS.documents[0],
            "identifier_field": "number",
            "slug": SIGNED_YEAR + "-{{slug}}",  # as the library's files are named: 2020-210-qd-khcn
            "summary": "{{number}} · {{title}}",
            "fields": document_fields(document_types),
        },
        {
            **FILES,
            "name": "research_tasks",
            "label": "Nhiệm vụ KH&CN",
            "label_singular": "nhiệm vụ",
            "description": "Chương trình, đề tài, dự án khoa học và công nghệ và kết quả nghiệm thu "
            "(Luật Tiếp cận thông tin 2016, Điều 19).",
            "folder": RESEARCH_FOLDER,
            "identifier_field": "code",
            "slug": "{{slug}}",
            "summary": "{{code}} · {{title}}",
            "fields": research_fields(posts, documents),
        },
        *unit_report_collections(plans),
    ]


def field_keys(fields: list[Field]) -> set[str]:
    """The header keys a collection's form writes (lower case, as the checker names them)."""
    return {f["name"].lower() for f in fields if f["name"] != "body"}


def editor_config(
    plans: PlanSet,
    document_types: Sequence[str],
    backend_url: str,
    posts: Sequence[Post] = (),
    documents: Sequence[Document] = (),
) -> dict[str, Any]:
    """Decap CMS's whole configuration, as `invoke edit` serves it on every start."""
    return {
        "backend": {
            "name": "proxy",
            "proxy_url": backend_url,
            "branch": "main",
            "commit_messages": COMMIT_MESSAGES,
        },
        "locale": "vi",
        "logo": {"src": "/admin/emblem.svg"},  # the site's own emblem on the login page
        "media_folder": "images",
        "public_folder": "images",
        "slug": SLUG,
        # The page's address on the preview comes with the checker's panel after each save
        # (Decap would guess it from the file name, not as Pelican makes it).
        "show_preview_links": False,
        "collections": collections(plans, document_types, posts, documents),
    }


_PICTURE_FIX = "viết mô tả ngắn trong ngoặc vuông"  # portal.body's fix for a picture without one
_LINE_OF_KEY = re.compile(r"dòng '([A-Za-z_]+):\s*([^']*)'")
_LINE_NAMED = re.compile(r"dòng ([A-Z][A-Za-z_]*)\b")
_QUOTED_LINE = re.compile(r"'([A-Z][A-Za-z_]*):\s*([^']*)'")
_EXAMPLE_LINE = re.compile(r"(ví dụ:? )([A-Z][A-Za-z_]*): ([^;,)]+)")


def form_labels(path: str) -> dict[str, tuple[str, str]]:
    """The labels of the form a file (relative to the content folder) is edited in."""
    if path.startswith(f"{UNIT_REPORTS_FOLDER}/"):
        return UNIT_REPORT_LABELS
    if path.startswith(f"{RESEARCH_FOLDER}/"):
        return TASK_LABELS
    return ACTIVITY_LABELS if path.startswith(f"{ACTIVITY_FOLDER}/") else LABELS


def field_label(key: str, labels: dict[str, tuple[str, str]] = LABELS) -> str | None:
    """The form's name for a header key (`image_alt` → `Mô tả ảnh đại diện`)."""
    return labels[key][0] if key in labels else None


def in_form_words(text: str, labels: dict[str, tuple[str, str]] = LABELS) -> str:
    """A checker's message or fix said in the form's words: "thêm dòng 'Image_alt: …'" becomes
    "điền ô «Mô tả ảnh đại diện»", "dòng 'Plan: 118/KH-KHCN'" "ô «Kế hoạch» (118/KH-KHCN)"."""

    def field(match: re.Match[str]) -> str:
        label = field_label(match[1].lower(), labels)
        if label is None:
            return match[0]
        value = match[2].strip()
        return f"ô «{label}»" + (f" ({value})" if value and value != "…" else "")

    if text.startswith(_PICTURE_FIX):  # a picture in the body: its own box in the editor
        return "bấm vào ảnh trong phần nội dung và điền ô «Mô tả ảnh»"

    def named(match: re.Match[str]) -> str:
        label = field_label(match[1].lower(), labels)
        return match[0] if label is None else f"ô «{label}»"

    def example(match: re.Match[str]) -> str:
        label = field_label(match[2].lower(), labels)
        return match[0] if label is None else f"{match[1]}{match[3]}"

    said = _LINE_OF_KEY.sub(field, text).replace("dòng này", "ô này")
    said = _LINE_NAMED.sub(named, said)  # "dòng Unit 'x' …": the box, its value as it was
    said = _QUOTED_LINE.sub(field, said)  # "'Image: images/2020/anh.jpg'": the box and its value
    said = _EXAMPLE_LINE.sub(example, said)  # "ví dụ: Date: 2020-02-10": the value alone
    return said.replace("thêm ô", "điền ô").replace("thêm hoặc sửa ô", "điền hoặc sửa ô")


def spellings(
    plans: PlanSet, posts: Sequence[Post] = (), documents: Sequence[Document] = ()
) -> dict[str, Any]:
    """For the editor's select boxes: every spelling the checker accepts (normalized as
    `portal.plans.normalize` compares) mapped to the option's value, so a hand-written
    `Items: cai-cach, 4`, `Unit: Văn phòng Sở` or `Public: có` opens selected instead of hidden.
    Items by plan (`{"118/KH-KHCN": {"cai-cach": "118/KH-KHCN: 1", …}}`): editor/portal-format.js
    reads an item written without its plan as the entry's own plan's. A form's or unit's spelling
    two plans resolve differently is left out: the entry's own plan decides it."""
    found: dict[str, dict[str, set[str]]] = {"form": {}, "unit": {}, "plan": {}}

    def add(field: str, names: Sequence[str], value: str) -> None:
        for name in names:
            found[field].setdefault(normalize(name), set()).add(value)

    items: dict[str, dict[str, str]] = {}
    for plan in plans:
        add("plan", (plan.id, plan.slug), plan.id)
        for item in plan.items:
            n = item.number
            names = (str(n), item.slug, f"mục {n}", f"muc {n}", f"item {n}")
            items.setdefault(plan.id, {}).update({normalize(name): item_value(plan.id, n) for name in names})
        for field, choices in (("form", plan.forms), ("unit", plan.units)):
            for choice in choices:
                add(field, (choice.id, choice.name), choice.id)
    said: dict[str, Any] = {
        field: {name: next(iter(values)) for name, values in names.items() if len(values) == 1}
        for field, names in found.items()
    }
    said["items"] = items
    said["public"] = {normalize(word): "yes" for word in YES} | {normalize(word): "no" for word in NO}
    said["posts"] = {normalize(o["value"]): o["value"] for o in post_options(posts)}
    said["documents"] = {normalize(d.number): d.number for d in documents}
    return said


def plan_days(plans: PlanSet) -> list[dict[str, Any]]:
    """What editor/portal-format.js needs to tell an entry's own plan as portal/posts.py does:
    each plan's names, the days it counts (its report periods) and the days it covers."""
    return [
        {
            "id": plan.id,
            "names": sorted({normalize(plan.id), normalize(plan.slug)}),
            "counts": [[start.isoformat(), end.isoformat()] for start, end in plan.spans],
            "covers": [plan.start.isoformat(), plan.end.isoformat()],
        }
        for plan in plans
    ]
