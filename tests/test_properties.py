"""Property tests at unit level: random plan YAML and random post headers give problems, never a
traceback; what the checker accepts, the Markdown reader reads with the same values."""

import random
import shutil
import tempfile
from pathlib import Path, PurePosixPath

import yaml
from conftest import PLAN_118
from hypothesis import HealthCheck, assume, example, given, settings, strategies as st

from builder.settings import load_settings
from portal.checker import check_content
from portal.plans import PLAN_KEYS, load_plans
from portal.posts import PAGE_KEYS, POST_KEYS, RESERVED_KEYS, parse_header

PLAN_TEXT = PLAN_118.read_text(encoding="utf-8")
FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = (
    st.text(max_size=20)
    | st.integers()
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.none()
    | st.dates()
    | st.just("../../x")
    | st.just("=1+1")
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(sorted(PLAN_KEYS)) | st.text(max_size=6), inner, max_size=5)
    ),
    max_leaves=30,
)
yaml_noise = st.text(
    alphabet=st.sampled_from(list("abc:- \n\t[]{}&*!|>'\"#?,%@`\\0123456789\x0b\x85é")), max_size=300
)


def load_text(text: str):
    directory = Path(tempfile.mkdtemp())
    try:
        (directory / "ke-hoach.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
        plans, problems = load_plans(directory, "plans")
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    assert all(p.path == "plans/ke-hoach.yml" and p.message for p in problems)
    assert not (plans and any(p.is_error for p in problems))  # a plan with errors is never used
    return plans, problems


@FAST
@given(document=documents)
def test_random_plan_structures_give_problems_not_tracebacks(document):
    load_text(yaml.safe_dump(document, allow_unicode=True))


@FAST
@given(text=yaml_noise)
def test_random_yaml_text_gives_problems_not_tracebacks(text):
    load_text(text)


@FAST
@given(
    seed=st.integers(0, 2**32),
    edits=st.integers(1, 6),
    insert=st.sampled_from(
        [
            "&a ",
            "*a",
            "? ",
            "!!binary ",
            "[",
            "]",
            "{",
            ": ",
            "\t",
            "'",
            '"',
            "9" * 40,
            "\\x0b",
            "- ",
            "<<: ",
            "../",
            "\n  ",
            "#",
        ]
    ),
)
def test_damaged_copies_of_the_real_plan_give_problems_not_tracebacks(seed, edits, insert):
    chooser = random.Random(seed)
    text = PLAN_TEXT
    for _ in range(edits):
        at = chooser.randrange(len(text))
        text = text[:at] + insert + text[at + chooser.randrange(3) :]
    load_text(text)


KEYS = st.sampled_from(sorted(POST_KEYS | RESERVED_KEYS | {"Tiêu đề", "x y", "Title ", "documents"}))
VALUES = st.text(max_size=30) | st.sampled_from(
    [
        "2020-03-01 08:00",
        "2020-02-30",
        "01/03/2020",
        "1, 4",
        "Mục 1",
        "9",
        "van-phong",
        "draft",
        "118/KH-KHCN",
        "../../x",
        "=1+1",
        "",
    ]
)


@FAST
@given(
    lines=st.lists(st.tuples(KEYS, st.sampled_from([": ", " : ", ":", ":\t"]), VALUES), max_size=8),
    continuation=st.booleans(),
    blank_first=st.booleans(),
    body=st.text(max_size=200),
)
def test_random_post_headers_are_checked_without_tracebacks(lines, continuation, blank_first, body):
    header = "\n".join(f"{k}{sep}{v}".replace("\n", " ") for k, sep, v in lines)
    if continuation:
        header += "\n    tiếp theo"
    text = ("\n" if blank_first else "") + header + "\n\n" + body
    root = Path(tempfile.mkdtemp())
    try:
        (root / "posts").mkdir()
        (root / "plans").mkdir()
        shutil.copy(PLAN_118, root / "plans")
        (root / "posts" / "p.md").write_text(text, encoding="utf-8", errors="surrogatepass")
        result = check_content(root, load_settings(root), shown_dir="content")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    assert all(p.path.startswith("content/") and p.message for p in result.problems)
    if not result.errors:
        (post,) = result.posts
        # The reader takes its metadata from the same parse: the values the checker accepted.
        parsed, _ = parse_header(text.replace("\r\n", "\n"), "p.md", POST_KEYS | PAGE_KEYS)
        assert parsed.values.get("title") == post.title


names = st.text(alphabet=st.sampled_from("ab.xPDFpdf/_-ảĐ"), max_size=14)


@given(relative=names)
def test_fast_publishing_rule_equals_pathlib(relative):
    """The checker's one-pass file rule says what `Path(…).suffix` says, for any name."""
    from portal.content_files import publishing_rule

    settings = {"STATIC_PATHS": ["images", "files/"], "STATIC_FILE_TYPES": ["pdf", "JPG", "x"]}
    for prefix in ("files/", "images/a/", "posts/"):
        path = prefix + relative
        # A listed file's path has no empty, "." or trailing part; pathlib would tidy those away.
        assume(str(PurePosixPath(path)) == path)
        expected = path.startswith(("images/", "files/")) and Path(path).suffix.lower().lstrip(".") in {
            "pdf",
            "jpg",
            "x",
        }
        assert publishing_rule(settings)(path) == expected


@given(
    name=names, patterns=st.lists(st.sampled_from([".*", "*.bak", "a?", "[ab]*", "*/x*", "đ*"]), max_size=3)
)
def test_ignored_equals_fnmatch(name, patterns):
    import fnmatch

    from portal.content_files import ignored

    expected = any(fnmatch.fnmatch(name, p.rsplit("/", 1)[-1]) for p in patterns)
    assert ignored(name, patterns) == expected


# Paths a content folder may hold: plain, Vietnamese, hidden (ignored), nested, a file's name
# used as a folder's elsewhere.
content_paths = st.sampled_from(
    [
        "posts/a.md",
        "posts/b.md",
        "posts/2020/c.md",
        "posts/2020/thang-4/d.md",
        "posts/Bài ảnh.md",
        "posts/.e.md",
        ".git/x",
        "images/a.jpg",
        "images/sub/b.png",
        "van-ban/quyết-định.md",
        "posts/2020",
        "x" * 300 + ".md",
    ]
)
changes = st.lists(
    st.tuples(
        st.sampled_from(["write", "rewrite", "remove", "link", "hard link", "folder link"]), content_paths
    ),
    max_size=6,
)


def _apply(root: Path, change: str, relative: str) -> list[str]:
    """The change made (where it can be); the paths it wrote or removed."""
    import contextlib
    import os

    target = root / relative
    with contextlib.suppress(OSError):
        if change == "remove":
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            else:
                target.unlink()
            return [relative]
        if target.is_symlink() or target.is_file():
            target.unlink()
        elif target.exists():
            shutil.rmtree(target)
        for folder in reversed(target.parents):  # a file where a folder is wanted gives way
            if folder.is_symlink() or folder.is_file():
                folder.unlink()
        target.parent.mkdir(parents=True, exist_ok=True)
        if change in ("write", "rewrite"):
            target.write_text(f"Title: {change}\n\n{random.random()}\n", encoding="utf-8")
        elif change == "link":
            target.symlink_to("/etc/passwd")
        elif change == "folder link":
            target.symlink_to(root / "posts", target_is_directory=True)
        else:
            (root / "ngoai.txt").write_text("x", encoding="utf-8")
            os.link(root / "ngoai.txt", target)
            return [relative, "ngoai.txt"]
    return [relative]


@FAST
@given(first=changes, then=changes)
@example(first=[("write", "posts/2020/c.md")], then=[("remove", "posts/2020")])
@example(first=[("write", "posts/2020")], then=[("write", "posts/2020/c.md")])
@example(first=[("write", "posts/a.md")], then=[("write", "posts/b.md"), ("rewrite", "posts/a.md")])
def test_a_tree_rescanned_after_changes_equals_a_new_scan(first, then):
    """The shared editor's check folder is scanned once and then only where its files were laid
    over (ContentTree.rescanned): whatever was written there, the result is a new scan's, or None
    (and the folder is scanned again)."""
    from portal.content_files import scan

    root = Path(tempfile.mkdtemp())
    try:
        for change, relative in first:
            _apply(root, change, relative)
        tree = scan(root, "content")
        changed = [path for change, relative in then for path in _apply(root, change, relative)]
        again = tree.rescanned(changed, [".*"])
        fresh = scan(root, "content")
        plain = {"posts/a.md", "posts/b.md", "posts/2020/c.md", "images/a.jpg"}
        if {r for _, r in first + then} <= plain and {c for c, _ in first + then} <= {"write", "rewrite"}:
            assert again is not None  # the shared editor's every save: no walk of the folder
        if again is not None:
            assert again.files == fresh.files
            assert again.stamps == fresh.stamps
            assert again.problems == fresh.problems
    finally:
        shutil.rmtree(root)
