"""Nothing of a draft is published: a file only drafts (or posts scheduled for later) link or
show is left out of the site until something published names it."""

from conftest import build, small_picture

PDF = b"%PDF-1.4\n% quyet dinh\n"


def test_files_only_drafts_name_are_not_published(content, tmp_path):
    files = content.path / "files" / "2020"
    files.mkdir(parents=True)
    for name in ("qd-du-thao.pdf", "ke-hoach.pdf", "chung.pdf", "khong-ai-dung.pdf"):
        (files / name).write_bytes(PDF)
    (content.path / "images").mkdir()
    (content.path / "images" / "anh-hen-gio.jpg").write_bytes(small_picture())
    content.post(
        "nhap",
        "[Quyết định (dự thảo)]({static}/files/2020/qd-du-thao.pdf), [chung]({static}/files/2020/chung.pdf)",
        Title="Bản nháp",
        Date="2020-03-01",
        Status="draft",
    )
    content.post(
        "hen-gio",
        "Tin sắp đăng.",
        Title="Hẹn giờ",
        Date="2099-03-01",
        Image="images/anh-hen-gio.jpg",
        Image_alt="Ảnh của tin hẹn giờ",
    )
    content.post(
        "da-dang",
        "[Kế hoạch]({static}/files/2020/ke-hoach.pdf), [chung]({static}/files/2020/chung.pdf)",
        Title="Đã đăng",
        Date="2020-03-02",
    )
    site = build(content.path, tmp_path / "out")
    published = {p.name for p in site.rglob("*") if p.is_file()}
    assert {"ke-hoach.pdf", "chung.pdf", "khong-ai-dung.pdf"} <= published
    assert "qd-du-thao.pdf" not in published
    assert not any(name.startswith("anh-hen-gio") for name in published)


def test_plain_addresses_name_files_as_placeholders_do(content, tmp_path):
    """A draft linking /files/… by its address withholds the file; a published post linking a
    file by its address keeps it published even when a draft links it by placeholder."""
    files = content.path / "files" / "2020"
    files.mkdir(parents=True)
    for name in ("qd-mat.pdf", "qd-chung.pdf"):
        (files / name).write_bytes(PDF)
    content.post(
        "nhap",
        "[tải](/files/2020/qd-mat.pdf) [chung]({static}/files/2020/qd-chung.pdf)",
        Title="Nháp",
        Date="2020-03-01",
        Status="draft",
    )
    content.post(
        "da-dang",
        "[chung](https://sokhcn.sonla.gov.vn/files/2020/qd-chung.pdf)",
        Title="Đã đăng",
        Date="2020-03-02",
    )
    site = build(content.path, tmp_path / "out")
    assert not (site / "files" / "2020" / "qd-mat.pdf").exists()
    assert (site / "files" / "2020" / "qd-chung.pdf").read_bytes() == PDF


def test_a_file_a_draft_names_only_in_its_summary_is_withheld(content, tmp_path):
    files = content.path / "files" / "2020"
    files.mkdir(parents=True)
    (files / "quyet-dinh-chua-ky.pdf").write_bytes(PDF)
    content.post(
        "nhap",
        "Nội dung.",
        Title="Nháp",
        Date="2020-03-01",
        Status="draft",
        Summary="Xem [dự thảo quyết định]({static}/files/2020/quyet-dinh-chua-ky.pdf).",
    )
    site = build(content.path, tmp_path / "out")
    assert not (site / "files" / "2020" / "quyet-dinh-chua-ky.pdf").exists()
