"""The list of information the department makes public, made from what the site holds.

The Law on Access to Information 2016, Art. 19(1)(g), asks an agency's portal for the list of the
information it makes public, each entry with where, in what form and when; Decree 13/2018/NĐ-CP,
Art. 11, puts it first in the "Tiếp cận thông tin" section. Written by hand, such a list goes stale
the day a section is added; here it is computed on every check and build from the checked content
(`ContentCheck`) and the settings, so it always equals the site. The evaluator's checklist
(`portal.compliance`) reads the same entries.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from .activities import Activity
from .dates import LOCAL_TZ
from .department import Department
from .documents import Document, DocumentIndex, facet_slug
from .plans import PlanSet
from .posts import Post
from .research import ResearchTask
from .urls import document_filter_url, url_setting


class SitePage(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def slug(self) -> str: ...
    @property
    def status(self) -> str: ...


class CheckedSite(Protocol):
    """What the list and the checklist read of a checked site (portal.checker.ContentCheck), named
    here so that neither imports the checker that runs them."""

    @property
    def department(self) -> Department | None: ...
    @property
    def documents(self) -> DocumentIndex: ...
    @property
    def plans(self) -> PlanSet: ...
    @property
    def research_tasks(self) -> list[ResearchTask]: ...
    @property
    def activities(self) -> list[Activity]: ...
    @property
    def pages(self) -> Sequence[SitePage]: ...
    @property
    def files(self) -> frozenset[str]: ...
    def published_posts(self) -> list[Post]: ...


# Document fields (`Field:` of a document) the list and the checklist read as the financial report
# (budget estimates and final accounts) and as the sector's statistics: settings FINANCE_FIELDS and
# STATISTICS_FIELDS.
DEFAULT_FINANCE_FIELDS = ("Tài chính",)
DEFAULT_STATISTICS_FIELDS = ("Thống kê",)
DEFAULTS: dict[str, Any] = {
    "FINANCE_FIELDS": list(DEFAULT_FINANCE_FIELDS),
    "STATISTICS_FIELDS": list(DEFAULT_STATISTICS_FIELDS),
}
WEB = "Trang web (HTML)"
WEB_AND_FILES = "Trang web (HTML); toàn văn tải về (PDF, Word…)"
ALWAYS = "Thường xuyên; cập nhật khi có thay đổi"


@dataclass(frozen=True)
class PublicInformation:
    key: str  # stable, for the checklist: "to-chuc", "van-ban", "tai-chinh"…
    title: str  # what is made public
    url: str  # site-relative, or an absolute address off the site (the public-service portal)
    form: str  # in what form
    updated: dt.date | None  # when: the newest item's date (None: nothing dated)
    count: int | None  # how many items, where they can be counted
    keeps: str  # how long it stays public

    @property
    def external(self) -> bool:
        return "://" in self.url


def setting(settings: dict[str, Any], key: str) -> Any:
    return settings.get(key, DEFAULTS.get(key))


def documents_of_fields(documents: list[Document], fields: list[str]) -> list[Document]:
    wanted = {unicodedata.normalize("NFC", f).casefold() for f in fields}
    return [d for d in documents if d.field.casefold() in wanted]


def _newest(days: list[dt.date]) -> dt.date | None:
    return max(days, default=None)


def public_information(
    check: CheckedSite, settings: dict[str, Any], today: dt.date
) -> list[PublicInformation]:
    """Every kind of information the site publishes, in the order an evaluator reads them; a kind
    the site holds nothing of is left out (the checklist says what is missing). A task proposed
    for next year is dated by what has happened to it by today."""
    entries = _Entries()
    add = entries.add
    department = check.department
    if department is not None:
        add(
            "to-chuc",
            "Chức năng, nhiệm vụ, quyền hạn; cơ cấu tổ chức; lãnh đạo; thông tin liên hệ, người đầu mối",
            url_setting(settings, "DEPARTMENT_URL"),
            WEB,
            [department.updated],
            None,
            ALWAYS,
        )
    documents = check.documents.documents
    if documents:
        add(
            "van-ban",
            "Văn bản quy phạm pháp luật, văn bản chỉ đạo, điều hành, kế hoạch",
            settings.get("DOCUMENTS_URL", "van-ban/"),
            WEB_AND_FILES,
            [d.signed for d in documents],
            len(documents),
            "Thường xuyên; văn bản hết hiệu lực vẫn được lưu, ghi rõ tình trạng",
        )
    plans = list(check.plans)
    if plans:
        add(
            "ke-hoach",
            "Chương trình, kế hoạch và kết quả thực hiện",
            settings.get("PLANS_URL", "ke-hoach/"),
            WEB,
            [p.date or p.start for p in plans],
            len(plans),
            "Thường xuyên; kết quả cập nhật theo từng tin, bài và hoạt động",
        )
    for key, title, fields_key in (
        ("tai-chinh", "Dự toán, quyết toán ngân sách, báo cáo tài chính năm", "FINANCE_FIELDS"),
        ("thong-ke", "Số liệu thống kê ngành khoa học và công nghệ", "STATISTICS_FIELDS"),
    ):
        fields = list(setting(settings, fields_key))
        found = documents_of_fields(documents, fields)
        if found:
            url = document_filter_url("linh-vuc", facet_slug(found[0].field), settings)
            add(
                key,
                title,
                url,
                WEB_AND_FILES,
                [d.signed for d in found],
                len(found),
                "Hằng năm; lưu các năm trước",
            )
    tasks = check.research_tasks
    if tasks:
        days = [t.acceptance.signed if t.acceptance else t.start for t in tasks]
        days = [d for d in days if d <= today]
        add(
            "nhiem-vu",
            "Danh mục và kết quả chương trình, đề tài, dự án khoa học và công nghệ",
            url_setting(settings, "RESEARCH_TASKS_URL"),
            WEB_AND_FILES,
            days,
            len(tasks),
            "Thường xuyên; cập nhật khi nhiệm vụ được phê duyệt, nghiệm thu",
        )
    published = check.published_posts()
    if published:
        add(
            "tin-tuc",
            "Tin tức, hoạt động của Sở; tuyên truyền, phổ biến chính sách, pháp luật",
            settings.get("INDEX_URL", "tin-tuc/"),
            WEB,
            [p.date.astimezone(LOCAL_TZ).date() for p in published],
            len(published),
            "Thường xuyên; lưu trữ theo năm, tháng",
        )
    shown_activities = [a for a in check.activities if a.public]
    if shown_activities:
        add(
            "hoat-dong",
            "Hoạt động tuyên truyền của các đơn vị (hội nghị, sinh hoạt chuyên đề, ấn phẩm)",
            settings.get("ACTIVITIES_URL", "hoat-dong/"),
            WEB_AND_FILES,
            [a.date.astimezone(LOCAL_TZ).date() for a in shown_activities],
            len(shown_activities),
            "Thường xuyên",
        )
    _site_entries(check, settings, entries)
    return list(entries)


class _Entries(list[PublicInformation]):
    def add(
        self, key: str, title: str, url: str, form: str, days: list[dt.date], count: int | None, keeps: str
    ) -> None:
        self.append(PublicInformation(key, title, url, form, _newest(days), count, keeps))


def _site_entries(check: CheckedSite, settings: dict[str, Any], entries: _Entries) -> None:
    """What the site offers besides its content: the public-service portal, its pages, the English
    page, and last the section this list opens."""
    add, department = entries.add, check.department
    for label, url, _ in settings.get("QUICK_LINKS", []):
        if "://" in url and "dịch vụ công" in label.casefold():  # the public-service portals
            add(
                f"dich-vu-cong:{url}",
                f"Thủ tục hành chính, dịch vụ công trực tuyến: {label}",
                url,
                "Liên kết",
                [],
                None,
                ALWAYS,
            )
    for page in sorted(check.pages, key=lambda p: p.title):
        if page.status == "published":  # a hidden page is in no list
            add(
                f"trang:{page.slug}",
                page.title,
                settings["PAGE_URL"].format(slug=page.slug),
                WEB,
                [],
                None,
                ALWAYS,
            )
    if settings.get("ENGLISH_URL") and "english" in settings.get("DIRECT_TEMPLATES", []):
        add(
            "tieng-anh",
            "Thông tin bằng tiếng Anh: tổ chức, chức năng, liên hệ (About the Department)",
            settings["ENGLISH_URL"],
            WEB,
            [department.updated] if department else [],
            None,
            ALWAYS,
        )
    if department is not None and department.access is not None:
        add(
            "tiep-can-thong-tin",
            "Danh mục thông tin công khai; phiếu yêu cầu cung cấp thông tin; người đầu mối",
            url_setting(settings, "INFORMATION_ACCESS_URL"),
            WEB_AND_FILES,
            [e.updated for e in entries if e.updated],
            None,
            "Thường xuyên; danh mục tự cập nhật mỗi lần đăng",
        )
