"""Activities on the public site: a page for each public one (fields, evidence, the posts about
it), none for the others, whose evidence is not published either; the results page counts every
activity and says how many it does not show."""

from bs4 import BeautifulSoup
from conftest import ContentDir, build, read, run_invoke

PDF = b"%PDF-1.4\n% bien ban (du lieu mau)\n"


def test_public_activities_have_pages_the_others_only_numbers(tmp_path):
    content = ContentDir(tmp_path / "content")
    folder = content.path / "files" / "2020" / "hoat-dong"
    folder.mkdir(parents=True)
    (folder / "bien-ban-giao-ban.pdf").write_bytes(PDF)
    (folder / "danh-sach-chi-bo.pdf").write_bytes(PDF)
    content.post("tin", Title="Hội nghị giao ban quý I", Date="2020-05-07", Slug="tin-giao-ban", Items="1")
    content.write(
        "hoat-dong/giao-ban.md",
        "Title: Hội nghị giao ban quý I năm 2020\nDate: 2020-05-06 08:00\nUnit: van-phong\n"
        "Form: hoi-nghi-giao-ban\nItems: 1, 4\nParticipants: 45\n"
        "Files: 2020/hoat-dong/bien-ban-giao-ban.pdf\n"
        "Posts: tin-giao-ban\nPublic: yes\n\nHội nghị đánh giá kết quả cải cách hành chính quý I.\n",
    )
    content.write(
        "hoat-dong/chi-bo.md",
        "Title: Sinh hoạt chi bộ tháng 3\nDate: 2020-03-10\nUnit: thanh-tra\nForm: sinh-hoat-chi-bo\n"
        "Items: 2\nParticipants: 12\nFiles: 2020/hoat-dong/danh-sach-chi-bo.pdf\n\nNội bộ.\n",
    )
    assert run_invoke("check", "--content", str(content.path)).returncode == 0
    site = build(content.path, tmp_path / "out")
    page = site / "hoat-dong" / "2020" / "hoi-nghi-giao-ban-quy-i-nam-2020" / "index.html"
    soup = BeautifulSoup(read(page), "html.parser")
    assert soup.h1.get_text() == "Hội nghị giao ban quý I năm 2020"
    fields = {dt.get_text(): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in soup.select("dt")}
    assert fields["Đơn vị thực hiện"] == "Văn phòng Sở" and fields["Số người tham dự"] == "45"
    assert fields["Hình thức"] == "Hội nghị giao ban" and fields["Kế hoạch 118/KH-KHCN"].startswith("Mục 1:")
    assert soup.select_one(".attachments a")["href"] == "/files/2020/hoat-dong/bien-ban-giao-ban.pdf"
    assert soup.select_one(".related a")["href"] == "/tin-tuc/2020/tin-giao-ban/"
    assert (site / "files" / "2020" / "hoat-dong" / "bien-ban-giao-ban.pdf").read_bytes() == PDF
    # The internal one: counted, but no page and no evidence on the site.
    assert not (site / "files" / "2020" / "hoat-dong" / "danh-sach-chi-bo.pdf").exists()
    assert not list(site.glob("hoat-dong/2020/sinh-hoat-chi-bo*"))
    listing = BeautifulSoup(read(site / "hoat-dong" / "index.html"), "html.parser")
    assert [a.get_text() for a in listing.select(".document-list a")] == ["Hội nghị giao ban quý I năm 2020"]
    post = BeautifulSoup(read(site / "tin-tuc" / "2020" / "tin-giao-ban" / "index.html"), "html.parser")
    assert (
        post.select_one(".post-activities a")["href"] == "/hoat-dong/2020/hoi-nghi-giao-ban-quy-i-nam-2020/"
    )
    results = BeautifulSoup(
        read(site / "ke-hoach" / "118-kh-khcn-2020" / "ket-qua" / "index.html"), "html.parser"
    )
    annual = results.select(".coverage-period")[1]
    assert "Hoạt động trong kỳ: 2, trong đó 1 hoạt động nội bộ" in annual.get_text(" ", strip=True)
    assert [a.get_text() for a in annual.select(".activity-links a")] == ["Hội nghị giao ban quý I năm 2020"]
    item_rows = {
        row.td.get_text(): [td.get_text(" ", strip=True) for td in row.select("td")]
        for row in annual.select("tbody tr")
    }
    assert item_rows["1"][-1] == "1" and item_rows["2"][-1] == "1" and item_rows["3"][-1] == "0"


def test_the_public_data_file_lists_only_public_activities(tmp_path):
    import json

    content = ContentDir(tmp_path / "content")
    for name, public in (("cong-khai", "yes"), ("noi-bo", "no")):
        content.write(
            f"hoat-dong/{name}.md",
            f"Title: Hoạt động {name}\nDate: 2020-03-10\nUnit: van-phong\nForm: hoi-nghi-giao-ban\n"
            f"Items: 1\nParticipants: 10\nPublic: {public}\n\nGhi chép.\n",
        )
    content.post("a", Title="Tin", Date="2020-03-01", Items="1")
    site = build(content.path, tmp_path / "out")
    data = json.loads(read(site / "ke-hoach" / "118-kh-khcn-2020" / "ket-qua" / "coverage.json"))
    first = data["periods"][0]
    assert first["activity_count"] == 2 and first["unlisted_activity_count"] == 1
    assert [a["title"] for a in first["items"][0]["activities"]] == ["Hoạt động cong-khai"]
    assert first["items"][0]["activity_count"] == 2


def test_the_public_data_names_sources_inside_the_content_folder_only(tmp_path):
    """Built from an absolute path, coverage.json said /tmp/…/content/…: the server's folders."""
    import json

    content = ContentDir(tmp_path / "noi-dung")
    content.post("tin", Title="Tin", Date="2020-05-07", Slug="tin", Items="1")
    content.post("an", Title="Tin ẩn", Date="2020-05-08", Slug="an", Items="1", Status="hidden")
    content.write(
        "hoat-dong/giao-ban.md",
        "Title: Giao ban\nDate: 2020-05-06\nUnit: van-phong\nForm: hoi-nghi-giao-ban\nItems: 1\n"
        "Participants: 45\nPosts: tin, an\nPublic: yes\n\nGhi chép.\n",
    )
    site = build(content.path, tmp_path / "out")
    data = json.loads(read(site / "ke-hoach" / "118-kh-khcn-2020" / "ket-qua" / "coverage.json"))
    item = data["periods"][0]["items"][0]
    assert [p["source"] for p in item["posts"]] == ["content/posts/tin.md"]
    (activity,) = item["activities"]
    assert activity["source"] == "content/hoat-dong/giao-ban.md"
    assert [p["url"] for p in activity["posts"]] == ["/tin-tuc/2020/tin/"]  # the hidden one unnamed
    assert str(tmp_path) not in read(site / "ke-hoach" / "118-kh-khcn-2020" / "ket-qua" / "coverage.json")
