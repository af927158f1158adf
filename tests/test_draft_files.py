"""A file is published only when something published names it: nothing of a draft, a post
scheduled for later or an internal activity is on the site, nor a file left behind."""

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
    assert {"ke-hoach.pdf", "chung.pdf"} <= published
    assert "qd-du-thao.pdf" not in published
    assert "khong-ai-dung.pdf" not in published  # a guessable address shows nothing no page names
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


def test_an_internal_activity_keeps_what_its_notes_link_and_a_public_one_publishes_it(content, tmp_path):
    """The editor's picture and attachment buttons in an activity's notes write {static} links:
    an internal activity's minutes and photos stay off the site; a public activity's links to a
    file that otherwise only a draft names publish it, so check and build agree."""
    files = content.path / "files" / "2020" / "mat"
    files.mkdir(parents=True)
    for name in ("bien-ban-mat.pdf", "danh-sach-mat.pdf", "du-thao.pdf", "so-tay.pdf"):
        (files / name).write_bytes(PDF)
    (files / "anh-mat.jpg").write_bytes(small_picture())
    content.write(
        "hoat-dong/mat.md",
        "Title: Họp nội bộ\nDate: 2020-09-01\nUnit: van-phong\nForm: hoi-nghi-giao-ban\nItems: 1\n"
        "Participants: 9\nFiles: 2020/mat/danh-sach-mat.pdf\n\n"
        "[Biên bản]({static}/files/2020/mat/bien-ban-mat.pdf)\n\n"
        "![Ảnh nội bộ]({static}/files/2020/mat/anh-mat.jpg)\n\n"
        "[Sổ tay](/files/2020/mat/so-tay.pdf)\n",
    )
    content.post(
        "du-thao",
        "[Dự thảo]({static}/files/2020/mat/du-thao.pdf)",
        Title="Dự thảo",
        Date="2020-12-20",
        Status="draft",
        Items="1",
    )
    content.write(
        "hoat-dong/cong-khai.md",
        "Title: Hội nghị công khai\nDate: 2020-09-02\nUnit: van-phong\nForm: hoi-nghi-giao-ban\n"
        "Items: 1\nParticipants: 30\nPublic: yes\n\n[Dự thảo]({static}/files/2020/mat/du-thao.pdf)\n",
    )
    site = build(content.path, tmp_path / "out")
    published = {p.name for p in site.rglob("*") if p.is_file()}
    assert not published & {"bien-ban-mat.pdf", "danh-sach-mat.pdf", "so-tay.pdf"}
    assert not any(name.startswith("anh-mat") for name in published)
    assert (site / "files" / "2020" / "mat" / "du-thao.pdf").read_bytes() == PDF


def test_a_file_is_withdrawn_when_what_named_it_goes(content, tmp_path):
    """Deleting the activity (or the line) that named a file does not make it public."""
    files = content.path / "files" / "2020"
    files.mkdir(parents=True)
    (files / "bien-ban.pdf").write_bytes(PDF)
    activity = content.write(
        "hoat-dong/hop.md",
        "Title: Họp\nDate: 2020-09-01\nUnit: van-phong\nForm: hoi-nghi-giao-ban\nItems: 1\n"
        "Participants: 9\nPublic: yes\nFiles: 2020/bien-ban.pdf\n\nHọp.\n",
    )
    site = build(content.path, tmp_path / "out")
    assert (site / "files" / "2020" / "bien-ban.pdf").exists()
    activity.unlink()
    site = build(content.path, tmp_path / "out")
    assert not (site / "files" / "2020" / "bien-ban.pdf").exists()
