"""The evaluator's checklist: what the rules ask of the portal, and whether the site has it now.

The province scores agency portals against written rules: the Law on Access to Information 2016
(Art. 19), Decree 13/2018/NĐ-CP (Art. 3 and 11), Decree 42/2022/NĐ-CP (Art. 4 and 7) and Circular
26/2020/TT-BTTTT. Each `Requirement` below names its article, what it asks, how often it must be
renewed, and reads the checked site (`ContentCheck`, the settings, the public-information list,
the accessibility audit) to say met, stale or missing, with what to do. `invoke check
--compliance` prints the whole list; `invoke check` and every build warn of each entry not met,
once the site carries the department's data (co-quan/to-chuc.yml: an agency's portal).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .dates import vn_date
from .department import DEPARTMENT_FILE
from .problems import WARNING, Problem
from .public_information import CheckedSite, PublicInformation, public_information, setting
from .research import ACCEPTED, UNDER_WAY

MET, STALE, MISSING = "đạt", "cần cập nhật", "chưa có"
YEAR, YEAR_AND_GRACE = 366, 456  # days: reviewed yearly; a yearly report, filed by the next spring
QUARTER = 92  # days without a post after which the news is stale
AUDIT_FILE = "accessibility-audit.json"  # in the theme: the axe results of `invoke accessibility`
LAW_2016 = "Luật Tiếp cận thông tin 2016"
DECREE_13 = "Nghị định 13/2018/NĐ-CP"
DECREE_42 = "Nghị định 42/2022/NĐ-CP"
CIRCULAR_26 = "Thông tư 26/2020/TT-BTTTT"


@dataclass(frozen=True)
class Entry:
    key: str
    article: str
    what: str
    window: str  # how often it must be renewed
    state: str  # MET, STALE or MISSING
    detail: str  # what the site has
    fix: str  # what to do when not met
    where: str  # the file or folder the fix goes in, relative to the project

    @property
    def met(self) -> bool:
        return self.state == MET

    def as_problem(self, shown_dir: str) -> Problem:
        source = (
            self.where if self.where.startswith(("pelicanconf", "theme")) else f"{shown_dir}/{self.where}"
        )
        message = f"{self.article}: {self.what} — {self.state}" + (f" ({self.detail})" if self.detail else "")
        return Problem(source, None, message, self.fix, WARNING)


@dataclass(frozen=True)
class Audit:
    """The site's own automated accessibility results (`invoke accessibility`)."""

    date: dt.date
    tool: str
    standard: str
    theme: str  # the theme's fingerprint when audited
    widths: tuple[int, ...]
    pages: tuple[dict[str, Any], ...]  # {"name", "url", "violations": [{"id", "impact", "help", "width"}]}

    @property
    def violations(self) -> int:
        return sum(len(p["violations"]) for p in self.pages)


_FINGERPRINTS: dict[tuple[Any, ...], str] = {}


def theme_fingerprint(theme: Path) -> str:
    """Every file of the theme but the audit itself: an audit is of the theme it names. Read again
    only when a file's size or time changed (every check asks)."""
    files = sorted(p for p in theme.rglob("*") if p.is_file() and p.name != AUDIT_FILE)
    stamps = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    known = _FINGERPRINTS.get(stamps)
    if known is None:
        digest = hashlib.sha256()
        for path in files:
            digest.update(path.relative_to(theme).as_posix().encode() + b"\0" + path.read_bytes())
        known = _FINGERPRINTS[stamps] = digest.hexdigest()
    return known


def load_audit(theme: Path) -> Audit | None:
    try:
        data = json.loads((theme / AUDIT_FILE).read_text(encoding="utf-8"))
        return Audit(
            date=dt.date.fromisoformat(data["date"]),
            tool=str(data["tool"]),
            standard=str(data["standard"]),
            theme=str(data["theme"]),
            widths=tuple(int(w) for w in data["widths"]),
            pages=tuple(data["pages"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


class _Site:
    """What the rules are checked against, read once."""

    def __init__(self, check: CheckedSite, settings: dict[str, Any], today: dt.date):
        self.check, self.settings, self.today = check, settings, today
        self.department = check.department
        self.information = {e.key: e for e in public_information(check, settings, today)}
        self.theme = Path(settings.get("THEME", "theme"))
        self.audit = load_audit(self.theme)

    def no_department(self) -> tuple[str, str, str]:
        """Why the department's data is not there: no file, or a file whose errors `check` names."""
        if DEPARTMENT_FILE in self.check.files:
            return (
                MISSING,
                f"tệp {DEPARTMENT_FILE} có lỗi nên chưa đọc được",
                "sửa các lỗi `invoke check` nêu ở tệp này (không cần lập lại tệp)",
            )
        return (
            MISSING,
            f"chưa có tệp {DEPARTMENT_FILE}",
            f"Văn phòng Sở lập tệp content/{DEPARTMENT_FILE} theo mẫu",
        )

    def info(self, key: str) -> PublicInformation | None:
        return self.information.get(key)

    def template_has(self, name: str, marker: str) -> bool:
        try:
            return marker in (self.theme / "templates" / name).read_text(encoding="utf-8")
        except OSError:
            return False

    def age(self, day: dt.date | None) -> int | None:
        return None if day is None else (self.today - day).days


Rule = Callable[[_Site], tuple[str, str, str]]  # (state, detail, fix)


def _dated(
    site: _Site, key: str, window: int, noun: str, missing_fix: str, stale_fix: str
) -> tuple[str, str, str]:
    entry = site.info(key)
    if entry is None:
        return MISSING, f"trang chưa có {noun}", missing_fix
    detail = (
        f"{entry.count} {noun}, mới nhất ngày {vn_date(entry.updated)}"
        if entry.updated
        else f"{entry.count} {noun}"
    )
    age = site.age(entry.updated)
    if age is not None and age > window:
        return STALE, detail + f", đã {age} ngày", stale_fix
    return MET, detail, ""


def _functions(site: _Site) -> tuple[str, str, str]:
    department = site.department
    if department is None:
        return site.no_department()
    if not (department.functions and department.duties):
        return (
            MISSING,
            "chưa ghi chức năng, nhiệm vụ",
            f"ghi 'functions' và 'duties' trong content/{DEPARTMENT_FILE}",
        )
    detail = (
        f"{len(department.duties)} nhiệm vụ, {len(department.fields)} lĩnh vực; "
        f"rà soát ngày {vn_date(department.updated)}"
    )
    if (site.age(department.updated) or 0) > YEAR:
        return STALE, detail, f"rà soát lại content/{DEPARTMENT_FILE} và sửa 'updated' thành ngày rà soát"
    return MET, detail, ""


def _organisation(site: _Site) -> tuple[str, str, str]:
    department = site.department
    if department is None:
        return site.no_department()
    if not department.units:
        return MISSING, "chưa có danh sách đơn vị", f"ghi 'units' trong content/{DEPARTMENT_FILE}"
    headless = [u.name for u in department.units if u.head is None]
    detail = f"{len(department.units)} đơn vị trong {len(department.groups)} khối"
    if headless:
        return (
            STALE,
            detail + "; chưa ghi người đứng đầu: " + ", ".join(headless),
            "ghi 'head' và 'head_role' cho các đơn vị đó",
        )
    return MET, detail, ""


def _leaders(site: _Site) -> tuple[str, str, str]:
    department = site.department
    if department is None:
        return site.no_department()
    if not department.leaders:
        return MISSING, "chưa có danh sách lãnh đạo Sở", f"ghi 'leaders' trong content/{DEPARTMENT_FILE}"
    unassigned = [p.name for p in department.leaders if not p.areas]
    detail = f"{len(department.leaders)} lãnh đạo"
    if unassigned:
        return (
            STALE,
            detail + "; chưa ghi lĩnh vực phụ trách: " + ", ".join(unassigned),
            "ghi 'areas' cho từng lãnh đạo",
        )
    return MET, detail, ""


def _contacts(site: _Site) -> tuple[str, str, str]:
    agency = site.settings.get("DEPARTMENT", {})
    lacking = [
        label
        for key, label in (("address", "địa chỉ"), ("phone", "điện thoại"), ("email", "thư điện tử"))
        if not agency.get(key)
    ]
    if lacking:
        return MISSING, "thiếu " + ", ".join(lacking) + " của Sở", "ghi vào DEPARTMENT trong pelicanconf.py"
    department = site.department
    if department is None:
        return site.no_department()
    if department.contact is None:
        return (
            MISSING,
            "chưa có người đầu mối",
            f"ghi 'contact' (họ tên, chức vụ, điện thoại) trong content/{DEPARTMENT_FILE}",
        )
    return MET, f"người đầu mối: {department.contact.name}, {department.contact.role}", ""


def _documents(site: _Site) -> tuple[str, str, str]:
    return _dated(
        site,
        "van-ban",
        YEAR,
        "văn bản",
        "đăng văn bản vào content/van-ban/ (mỗi văn bản một tệp)",
        "đăng các văn bản Sở ban hành gần đây vào content/van-ban/",
    )


def _news(site: _Site) -> tuple[str, str, str]:
    return _dated(
        site,
        "tin-tuc",
        QUARTER,
        "tin bài",
        "đăng tin hoạt động, tuyên truyền chính sách, pháp luật: invoke new hoặc trình soạn thảo",
        "đăng tin hoạt động mới của Sở (một quý chưa có tin nào)",
    )


def _related(site: _Site) -> tuple[str, str, str]:
    links = site.settings.get("RELATED_LINKS") or []
    if links:
        return MET, f"{len(links)} liên kết ở chân trang: " + ", ".join(label for label, _ in links), ""
    return (
        MISSING,
        "chưa liên kết tới cơ quan liên quan",
        "thêm RELATED_LINKS (UBND tỉnh, Bộ KH&CN…) vào pelicanconf.py",
    )


def _plans(site: _Site) -> tuple[str, str, str]:
    plans = site.check.plans
    if not plans:
        return MISSING, "chưa có kế hoạch nào", "Văn phòng Sở lập kế hoạch: invoke plan-new"
    current = plans.covering(site.today)
    detail = f"{len(plans)} kế hoạch, có trang kết quả thực hiện"
    if not current:
        latest = max(plans, key=lambda p: p.end)
        return (
            STALE,
            detail + f"; kế hoạch mới nhất ({latest.id}) hết hạn ngày {vn_date(latest.end)}",
            f"lập kế hoạch năm {site.today.year}: invoke plan-new --id <số hiệu> --year {site.today.year}",
        )
    return MET, detail + "; đang áp dụng: " + ", ".join(p.id for p in current), ""


def _finance(site: _Site) -> tuple[str, str, str]:
    fields = " hoặc ".join(f"'Field: {f}'" for f in setting(site.settings, "FINANCE_FIELDS"))
    return _dated(
        site,
        "tai-chinh",
        YEAR_AND_GRACE,
        "văn bản tài chính",
        f"đăng quyết định công khai dự toán, quyết toán, báo cáo tài chính vào content/van-ban/ với {fields}",
        f"đăng báo cáo tài chính, công khai quyết toán năm {site.today.year - 1} ({fields})",
    )


def _statistics(site: _Site) -> tuple[str, str, str]:
    fields = " hoặc ".join(f"'Field: {f}'" for f in setting(site.settings, "STATISTICS_FIELDS"))
    return _dated(
        site,
        "thong-ke",
        YEAR_AND_GRACE,
        "báo cáo thống kê",
        f"đăng báo cáo thống kê ngành vào content/van-ban/ với {fields}",
        f"đăng báo cáo thống kê năm {site.today.year - 1} ({fields})",
    )


def _tasks(site: _Site) -> tuple[str, str, str]:
    tasks = site.check.research_tasks
    if not tasks:
        return (
            MISSING,
            "chưa có nhiệm vụ nào",
            "đăng danh mục nhiệm vụ KH&CN vào content/nhiem-vu/ (mỗi nhiệm vụ một tệp)",
        )
    late = [t.code for t in tasks if t.status == UNDER_WAY and t.end < site.today]
    unproven = [t.code for t in tasks if t.status == ACCEPTED and t.acceptance is None]
    accepted = sum(t.status == ACCEPTED for t in tasks)
    detail = f"{len(tasks)} nhiệm vụ, {accepted} đã nghiệm thu"
    if late or unproven:
        parts = ([f"quá hạn mà vẫn ghi đang thực hiện: {', '.join(late)}"] if late else []) + (
            [f"nghiệm thu chưa có quyết định: {', '.join(unproven)}"] if unproven else []
        )
        return STALE, detail + "; " + "; ".join(parts), "cập nhật Status, Acceptance của các nhiệm vụ đó"
    return MET, detail, ""


def _information_list(site: _Site) -> tuple[str, str, str]:
    if "information_access" not in site.settings.get("PLUGINS", []):
        return MISSING, "chưa bật chuyên mục", "thêm 'information_access' vào PLUGINS trong pelicanconf.py"
    if site.department is None:
        return site.no_department()
    if site.info("tiep-can-thong-tin") is None:
        return (
            MISSING,
            "chưa có thông tin tiếp cận trong dữ liệu cơ quan",
            f"ghi 'information_access' trong content/{DEPARTMENT_FILE}",
        )
    return MET, f"{len(site.information)} mục, tự cập nhật mỗi lần đăng", ""


def _access_section(site: _Site) -> tuple[str, str, str]:
    department = site.department
    if department is None:
        return site.no_department()
    access = department.access
    if access is None or not access.forms:
        return (
            MISSING,
            "chưa có phiếu yêu cầu cung cấp thông tin",
            f"ghi 'information_access' và 'forms' trong content/{DEPARTMENT_FILE}",
        )
    if department.contact is None:
        return (
            MISSING,
            "chưa có người đầu mối tiếp nhận yêu cầu",
            f"ghi 'contact' trong content/{DEPARTMENT_FILE}",
        )
    return (
        MET,
        (
            f"{len(access.forms)} phiếu yêu cầu, cách thức, người đầu mối, "
            f"trả lời trong {access.answer_days} ngày làm việc"
        ),
        "",
    )


def _english(site: _Site) -> tuple[str, str, str]:
    if not (site.settings.get("ENGLISH_URL") and "english" in site.settings.get("DIRECT_TEMPLATES", [])):
        return (
            MISSING,
            "chưa có trang tiếng Anh",
            "thêm 'english' vào DIRECT_TEMPLATES và ENGLISH_URL trong pelicanconf.py",
        )
    department = site.department
    if department is None:
        return site.no_department()
    unnamed = [u.name for u in department.units if not u.name_en]
    if unnamed or not department.fields_en:
        what = ("chưa có tên tiếng Anh: " + ", ".join(unnamed)) if unnamed else "chưa có 'fields_en'"
        return STALE, what, f"ghi 'name_en' của đơn vị và 'fields_en' trong content/{DEPARTMENT_FILE}"
    return MET, f"tổ chức, {len(department.fields_en)} lĩnh vực, {len(department.units)} đơn vị, liên hệ", ""


def _search(site: _Site) -> tuple[str, str, str]:
    if site.settings.get("SEARCH_INDEX") and "search" in site.settings.get("DIRECT_TEMPLATES", []):
        return MET, "tìm tin bài, văn bản, nhiệm vụ, trang; gõ có dấu hay không dấu", ""
    return MISSING, "chưa bật tìm kiếm", "đặt SEARCH_INDEX = True và thêm 'search' vào DIRECT_TEMPLATES"


def _print(site: _Site) -> tuple[str, str, str]:
    if site.template_has("article.html", "data-print"):
        return MET, "nút «In bài», «Lưu thành PDF» ở mỗi tin bài", ""
    return (
        MISSING,
        "giao diện không có nút in, lưu",
        "thêm nút in (data-print) vào theme/templates/article.html",
    )


def _public_services(site: _Site) -> tuple[str, str, str]:
    links = [e for e in site.information.values() if e.key.startswith("dich-vu-cong:")]
    if links:
        return MET, "liên kết: " + ", ".join(e.url for e in links), ""
    return (
        MISSING,
        "chưa liên kết Cổng Dịch vụ công",
        "thêm Cổng Dịch vụ công tỉnh vào QUICK_LINKS trong pelicanconf.py",
    )


def _accessibility(site: _Site) -> tuple[str, str, str]:
    audit = site.audit
    if audit is None:
        return MISSING, "chưa có kết quả kiểm tra tự động", "chạy: invoke accessibility (rồi đăng lại)"
    detail = f"kiểm tra ngày {vn_date(audit.date)}, {len(audit.pages)} loại trang, {audit.violations} lỗi"
    if audit.violations:
        return STALE, detail, "sửa giao diện cho hết lỗi rồi chạy lại invoke accessibility"
    if audit.theme != theme_fingerprint(site.theme):
        return STALE, detail + "; giao diện đã đổi sau lần kiểm tra", "chạy lại: invoke accessibility"
    if (site.age(audit.date) or 0) > YEAR:
        return STALE, detail, "chạy lại: invoke accessibility"
    return MET, detail, ""


# (key, article, what, update window, rule, where the fix goes)
REQUIREMENTS: tuple[tuple[str, str, str, str, Rule, str], ...] = (
    (
        "chuc-nang",
        f"{DECREE_42}, Điều 4",
        "Chức năng, nhiệm vụ, quyền hạn",
        "khi thay đổi; rà soát hằng năm",
        _functions,
        DEPARTMENT_FILE,
    ),
    (
        "co-cau",
        f"{DECREE_42}, Điều 4",
        "Sơ đồ, cơ cấu tổ chức và người đứng đầu các đơn vị",
        "khi thay đổi",
        _organisation,
        DEPARTMENT_FILE,
    ),
    (
        "lanh-dao",
        f"{DECREE_42}, Điều 4",
        "Lãnh đạo Sở và lĩnh vực phụ trách",
        "khi thay đổi",
        _leaders,
        DEPARTMENT_FILE,
    ),
    (
        "lien-he",
        f"{DECREE_42}, Điều 4",
        "Thông tin liên hệ và người đầu mối",
        "khi thay đổi",
        _contacts,
        DEPARTMENT_FILE,
    ),
    (
        "van-ban",
        f"{DECREE_42}, Điều 4",
        "Văn bản: loại, cơ quan, số ký hiệu, ngày, trích yếu, tệp tải về",
        "khi ban hành",
        _documents,
        "van-ban",
    ),
    (
        "ke-hoach",
        f"{DECREE_42}, Điều 4",
        "Chương trình, kế hoạch và kết quả thực hiện",
        "hằng năm",
        _plans,
        "plans",
    ),
    (
        "tin-tuc",
        f"{DECREE_42}, Điều 4",
        "Tin hoạt động; tuyên truyền, phổ biến chính sách, pháp luật",
        "thường xuyên (ít nhất mỗi quý)",
        _news,
        "posts",
    ),
    (
        "tai-chinh",
        f"{DECREE_42}, Điều 4",
        "Báo cáo tài chính năm, công khai dự toán, quyết toán",
        "hằng năm",
        _finance,
        "van-ban",
    ),
    ("thong-ke", f"{DECREE_42}, Điều 4", "Số liệu thống kê ngành", "hằng năm", _statistics, "van-ban"),
    (
        "nhiem-vu",
        f"{LAW_2016}, Điều 19 khoản 1 điểm e",
        "Danh mục và kết quả chương trình, đề tài, dự án KH&CN",
        "khi phê duyệt, nghiệm thu",
        _tasks,
        "nhiem-vu",
    ),
    (
        "danh-muc",
        f"{LAW_2016}, Điều 19 khoản 1 điểm g",
        "Danh mục thông tin phải công khai (nơi đăng, hình thức, thời điểm)",
        "sau mỗi thay đổi",
        _information_list,
        DEPARTMENT_FILE,
    ),
    (
        "tiep-can",
        f"{DECREE_13}, Điều 11",
        "Chuyên mục Tiếp cận thông tin: phiếu yêu cầu, cách thức, người đầu mối",
        "khi thay đổi",
        _access_section,
        DEPARTMENT_FILE,
    ),
    (
        "dich-vu-cong",
        f"{DECREE_42}, Điều 4",
        "Thủ tục hành chính, dịch vụ công trực tuyến (liên kết Cổng Dịch vụ công)",
        "thường xuyên",
        _public_services,
        "pelicanconf.py",
    ),
    (
        "tieng-anh",
        f"{DECREE_42}, Điều 7",
        "Tổ chức, chức năng, liên hệ bằng tiếng Anh",
        "khi thay đổi",
        _english,
        DEPARTMENT_FILE,
    ),
    (
        "lien-ket",
        f"{DECREE_42}, Điều 7",
        "Liên kết tới cổng thông tin của cơ quan liên quan",
        "khi thay đổi",
        _related,
        "pelicanconf.py",
    ),
    (
        "tim-kiem",
        f"{DECREE_42}, Điều 7",
        "Tìm kiếm tin bài và văn bản",
        "thường xuyên",
        _search,
        "pelicanconf.py",
    ),
    (
        "in-luu",
        f"{DECREE_42}, Điều 7",
        "In và lưu mỗi tin bài",
        "thường xuyên",
        _print,
        "theme/templates/article.html",
    ),
    (
        "nguoi-khuyet-tat",
        f"{DECREE_13}, Điều 3; {CIRCULAR_26}",
        "Hỗ trợ người khuyết tật (WCAG 2.1 AA) và tuyên bố khả năng tiếp cận",
        "mỗi lần đổi giao diện; hằng năm",
        _accessibility,
        f"theme/{AUDIT_FILE}",
    ),
)


def checklist(check: CheckedSite, settings: dict[str, Any], today: dt.date) -> list[Entry]:
    site = _Site(check, settings, today)
    entries = []
    for key, article, what, window, rule, where in REQUIREMENTS:
        state, detail, fix = rule(site)
        entries.append(Entry(key, article, what, window, state, detail, fix, where))
    return entries


def compliance_warnings(
    check: CheckedSite, settings: dict[str, Any], today: dt.date, shown_dir: str
) -> list[Problem]:
    """A warning for each entry not met, on an agency's portal (one with the department's data)."""
    if check.department is None:
        return []
    return [e.as_problem(shown_dir) for e in checklist(check, settings, today) if not e.met]


STATE_MARKS = {MET: "[đạt]", STALE: "[cần cập nhật]", MISSING: "[chưa có]"}


def format_checklist(entries: list[Entry], today: dt.date) -> str:
    """The checklist as `invoke check --compliance` prints it: each entry with its article, state,
    what the site has and, when not met, what to do."""
    lines = [f"Danh mục kiểm tra theo quy định về trang thông tin điện tử (ngày {vn_date(today)}):"]
    for number, entry in enumerate(entries, 1):
        lines.append(f"{number:2}. {STATE_MARKS[entry.state]} {entry.what} — {entry.article}")
        lines.append(
            f"    Cập nhật: {entry.window}." + (f" Hiện có: {entry.detail}." if entry.detail else "")
        )
        if entry.fix:
            lines.append(f"    Cần làm: {entry.fix} ({entry.where})")
    met = sum(e.met for e in entries)
    stale = sum(e.state == STALE for e in entries)
    lines.append(f"{met}/{len(entries)} mục đạt, {stale} cần cập nhật, {len(entries) - met - stale} chưa có.")
    return "\n".join(lines)
