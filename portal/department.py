"""The department as data: `<content>/co-quan/to-chuc.yml`.

Decree 42/2022/NĐ-CP, Art. 4, asks an agency's portal for its functions and duties, organisation
chart, leaders, contacts and a named contact official; Decree 13/2018/NĐ-CP, Art. 11, for a
section on access to information with the request forms and who answers requests. All of it is
one YAML file the Office keeps (read as plans are: `portal.plans.load_yaml_file`), so a new unit,
leader or field (since 1 March 2025 the department also covers post, telecommunications, IT and
digital transformation) is an edit there, never code. This module turns it into a `Department`,
with every problem and its line.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .content_files import ContentTree
from .documents import listed_files
from .plans import keyed_problem, load_yaml_file
from .problems import Problem
from .slugs import ascii_slug

DEPARTMENT_FILE = "co-quan/to-chuc.yml"
DEPARTMENT_KEYS = {
    "updated",
    "functions",
    "duties",
    "fields",
    "fields_en",
    "leaders",
    "units",
    "contact",
    "information_access",
}
PERSON_KEYS = {"name", "role", "areas", "phone", "email"}
UNIT_KEYS = {"id", "name", "name_en", "group", "head", "head_role", "phone", "email", "address", "duties"}
CONTACT_KEYS = {"name", "role", "unit", "phone", "email"}
ACCESS_KEYS = {"place", "hours", "procedure", "forms", "answer_days"}
FORM_KEYS = {"title", "file"}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9 +().-]{6,20}$")
# Law on Access to Information 2016, Art. 28: an answer within 10 working days (more for a
# complex request); the department may promise fewer.
DEFAULT_ANSWER_DAYS = 10


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    areas: str = ""  # a leader's areas of responsibility (phân công phụ trách)
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Unit:
    id: str  # as plans name units (Unit: van-phong)
    name: str
    name_en: str
    group: str  # Văn phòng, Thanh tra; Phòng chuyên môn; Đơn vị trực thuộc: the chart's rows
    head: Person | None
    phone: str
    email: str
    address: str
    duties: str


@dataclass(frozen=True)
class RequestForm:
    title: str
    file: str  # relative to the content folder: files/…


@dataclass(frozen=True)
class InformationAccess:
    place: str  # where a request is handed in
    hours: str
    procedure: str  # Markdown: how to ask, what happens next
    forms: tuple[RequestForm, ...]
    answer_days: int


@dataclass(frozen=True)
class Department:
    source: str  # as shown in problems
    updated: dt.date
    functions: str
    duties: tuple[str, ...]
    fields: tuple[str, ...]
    fields_en: tuple[str, ...]
    leaders: tuple[Person, ...]
    units: tuple[Unit, ...]
    contact: Person | None
    contact_unit: Unit | None
    access: InformationAccess | None
    lines: dict[str, int] = field(default_factory=dict, compare=False)

    @property
    def groups(self) -> list[tuple[str, list[Unit]]]:
        """The units by group, groups in the order the file first names them: the chart's rows."""
        grouped: dict[str, list[Unit]] = {}
        for unit in self.units:
            grouped.setdefault(unit.group, []).append(unit)
        return list(grouped.items())

    @property
    def director(self) -> Person | None:
        return self.leaders[0] if self.leaders else None

    @property
    def deputies(self) -> tuple[Person, ...]:
        return self.leaders[1:]


class _DepartmentReader:
    def __init__(self, shown: str, tree: ContentTree, settings: dict[str, Any]):
        self.shown, self.tree, self.settings = shown, tree, settings
        self.problems: list[Problem] = []

    def problem(self, where: Any, key: str, message: str, fix: str = "") -> None:
        self.problems.append(keyed_problem(self.shown, where, key, message, fix))

    def mapping(self, value: Any, where: Any, key: str, allowed: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.problem(
                where, key, "phải là một bảng 'khóa: giá trị'", "xem mẫu trong content/co-quan/to-chuc.yml"
            )
            return {}
        for unknown in sorted(set(value) - allowed):
            self.problem(value, unknown, "không có khóa này", "các khóa: " + ", ".join(sorted(allowed)))
        return value

    def entries(self, data: dict[str, Any], key: str, required: bool = True) -> list[Any]:
        value = data.get(key)
        if value is None or value == []:
            if required:
                self.problem(data, key, "thiếu hoặc để trống", f"thêm danh sách '{key}:' (xem mẫu)")
            return []
        if not isinstance(value, list):
            self.problem(data, key, "phải là một danh sách, mỗi mục bắt đầu bằng '- '")
            return []
        return value

    def text(self, data: dict[str, Any], key: str, required: bool = True, multiline: bool = False) -> str:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(data, key, "thiếu hoặc để trống", f"thêm dòng '{key}: …'")
            return ""
        if not isinstance(value, str):  # YAML reads 0243456701 as an octal number, `yes` as true
            self.problem(
                data,
                key,
                f"giá trị được đọc thành {value!r}, không phải chữ"
                if isinstance(value, (int, float, bool))
                else "phải là chữ",
                f'đặt giá trị trong ngoặc kép, ví dụ {key}: "…"',
            )
            return ""
        text = unicodedata.normalize("NFC", value.strip())
        return text if multiline else " ".join(text.split())

    def texts(self, data: dict[str, Any], key: str, required: bool = True) -> tuple[str, ...]:
        found = []
        for entry in self.entries(data, key, required):
            if isinstance(entry, str) and entry.strip():
                found.append(" ".join(unicodedata.normalize("NFC", entry).split()))
            else:
                self.problem(data, key, "mỗi mục phải là một dòng chữ")
        return tuple(found)

    def contacts(self, data: dict[str, Any]) -> tuple[str, str]:
        phone, email = self.text(data, "phone", required=False), self.text(data, "email", required=False)
        if phone and not _PHONE.match(phone):
            self.problem(data, "phone", f"số điện thoại '{phone}' không hợp lệ", "ví dụ: 0212 3852 218")
        if email and not _EMAIL.match(email):
            self.problem(
                data, "email", f"thư điện tử '{email}' không hợp lệ", "ví dụ: vanphong.sokhcn@sonla.gov.vn"
            )
        return phone, email

    def person(self, value: Any, where: Any, key: str, allowed: set[str] = PERSON_KEYS) -> Person | None:
        data = self.mapping(value, where, key, allowed)
        return self.person_of(data) if data else None

    def person_of(self, data: dict[str, Any]) -> Person | None:
        name, role = self.text(data, "name"), self.text(data, "role")
        phone, email = self.contacts(data)
        if not (name and role):
            return None
        return Person(name, role, self.text(data, "areas", required=False), phone, email)

    def unit(self, value: Any, where: Any) -> Unit | None:
        data = self.mapping(value, where, "units", UNIT_KEYS)
        if not data:
            return None
        unit_id, name, group = self.text(data, "id"), self.text(data, "name"), self.text(data, "group")
        if unit_id and not _ID.match(unit_id):
            self.problem(
                data,
                "id",
                f"mã đơn vị '{unit_id}' không hợp lệ",
                f"viết '{ascii_slug(unit_id) or 'van-phong'}' "
                "(chữ thường không dấu, số và '-', như trong kế hoạch)",
            )
        head_name = self.text(data, "head", required=False)
        head_role = self.text(data, "head_role", required=bool(head_name))
        phone, email = self.contacts(data)
        if not (unit_id and name and group):
            return None
        return Unit(
            id=unit_id,
            name=name,
            name_en=self.text(data, "name_en", required=False),
            group=group,
            head=Person(head_name, head_role) if head_name and head_role else None,
            phone=phone,
            email=email,
            address=self.text(data, "address", required=False),
            duties=self.text(data, "duties", required=False),
        )

    def access(self, value: Any, where: Any) -> InformationAccess | None:
        data = self.mapping(value, where, "information_access", ACCESS_KEYS)
        if not data:
            return None
        forms = []
        for entry in self.entries(data, "forms"):
            form = self.mapping(entry, data, "forms", FORM_KEYS)
            if not form:
                continue
            title, name = self.text(form, "title"), self.text(form, "file")
            found, problems = listed_files(name, self.tree, self.settings) if name else ((), [])
            for message, fix in problems:  # as a document's Files: under files/, published, safe
                self.problem(form, "file", message, fix)
            if len(found) > 1:
                self.problem(
                    form, "file", "mỗi phiếu một tệp", "tách thành nhiều phiếu, mỗi phiếu một dòng 'file:'"
                )
            elif title and found:
                forms.append(RequestForm(title, found[0]))
        days = data.get("answer_days", DEFAULT_ANSWER_DAYS)
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= DEFAULT_ANSWER_DAYS:
            self.problem(
                data,
                "answer_days",
                f"số ngày trả lời phải từ 1 đến {DEFAULT_ANSWER_DAYS}",
                "Luật Tiếp cận thông tin 2016, Điều 28",
            )
            days = DEFAULT_ANSWER_DAYS
        return InformationAccess(
            place=self.text(data, "place"),
            hours=self.text(data, "hours"),
            procedure=self.text(data, "procedure", multiline=True),
            forms=tuple(forms),
            answer_days=days,
        )

    def read(self, data: Any) -> Department | None:
        if not isinstance(data, dict):
            self.problems.append(
                Problem(
                    self.shown,
                    1,
                    "tệp trống" if data is None else "tệp không phải một bảng 'khóa: giá trị'",
                    "ghi thông tin cơ quan theo mẫu (docs/huong-dan-bien-tap.md, mục 15)",
                )
            )
            return None
        for unknown in sorted(set(data) - DEPARTMENT_KEYS):
            self.problem(
                data, unknown, "không có khóa này", "các khóa: " + ", ".join(sorted(DEPARTMENT_KEYS))
            )
        updated = data.get("updated")
        if not isinstance(updated, dt.date) or isinstance(updated, dt.datetime):
            self.problem(
                data,
                "updated",
                "phải là ngày YYYY-MM-DD: ngày rà soát các thông tin này lần cuối",
                "ví dụ: updated: 2026-11-30",
            )
            updated = None
        leaders = [p for p in (self.person(v, data, "leaders") for v in self.entries(data, "leaders")) if p]
        units = [u for u in (self.unit(v, data) for v in self.entries(data, "units")) if u]
        seen: set[str] = set()
        for unit in units:
            if unit.id in seen:
                self.problem(data, "units", f"mã đơn vị '{unit.id}' dùng hai lần", "mỗi đơn vị một mã riêng")
            seen.add(unit.id)
        contact, contact_unit = None, None
        if "contact" in data:
            contact_data = self.mapping(data["contact"], data, "contact", CONTACT_KEYS)
            contact = self.person_of(contact_data) if contact_data else None
            unit_id = self.text(contact_data, "unit", required=False) if contact_data else ""
            contact_unit = next((u for u in units if u.id == unit_id), None)
            if unit_id and contact_unit is None:
                self.problem(
                    contact_data,
                    "unit",
                    f"không có đơn vị '{unit_id}' trong danh sách units",
                    "ghi mã một đơn vị ở trên",
                )
            if contact and not (contact.phone or contact.email):
                self.problem(
                    contact_data,
                    "phone",
                    "người đầu mối cần điện thoại hoặc thư điện tử",
                    "thêm 'phone:' hoặc 'email:'",
                )
        access = self.access(data["information_access"], data) if "information_access" in data else None
        department = Department(
            source=self.shown,
            updated=updated or dt.date.min,
            functions=self.text(data, "functions", multiline=True),
            duties=self.texts(data, "duties"),
            fields=self.texts(data, "fields"),
            fields_en=self.texts(data, "fields_en", required=False),
            leaders=tuple(leaders),
            units=tuple(units),
            contact=contact,
            contact_unit=contact_unit,
            access=access,
            lines=dict(getattr(data, "key_lines", {})),
        )
        return None if any(p.is_error for p in self.problems) else department


def load_department(
    root: Path, shown_dir: str, tree: ContentTree, settings: dict[str, Any]
) -> tuple[Department | None, list[Problem]]:
    """The department's data, or None when the file is absent (a site not set up as an agency's
    portal yet) or has errors; and every problem found."""
    folder = DEPARTMENT_FILE.split("/", maxsplit=1)[0]
    others = [
        Problem(
            f"{shown_dir}/{relative}",
            None,
            "tệp này không được đọc: thông tin cơ quan chỉ ghi trong một tệp",
            f"chuyển nội dung vào {shown_dir}/{DEPARTMENT_FILE} rồi xóa tệp này",
        )
        for relative in tree.under([folder])
        if relative != DEPARTMENT_FILE
    ]
    if not tree.has(DEPARTMENT_FILE):
        return None, others
    shown = f"{shown_dir}/{DEPARTMENT_FILE}"
    data, problems = load_yaml_file(root / DEPARTMENT_FILE, shown, "tệp dữ liệu cơ quan")
    if data is None and problems:  # unreadable; an empty file is the reader's to name
        return None, others + problems
    reader = _DepartmentReader(shown, tree, settings)
    department = reader.read(data)
    return department, others + problems + reader.problems
