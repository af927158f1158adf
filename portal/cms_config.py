"""The web editor's collections (Decap CMS, issue 18), made from the project's own data.

Every field of a post, page and document comes from the key lists the checker reads
(`POST_KEYS`, `PAGE_KEYS`, `DOCUMENT_KEY_ORDER`), and every choice from the plans (items with
their number and title, forms and units with their Vietnamese names) and the document types,
so the editor's form can never offer what `check` refuses or miss what it accepts. Field names
are the checker's lower-case keys (`title`, `date`: the names Decap infers an entry's title and
date from); editor/portal-format.js spells them as files do. `body` is the text after the
header. Labels and hints are Vietnamese. `editor_config` adds what `invoke edit` serves: the
backend address, the Vietnamese interface, upload folders by year and safe file names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .documents import DOCUMENT_KEY_ORDER, REQUIRED_KEYS
from .plans import PlanSet, normalize

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
# files/<year it was signed>/van-ban/, named from files/ (`Files: 2020/van-ban/x.pdf`).
UPLOADS = {
    "image": {"media_folder": "/images/{{year}}", "public_folder": "images/{{year}}"},
    "body": {"media_folder": "/files/{{year}}", "public_folder": "files/{{year}}"},
    "document": {"media_folder": f"/files/{SIGNED_YEAR}/van-ban", "public_folder": f"{SIGNED_YEAR}/van-ban"},
}
# The body's own buttons for a picture and an attachment (editor/portal-editor.js) write them as
# the checker reads them: `![alt]({static}/images/2020/a.jpg)`, `[name]({static}/files/2020/b.pdf)`.
BODY = {"widget": "markdown", "editor_components": ["image", "portal-file"]}
# Uploaded names in lower-case ASCII with '-' (Decap applies this to entry and media names).
SLUG = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
STATUS_LABELS = {"published": "Đăng", "draft": "Bản nháp (không đăng)", "hidden": "Đăng nhưng không liệt kê"}

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


def _field(key: str, required: bool, **widget: Any) -> Field:
    label, hint = LABELS[key]
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


def item_options(plans: PlanSet) -> list[dict[str, str]]:
    """Every item number of every plan, labelled with its title; where plans title one number
    differently, each title with its plan's number (the post's plan decides which counts)."""
    titles: dict[int, list[tuple[str, str]]] = {}
    for plan in plans:
        for item in plan.items:
            titles.setdefault(item.number, []).append((plan.id, item.title))
    options = []
    for number in sorted(titles):
        distinct = {title for _, title in titles[number]}
        if len(distinct) == 1:
            label = f"Mục {number}: {titles[number][0][1]}"
        else:
            label = f"Mục {number}: " + "; ".join(f"{title} ({plan})" for plan, title in titles[number])
        options.append({"label": label, "value": str(number)})
    return options


def post_fields(plans: PlanSet) -> list[Field]:
    widgets: dict[str, dict[str, Any]] = {
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


# Every collection: Markdown files in the portal's own header format (editor/portal-format.js).
FILES = {"create": True, "format": "portal", "extension": "md"}


def collections(plans: PlanSet, document_types: Sequence[str]) -> list[dict[str, Any]]:
    """Posts, pages and documents, each with the fields the checker reads."""
    return [
        {
            **FILES,
            **UPLOADS["body"],
            "name": "posts",
            "label": "Tin bài",
            "label_singular": "tin bài",
            "folder": "posts",
            # As `invoke new` names a post: 2020-05-06-hoi-nghi-giao-ban.md
            "slug": "{{year}}-{{month}}-{{day}}-{{slug}}",
            "summary": "{{day}}/{{month}}/{{year}} · {{title}}",
            "sortable_fields": ["date", "title"],
            "fields": post_fields(plans),
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
            "folder": "van-ban",
            "identifier_field": "number",
            "slug": SIGNED_YEAR + "-{{slug}}",  # as the library's files are named: 2020-210-qd-khcn
            "summary": "{{number}} · {{title}}",
            "fields": document_fields(document_types),
        },
    ]


def field_keys(fields: list[Field]) -> set[str]:
    """The header keys a collection's form writes (lower case, as the checker names them)."""
    return {f["name"].lower() for f in fields if f["name"] != "body"}


def editor_config(plans: PlanSet, document_types: Sequence[str], backend_url: str) -> dict[str, Any]:
    """Decap CMS's whole configuration, as `invoke edit` serves it on every start."""
    return {
        "backend": {"name": "proxy", "proxy_url": backend_url, "branch": "main"},
        "locale": "vi",
        "logo": {"src": "/admin/emblem.svg"},  # the site's own emblem on the login page
        "media_folder": "images",
        "public_folder": "images",
        "slug": SLUG,
        # The page's address on the preview comes with the checker's panel after each save
        # (Decap would guess it from the file name, not as Pelican makes it).
        "show_preview_links": False,
        "collections": collections(plans, document_types),
    }


_PICTURE_FIX = "viết mô tả ngắn trong ngoặc vuông"  # portal.body's fix for a picture without one
_LINE_OF_KEY = re.compile(r"dòng '([A-Za-z_]+):\s*([^']*)'")


def field_label(key: str) -> str | None:
    """The form's name for a header key (`image_alt` → `Mô tả ảnh đại diện`)."""
    return LABELS[key][0] if key in LABELS else None


def in_form_words(text: str) -> str:
    """A checker's fix said in the form's words: "thêm dòng 'Image_alt: …'" becomes
    "điền ô «Mô tả ảnh đại diện»", "dòng 'Plan: 118/KH-KHCN'" "ô «Kế hoạch» (118/KH-KHCN)"."""

    def field(match: re.Match[str]) -> str:
        label = field_label(match[1].lower())
        if label is None:
            return match[0]
        value = match[2].strip()
        return f"ô «{label}»" + (f" ({value})" if value and value != "…" else "")

    if text.startswith(_PICTURE_FIX):  # a picture in the body: its own box in the editor
        return "bấm vào ảnh trong phần nội dung và điền ô «Mô tả ảnh»"
    said = _LINE_OF_KEY.sub(field, text).replace("dòng này", "ô này")
    return said.replace("thêm ô", "điền ô").replace("thêm hoặc sửa ô", "điền hoặc sửa ô")


def spellings(plans: PlanSet) -> dict[str, dict[str, str]]:
    """For the editor's select boxes: every spelling the checker accepts (normalized as
    `portal.plans.normalize` compares) mapped to the option's value, so a hand-written
    `Items: cai-cach, 4` or `Unit: Văn phòng Sở` opens selected instead of hidden. A spelling two
    plans resolve differently is left out: the post's own plan decides it."""
    found: dict[str, dict[str, set[str]]] = {"items": {}, "form": {}, "unit": {}, "plan": {}}

    def add(field: str, names: Sequence[str], value: str) -> None:
        for name in names:
            found[field].setdefault(normalize(name), set()).add(value)

    for plan in plans:
        add("plan", (plan.id, plan.slug), plan.id)
        for item in plan.items:
            number = str(item.number)
            add("items", (number, item.slug, f"mục {number}", f"muc {number}", f"item {number}"), number)
        for field, choices in (("form", plan.forms), ("unit", plan.units)):
            for choice in choices:
                add(field, (choice.id, choice.name), choice.id)
    return {
        field: {name: next(iter(values)) for name, values in names.items() if len(values) == 1}
        for field, names in found.items()
    }
