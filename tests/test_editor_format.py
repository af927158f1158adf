"""The web editor's file format (editor/portal-format.js, run by Node): every sample file opened
and saved unchanged comes back byte for byte, and what the editor changes is written as the
checker reads it."""

import json
import re
import subprocess

import pytest
from conftest import ROOT
from several_plans import add_plans

from builder.settings import load_settings
from portal.checker import check_content
from portal.cms_config import plan_days, spellings
from portal.posts import PAGE_KEYS, POST_KEYS, parse_header, read_text

EDITOR = ROOT / "editor"


def node(script: str, *args: str) -> str:
    result = subprocess.run(
        ["node", "--input-type=module", "-e", script, *args],
        cwd=EDITOR,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_every_sample_file_round_trips_byte_for_byte():
    files = sorted(
        str(p)
        for folder in ("posts", "pages", "van-ban", "hoat-dong")
        for p in (ROOT / "content" / folder).glob("*.md")
    )
    result = subprocess.run(
        ["node", "roundtrip.mjs", *files], cwd=EDITOR, capture_output=True, text=True, check=True
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(files) >= 30
    assert [r["path"] for r in rows if not r["same"]] == []
    post = next(
        r
        for r in rows
        if r["path"].endswith("2020-05-06-hoi-nghi-giao-ban-quy-i-danh-gia-ket-qua-cai-cach-hanh-chinh.md")
    )
    assert post["fields"]["items"] == ["1", "4"] and post["fields"]["date"] == "2020-05-06 08:00"


def test_what_the_editor_changes_is_written_as_the_checker_reads_it(content):
    post = content.post(
        "a", "Nội dung cũ.", Title="Tin một", Date="2020-03-01 08:00", Items="1,4", Unit="van-phong"
    )
    edited = node(
        """
        import { readFileSync } from "node:fs";
        import { fromFile, toFile } from "./portal-format.js";
        const data = fromFile(readFileSync(process.argv[1], "utf8"));
        data.items = ["1", "4", "6"];          // changed: canonical form
        data.unit = "";                        // emptied: the key goes
        data.form = "hoi-nghi-giao-ban";       // new: after the keys already there
        data.body = "Nội dung mới.\\n";
        process.stdout.write(toFile(data));
        """,
        str(post),
    )
    assert edited == (
        "Title: Tin một\nDate: 2020-03-01 08:00\nItems: 1, 4, 6\nForm: hoi-nghi-giao-ban\n\nNội dung mới.\n"
    )
    post.write_text(edited, encoding="utf-8")
    check = check_content(content.path, load_settings(content.path))
    assert check.errors == []
    [read] = check.posts
    assert [i.number for i in read.items] == [1, 4, 6] and read.form.id == "hoi-nghi-giao-ban"


def test_a_hand_written_header_opens_as_the_checker_reads_it(content):
    """A continued line, Windows line ends and a byte-order mark: unchanged, the same bytes; the
    fields hold what the checker reads; a changed continued value is written on one line."""
    text = (
        "\ufeffTitle: Hội nghị tổng kết\r\nSummary: Tóm tắt dài\r\n    viết tiếp dòng sau\r\n"
        "Date: 2020-03-01 08:00\r\nItems: 1,4\r\n\r\nNội dung.\r\n"
    )
    post = content.post("a")
    post.write_bytes(text.encode("utf-8"))
    result = node(
        """
        import { readFileSync } from "node:fs";
        import { fromFile, toFile } from "./portal-format.js";
        const text = readFileSync(process.argv[1], "utf8");
        const data = fromFile(text);
        const same = toFile(data) === text;
        const fields = { summary: data.summary, items: data.items };
        data.summary = "Tóm tắt mới\\n\\n  viết trên hai dòng";
        process.stdout.write(JSON.stringify({ same, fields, edited: toFile(data) }));
        """,
        str(post),
    )
    answer = json.loads(result)
    assert answer["same"] is True
    check = check_content(content.path, load_settings(content.path))
    [read] = check.posts
    assert answer["fields"] == {"summary": read.summary, "items": ["1", "4"]}
    assert answer["edited"].split("\r\n")[1:3] == [
        "Summary: Tóm tắt mới viết trên hai dòng",  # a header value is one line
        "Date: 2020-03-01 08:00",
    ]


TRICKY = {
    "duplicate key": "Title: Một\nTitle: Hai\nDate: 2020-03-01 08:00\n\nx\n",
    "empty values": "Title: Một\nSummary:\nDate: 2020-03-01 08:00\nItems:\n\nx\n",
    "leading blank line": "\nTitle: Một\nDate: 2020-03-01 08:00\n\nx\n",
    "lone carriage returns": "Title: Một\rDate: 2020-03-01 08:00\r\rx\r",
    "line separator in a value": "Title: Một\u2028hai\nDate: 2020-03-01 08:00\n\nx\n",
    "items with semicolons": "Title: Một\nDate: 2020-03-01 08:00\nItems: 1; 4\n\nx\n",
    "a key named like the body": "Title: Một\nBody: lạ\nDate: 2020-03-01 08:00\n\nx\n",
    "no body": "Title: Một\nDate: 2020-03-01 08:00",
}


@pytest.mark.parametrize("name", TRICKY)
def test_a_tricky_hand_written_header_comes_back_unchanged_and_reads_as_the_checker_reads_it(content, name):
    post = content.post("a")
    post.write_bytes(TRICKY[name].encode("utf-8"))
    answer = json.loads(
        node(
            """
            import { readFileSync } from "node:fs";
            import { fromFile, toFile } from "./portal-format.js";
            const text = readFileSync(process.argv[1], "utf8");
            const data = fromFile(text);
            const same = toFile(data) === text;
            process.stdout.write(JSON.stringify({ same, title: data.title, items: data.items }));
            """,
            str(post),
        )
    )
    assert answer["same"] is True
    text, _ = read_text(post, "a.md")
    header, _ = parse_header(text, "a.md", POST_KEYS | PAGE_KEYS)
    assert answer["title"] == header.values.get("title")
    assert answer.get("items", []) == [
        t.strip() for t in re.split(r"[,;]", header.values.get("items", "")) if t.strip()
    ]


def test_spellings_the_checker_accepts_open_as_the_select_boxes_options(content):
    """`Items: <slug>; Mục 4` and a unit by its name show as the boxes' options; saved untouched,
    the lines stay as typed; touched, they are written as the options' values."""
    plans = check_content(content.path, load_settings(content.path)).plans
    first = plans[0].items[0]
    unit = plans[0].units[0]
    text = f"Title: Một\nDate: 2020-03-01 08:00\nItems: {first.slug}; Mục 4\nUnit: {unit.name.upper()}\n\nx\n"
    post = content.post("a")
    post.write_text(text, encoding="utf-8")
    answer = json.loads(
        node(
            """
            import { readFileSync } from "node:fs";
            import { fromFile, toFile, withSpellings } from "./portal-format.js";
            const text = readFileSync(process.argv[1], "utf8");
            const plans = JSON.parse(process.argv[3]);
            const data = withSpellings(fromFile(text), JSON.parse(process.argv[2]), plans);
            const shown = { items: data.items, unit: data.unit, same: toFile(data, [], plans) === text };
            data.items = [...data.items, "118/KH-KHCN: 6"];
            process.stdout.write(JSON.stringify({ ...shown, edited: toFile(data, [], plans) }));
            """,
            str(post),
            json.dumps(spellings(plans)),
            json.dumps(plan_days(plans)),
        )
    )
    assert answer["items"] == [f"118/KH-KHCN: {first.number}", "118/KH-KHCN: 4"] and answer["unit"] == unit.id
    assert answer["same"] is True
    assert f"Items: {first.number}, 4, 6\n" in answer["edited"]  # the post's own plan's: no plan named
    assert f"Unit: {unit.name.upper()}\n" in answer["edited"]  # untouched: as typed


SEVERAL_PLANS = """
import { readFileSync } from "node:fs";
import { fromFile, toFile, withSpellings } from "./portal-format.js";
const [spellings, plans] = [JSON.parse(process.argv[1]), JSON.parse(process.argv[2])];
const open = (path) => withSpellings(fromFile(readFileSync(path, "utf8")), spellings, plans);
const order = ["title", "date", "unit", "form", "plan", "items", "participants", "public"];
const answer = {};
// A new activity whose form holds items of two plans that both count its day.
answer.fresh = toFile(
  {
    title: "Hội nghị chung", date: "2020-05-06 08:00", unit: "van-phong", form: "hoi-nghi-giao-ban",
    items: ["118/KH-KHCN: 1", "40/KH-KHCN: 2", "118/KH-KHCN: 4"], participants: 45, public: "no", body: "",
  },
  order,
  plans,
);
// A file written by hand: items of two plans, then items without a plan (the date's plan).
const mixed = open(process.argv[3]);
const typed = readFileSync(process.argv[3], "utf8");
answer.mixed = { items: mixed.items, same: toFile(mixed, order, plans) === typed };
const later = open(process.argv[4]);
answer.later = { items: [...later.items] };
later.items = [...later.items, "25/KH-KHCN: 6"];
answer.later.added = toFile(later, order, plans);
later.items = later.items.slice(0, 2);
later.date = "2020-06-01 08:00"; // another plan's day: its items keep their plan, written out
answer.later.moved = toFile(later, order, plans);
process.stdout.write(JSON.stringify(answer));
"""


def test_items_of_several_plans_are_one_line_with_each_plan_apart(content):
    """The form holds one value per item with its plan; the file says the entry's own plan's items
    as they are and another plan's after its number, in the `PLAN: n, n; PLAN: n` shape
    `check` reads; an item never changes plan because the date did."""
    add_plans(content)  # 118 and 40/KH-KHCN both count 2020's days; 25/KH-KHCN counts 2021's
    mixed = content.write(
        "hoat-dong/mixed.md",
        "Title: Tay\nDate: 2020-05-06\nUnit: van-phong\nForm: hoi-nghi-giao-ban\n"
        "Items: 118/kh-khcn: 1,van-ban-thu-tuc-hanh-chinh-dich-vu-cong; 40/KH-KHCN: Mục 2\n\n",
    )
    later = content.write(
        "hoat-dong/later.md",
        "Title: Sau\nDate: 2021-03-01 08:00\nUnit: van-phong\nForm: trang-ttdt\nItems: 1, 4\n",
    )
    plans = check_content(content.path, load_settings(content.path)).plans
    answer = json.loads(
        node(
            SEVERAL_PLANS,
            json.dumps(spellings(plans)),
            json.dumps(plan_days(plans)),
            str(mixed),
            str(later),
        )
    )
    assert answer["fresh"] == (
        "Title: Hội nghị chung\nDate: 2020-05-06 08:00\nUnit: van-phong\nForm: hoi-nghi-giao-ban\n"
        "Items: 118/KH-KHCN: 1, 4; 40/KH-KHCN: 2\nParticipants: 45\nPublic: no\n\n"
    )
    assert answer["mixed"] == {
        "items": ["118/KH-KHCN: 1", "118/KH-KHCN: 5", "40/KH-KHCN: 2"],
        "same": True,
    }
    assert answer["later"]["items"] == ["25/KH-KHCN: 1", "25/KH-KHCN: 4"]
    assert "\nItems: 1, 4, 6\n" in answer["later"]["added"]  # its own plan's: as it was written
    assert "\nItems: 25/KH-KHCN: 1, 4\n" in answer["later"]["moved"]

    content.write("hoat-dong/fresh.md", answer["fresh"])
    content.write("hoat-dong/later.md", answer["later"]["added"])
    check = check_content(content.path, load_settings(content.path))
    assert check.errors == []
    tags = {a.title: {t.plan.id: [i.number for i in t.items] for t in a.tags} for a in check.activities}
    assert tags["Hội nghị chung"] == {"118/KH-KHCN": [1, 4], "40/KH-KHCN": [2]}
    assert tags["Sau"] == {"25/KH-KHCN": [1, 4, 6]}
    content.write("hoat-dong/later.md", answer["later"]["moved"])
    [moved] = check_content(content.path, load_settings(content.path)).errors
    assert "nằm ngoài thời gian của kế hoạch 25/KH-KHCN" in moved.message  # said, not counted elsewhere


NOT_YET = """
import { fromFile, toFile, withSpellings } from "./portal-format.js";
const [spellings, plans] = [JSON.parse(process.argv[1]), JSON.parse(process.argv[2])];
const order = ["title", "date", "items", "form", "unit", "status"];
const post = {
  title: "Tin năm mới", date: "2022-02-03 08:00", items: ["25/KH-KHCN: 1", "25/KH-KHCN: 4"],
  form: "trang-ttdt", unit: "van-phong", status: "draft", body: "Nội dung.\\n",
};
const written = toFile(post, order, plans);
const reopened = withSpellings(fromFile(written), spellings, plans);
process.stdout.write(JSON.stringify({ written, items: reopened.items }));
"""


def test_items_chosen_in_a_year_whose_plan_is_not_made_yet_count_once_it_is(content):
    """Issue 27: in 2022 no plan is made yet; the form offers the plans there are. Items of the
    plan ending last are written without it, so the checker only warns (a draft is saved with
    every line) and 2022's plan, once the Office makes it, counts them; reopened, the form shows
    them as chosen."""
    add_plans(content)  # 25/KH-KHCN ends 31/12/2021, the last
    plans = check_content(content.path, load_settings(content.path)).plans
    answer = json.loads(node(NOT_YET, json.dumps(spellings(plans)), json.dumps(plan_days(plans))))
    assert "\nItems: 1, 4\n" in answer["written"]
    assert answer["items"] == ["25/KH-KHCN: 1", "25/KH-KHCN: 4"]
    content.write("posts/nam-moi.md", answer["written"])
    check = check_content(content.path, load_settings(content.path))
    assert check.errors == []
    [warning] = [w for w in check.warnings if w.path.endswith("nam-moi.md")]
    assert "chưa có kế hoạch nào cho ngày 03/02/2022" in warning.message
    assert "invoke plan-new --id <số hiệu> --year 2022" in warning.fix
