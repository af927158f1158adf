"""Write the sample's papers: activities' evidence, documents' files, information request forms.

content/files/<year>/hoat-dong/*.pdf, content/files/<year>/van-ban/*.pdf (decisions accepting
science and technology tasks, the budget disclosure, the statistics report),
content/files/<year>/nhiem-vu/*.pdf (a task's result summary) and
content/files/tiep-can-thong-tin/*.docx (the forms a citizen fills to ask for information: Word,
to be filled in; no PDF is made of them).

Each activity under content/hoat-dong/ names its evidence (minutes, lists of participants, a
log of citizens' feedback, a publication's distribution slip). This machine has none of the
department's real papers, so each is a short document written here, in the department's
layout, marked "TÀI LIỆU MẪU (dữ liệu mẫu)" at the top, with made-up names ("Nguyễn Văn A")
and places left to fill ("(ký, ghi rõ họ tên)"); the department replaces them with its scans.
Each is drawn as a Word file (python-docx) and turned into a PDF by LibreOffice, so the text is
real text a reader can search and copy, with every Vietnamese mark. Run once; the files are
committed (a PDF's creation date changes each run).

    .venv/bin/python tools/make_sample_documents.py [NAME …]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

ROOT = Path(__file__).resolve().parent.parent
FILES = ROOT / "content" / "files"
AGENCY = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
TEXT_WIDTH = 165.0  # mm: A4 less the 30 mm and 15 mm margins (Decree 30/2020/NĐ-CP)
SAMPLE = (
    "TÀI LIỆU MẪU (dữ liệu mẫu): tệp tạo cho trang thông tin thử nghiệm, không phải văn bản gốc. "
    "Họ tên trong tài liệu là tên giả định; số liệu dùng để minh họa."
)
NAMES = (
    "Nguyễn Văn A",
    "Trần Thị B",
    "Lê Văn C",
    "Phạm Thị D",
    "Hoàng Văn E",
    "Vũ Thị G",
    "Đặng Văn H",
    "Bùi Thị K",
    "Đỗ Văn L",
    "Lò Thị M",
    "Cầm Văn N",
    "Quàng Thị P",
)


@dataclass
class Paper:
    """One sample document: who issues it, its title, its paragraphs and an optional table."""

    path: str  # under content/files/
    unit: str  # the issuing unit, upper case, under the agency's name
    kind: str  # BIÊN BẢN, DANH SÁCH, …
    subject: str
    place_date: str  # "Sơn La, ngày 05 tháng 5 năm 2020"
    paragraphs: list[str] = field(default_factory=list)
    table: list[tuple[str, ...]] = field(default_factory=list)  # first row: the headings
    after: list[str] = field(default_factory=list)
    signers: tuple[str, ...] = ("NGƯỜI LẬP",)
    party: bool = False  # a party cell's paper: ĐẢNG CỘNG SẢN VIỆT NAM on the right


def attendance(people: int, units: list[tuple[str, str]], shown: int = 12) -> list[tuple[str, ...]]:
    """A list of participants: the first `shown` rows with made-up names, then a line saying how
    many are on the full list."""
    rows: list[tuple[str, ...]] = [("STT", "Họ và tên", "Chức vụ", "Đơn vị", "Ký tên")]
    for number in range(min(shown, people)):
        role, unit = units[number % len(units)]
        rows.append((str(number + 1), NAMES[number % len(NAMES)], role, unit, ""))
    if people > shown:
        rows.append(("…", f"(bản mẫu in {shown} dòng đầu; danh sách đủ {people} người)", "", "", ""))
    return rows


OFFICE_ROLES = [
    ("Phó Giám đốc Sở", "Ban Giám đốc"),
    ("Chánh Văn phòng", "Văn phòng Sở"),
    ("Chánh Thanh tra", "Thanh tra Sở"),
    ("Trưởng phòng", "Phòng Kế hoạch - Tài chính"),
    ("Trưởng phòng", "Phòng Quản lý khoa học"),
    ("Trưởng phòng", "Phòng Quản lý công nghệ và Thị trường công nghệ"),
    ("Trưởng phòng", "Phòng Quản lý chuyên ngành"),
    ("Chi cục trưởng", "Chi cục Tiêu chuẩn Đo lường Chất lượng"),
    ("Giám đốc", "Trung tâm Thông tin và Ứng dụng KH&CN"),
    ("Chuyên viên", "Văn phòng Sở"),
    ("Công chức", "Bộ phận Một cửa"),
    ("Viên chức", "Trung tâm Thông tin và Ứng dụng KH&CN"),
]
STAFF_ROLES = [
    ("Chuyên viên", "Văn phòng Sở"),
    ("Thanh tra viên", "Thanh tra Sở"),
    ("Chuyên viên", "Phòng Quản lý khoa học"),
    ("Kiểm định viên", "Chi cục Tiêu chuẩn Đo lường Chất lượng"),
    ("Viên chức", "Trung tâm Thông tin và Ứng dụng KH&CN"),
    ("Kế toán", "Phòng Kế hoạch - Tài chính"),
]
BUSINESS_ROLES = [
    ("Giám đốc", "Công ty TNHH chế biến nông sản (mẫu)"),
    ("Chủ nhiệm", "Hợp tác xã cà phê (mẫu)"),
    ("Phó Giám đốc", "Công ty cổ phần giống cây trồng (mẫu)"),
    ("Cán bộ kỹ thuật", "Hợp tác xã rau an toàn (mẫu)"),
    ("Chuyên viên", "Phòng Quản lý công nghệ và Thị trường công nghệ"),
    ("Giám đốc", "Công ty TNHH thiết bị điện (mẫu)"),
]

PAPERS = [
    Paper(
        "2020/hoat-dong/bien-ban-giao-ban-quy-i-2020.pdf",
        "VĂN PHÒNG",
        "BIÊN BẢN",
        "Hội nghị giao ban quý I năm 2020",
        "Sơn La, ngày 05 tháng 5 năm 2020",
        [
            "Thời gian: 14 giờ 00, ngày 05/5/2020. Địa điểm: Hội trường Sở Khoa học và Công nghệ.",
            (
                "Hội nghị giao ban quý I được lùi sang tháng 5 do thực hiện cách ly xã hội theo Chỉ thị "
                "số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ."
            ),
            (
                "Chủ trì: Giám đốc Sở. Thư ký: chuyên viên Văn phòng Sở. Thành phần: Ban Giám đốc Sở, "
                "lãnh đạo các phòng chuyên môn, đơn vị trực thuộc và công chức Bộ phận Một cửa; "
                "38 đại biểu (danh sách kèm theo)."
            ),
            (
                "1. Văn phòng Sở báo cáo kết quả cải cách hành chính quý I: tiếp nhận 312 hồ sơ thủ tục "
                "hành chính, 41% nộp trực tuyến; 100% hồ sơ giải quyết đúng và trước hạn; Trang thông "
                "tin điện tử đăng 15 tin, bài về cải cách hành chính."
            ),
            (
                "2. Các phòng, đơn vị báo cáo việc triển khai Kế hoạch số 118/KH-KHCN (mục 1 và mục 4); "
                "Trung tâm Thông tin và Ứng dụng KH&CN đề nghị các đơn vị gửi tin, bài kịp thời."
            ),
            (
                "3. Kết luận của chủ trì: rà soát quy trình nội bộ, tăng tỷ lệ hồ sơ trực tuyến, báo cáo "
                "kết quả 6 tháng về Văn phòng Sở trước ngày 05/6/2020."
            ),
            "Hội nghị kết thúc lúc 16 giờ 30 cùng ngày.",
        ],
        signers=("THƯ KÝ", "CHỦ TRÌ"),
    ),
    Paper(
        "2020/hoat-dong/danh-sach-dai-bieu-giao-ban-quy-i-2020.pdf",
        "VĂN PHÒNG",
        "DANH SÁCH ĐẠI BIỂU",
        "dự Hội nghị giao ban quý I năm 2020",
        "Sơn La, ngày 05 tháng 5 năm 2020",
        table=attendance(38, OFFICE_ROLES),
    ),
    Paper(
        "2020/hoat-dong/bien-ban-giao-ban-quy-ii-2020.pdf",
        "VĂN PHÒNG",
        "BIÊN BẢN",
        "Hội nghị giao ban quý II năm 2020",
        "Sơn La, ngày 08 tháng 7 năm 2020",
        [
            "Thời gian: 08 giờ 00, ngày 08/7/2020. Địa điểm: Hội trường Sở Khoa học và Công nghệ.",
            "Chủ trì: Giám đốc Sở. Thành phần: lãnh đạo Sở, các phòng, đơn vị; 41 đại biểu.",
            (
                "1. Văn phòng Sở báo cáo kết quả 6 tháng đầu năm thực hiện Kế hoạch số 118/KH-KHCN: "
                "các tin, bài đã đăng theo từng mục, các hội nghị, buổi sinh hoạt chi bộ đã tổ chức."
            ),
            (
                "2. Quán triệt Kế hoạch số 95/KH-KHCN ngày 22/6/2020 về kiểm tra công tác cải cách hành "
                "chính tại các phòng, đơn vị trực thuộc Sở."
            ),
            (
                "3. Kết luận của chủ trì: các phòng, đơn vị lồng ghép nội dung cải cách hành chính vào "
                "sinh hoạt chi bộ, giao ban định kỳ; chuẩn bị tài liệu kiểm chứng cho báo cáo cả năm."
            ),
        ],
        signers=("THƯ KÝ", "CHỦ TRÌ"),
    ),
    Paper(
        "2020/hoat-dong/danh-sach-dai-bieu-pho-bien-luat-pctn-2020.pdf",
        "THANH TRA SỞ",
        "DANH SÁCH ĐẠI BIỂU",
        "dự Hội nghị phổ biến Luật Phòng, chống tham nhũng năm 2018 và Nghị định số 59/2019/NĐ-CP",
        "Sơn La, ngày 01 tháng 7 năm 2020",
        table=attendance(62, OFFICE_ROLES + STAFF_ROLES),
    ),
    Paper(
        "2020/hoat-dong/so-theo-doi-phan-anh-kien-nghi-6-thang-2020.pdf",
        "VĂN PHÒNG",
        "TRÍCH SỔ THEO DÕI",
        "tiếp nhận, xử lý phản ánh, kiến nghị về thủ tục hành chính 6 tháng đầu năm 2020",
        "Sơn La, ngày 03 tháng 6 năm 2020",
        ["Thông tin cá nhân của người gửi được lược bỏ."],
        [
            ("STT", "Ngày nhận", "Kênh", "Nội dung tóm tắt", "Đơn vị xử lý", "Ngày trả lời"),
            (
                "1",
                "14/02/2020",
                "Thư điện tử",
                "Hỏi thành phần hồ sơ đăng ký kết quả nhiệm vụ KH&CN không sử dụng ngân sách",
                "Phòng Quản lý khoa học",
                "21/02/2020",
            ),
            (
                "2",
                "09/3/2020",
                "Điện thoại",
                "Phản ánh chậm hẹn trả giấy phép tiến hành công việc bức xạ (X-quang y tế)",
                "Phòng Quản lý chuyên ngành",
                "16/3/2020",
            ),
            (
                "3",
                "22/4/2020",
                "Cổng dịch vụ công",
                "Không tải được tệp hồ sơ công bố hợp chuẩn lên Cổng dịch vụ công",
                "Chi cục Tiêu chuẩn Đo lường Chất lượng",
                "24/4/2020",
            ),
            (
                "4",
                "18/5/2020",
                "Trực tiếp",
                "Đề nghị hướng dẫn thủ tục hỗ trợ đăng ký nhãn hiệu tập thể",
                "Phòng Quản lý chuyên ngành",
                "25/5/2020",
            ),
        ],
        ["Tổng số: 4 phản ánh, kiến nghị; 4 đã trả lời đúng hạn (10 ngày làm việc)."],
    ),
    Paper(
        "2020/hoat-dong/phieu-phat-hanh-an-pham-so-3-2020.pdf",
        "TRUNG TÂM THÔNG TIN VÀ ỨNG DỤNG KH&CN",
        "PHIẾU PHÁT HÀNH",
        "Ấn phẩm Thông tin Khoa học và Công nghệ Sơn La số 3/2020",
        "Sơn La, ngày 18 tháng 8 năm 2020",
        [
            "Chuyên mục: Cải cách hành chính và chỉ số PAPI. Khổ 19 × 27 cm, 32 trang.",
            "Số lượng in: 500 bản.",
        ],
        [
            ("STT", "Nơi nhận", "Số bản"),
            ("1", "Các sở, ban, ngành tỉnh", "60"),
            ("2", "UBND 12 huyện, thành phố", "120"),
            ("3", "Thư viện tỉnh, điểm bưu điện văn hóa xã", "150"),
            ("4", "Doanh nghiệp, hợp tác xã", "100"),
            ("5", "Công chức, viên chức của Sở", "50"),
            ("6", "Lưu chiểu, lưu trữ", "20"),
            ("", "Cộng", "500"),
        ],
        signers=("NGƯỜI LẬP", "GIÁM ĐỐC TRUNG TÂM"),
    ),
    Paper(
        "2020/hoat-dong/bien-ban-sinh-hoat-chi-bo-chi-cuc-tdc-thang-8-2020.pdf",
        "CHI BỘ CHI CỤC TIÊU CHUẨN ĐO LƯỜNG CHẤT LƯỢNG",
        "BIÊN BẢN",
        "Sinh hoạt chi bộ tháng 8 năm 2020",
        "Sơn La, ngày 14 tháng 8 năm 2020",
        [
            "Thời gian: 15 giờ 00, ngày 14/8/2020. Địa điểm: phòng họp Chi cục.",
            "Đảng viên của chi bộ: 11; có mặt: 11.",
            (
                "Chi bộ quán triệt quy trình mới tiếp nhận hồ sơ công bố hợp chuẩn, hợp quy bằng bản "
                "điện tử (áp dụng từ tháng 8/2020) và trách nhiệm của đảng viên trong cải cách hành chính "
                "(mục 2 và mục 5 của Kế hoạch số 118/KH-KHCN)."
            ),
            (
                "Chi bộ thống nhất: mỗi đảng viên nắm vững quy trình, hướng dẫn doanh nghiệp nộp hồ sơ "
                "trực tuyến; kết quả đưa vào đánh giá đảng viên cuối năm."
            ),
        ],
        signers=("THƯ KÝ", "BÍ THƯ CHI BỘ"),
        party=True,
    ),
    Paper(
        "2021/hoat-dong/danh-sach-dai-bieu-trien-khai-ke-hoach-2021.pdf",
        "VĂN PHÒNG",
        "DANH SÁCH ĐẠI BIỂU",
        "dự Hội nghị triển khai Kế hoạch tuyên truyền cải cách hành chính và Kế hoạch phổ biến, "
        "giáo dục pháp luật năm 2021",
        "Sơn La, ngày 02 tháng 02 năm 2021",
        table=attendance(56, OFFICE_ROLES + STAFF_ROLES),
    ),
    Paper(
        "2021/hoat-dong/danh-sach-dai-bieu-pho-bien-luat-chuyen-giao-cong-nghe-2021.pdf",
        "PHÒNG QUẢN LÝ CÔNG NGHỆ VÀ THỊ TRƯỜNG CÔNG NGHỆ",
        "DANH SÁCH ĐẠI BIỂU",
        "dự Hội nghị phổ biến Luật Chuyển giao công nghệ cho doanh nghiệp, hợp tác xã năm 2021",
        "Sơn La, ngày 09 tháng 3 năm 2021",
        table=attendance(74, BUSINESS_ROLES),
    ),
    Paper(
        "2021/hoat-dong/bien-ban-giao-ban-quy-i-2021.pdf",
        "VĂN PHÒNG",
        "BIÊN BẢN",
        "Hội nghị giao ban quý I năm 2021",
        "Sơn La, ngày 20 tháng 4 năm 2021",
        [
            "Thời gian: 08 giờ 00, ngày 20/4/2021. Địa điểm: Hội trường Sở Khoa học và Công nghệ.",
            "Chủ trì: Giám đốc Sở. Thành phần: lãnh đạo Sở, các phòng, đơn vị; 40 đại biểu.",
            (
                "1. Văn phòng Sở báo cáo kết quả cải cách hành chính quý I năm 2021 và việc triển khai "
                "Kế hoạch số 25/KH-KHCN (mục 1 và mục 5): tỷ lệ hồ sơ nộp trực tuyến tiếp tục tăng."
            ),
            (
                "2. Kết luận của chủ trì: các phòng, đơn vị gửi báo cáo 6 tháng về Văn phòng Sở trước "
                "ngày 05/6/2021, kèm tài liệu kiểm chứng."
            ),
        ],
        signers=("THƯ KÝ", "CHỦ TRÌ"),
    ),
    Paper(
        "2021/hoat-dong/phieu-phat-hanh-an-pham-so-1-2021.pdf",
        "TRUNG TÂM THÔNG TIN VÀ ỨNG DỤNG KH&CN",
        "PHIẾU PHÁT HÀNH",
        "Ấn phẩm Thông tin Khoa học và Công nghệ Sơn La số 1/2021",
        "Sơn La, ngày 24 tháng 5 năm 2021",
        [
            (
                "Chuyên mục: Phòng, chống tham nhũng; thủ tục hành chính trên môi trường điện tử. "
                "Khổ 19 × 27 cm, 32 trang."
            ),
            "Số lượng in: 500 bản.",
        ],
        [
            ("STT", "Nơi nhận", "Số bản"),
            ("1", "Các sở, ban, ngành tỉnh", "60"),
            ("2", "UBND 12 huyện, thành phố", "120"),
            ("3", "Thư viện tỉnh, điểm bưu điện văn hóa xã", "150"),
            ("4", "Doanh nghiệp, hợp tác xã", "100"),
            ("5", "Công chức, viên chức của Sở", "50"),
            ("6", "Lưu chiểu, lưu trữ", "20"),
            ("", "Cộng", "500"),
        ],
        signers=("NGƯỜI LẬP", "GIÁM ĐỐC TRUNG TÂM"),
    ),
    Paper(
        "2021/hoat-dong/so-theo-doi-phan-anh-kien-nghi-6-thang-2021.pdf",
        "VĂN PHÒNG",
        "TRÍCH SỔ THEO DÕI",
        "tiếp nhận, xử lý phản ánh, kiến nghị về thủ tục hành chính 6 tháng đầu năm 2021",
        "Sơn La, ngày 02 tháng 6 năm 2021",
        ["Thông tin cá nhân của người gửi được lược bỏ."],
        [
            ("STT", "Ngày nhận", "Kênh", "Nội dung tóm tắt", "Đơn vị xử lý", "Ngày trả lời"),
            (
                "1",
                "19/01/2021",
                "Cổng dịch vụ công",
                "Hỏi cách ký số tệp hồ sơ khi nộp trực tuyến",
                "Trung tâm Thông tin và Ứng dụng KH&CN",
                "22/01/2021",
            ),
            (
                "2",
                "17/3/2021",
                "Thư điện tử",
                "Đề nghị rút ngắn thời gian kiểm định cột đo xăng dầu",
                "Chi cục Tiêu chuẩn Đo lường Chất lượng",
                "26/3/2021",
            ),
            (
                "3",
                "11/5/2021",
                "Điện thoại",
                "Hỏi hồ sơ đề nghị hỗ trợ đổi mới công nghệ của hợp tác xã",
                "Phòng Quản lý công nghệ và Thị trường công nghệ",
                "18/5/2021",
            ),
        ],
        ["Tổng số: 3 phản ánh, kiến nghị; 3 đã trả lời đúng hạn (10 ngày làm việc)."],
    ),
    Paper(
        "2021/van-ban/18-QD-KHCN.pdf",
        "",
        "QUYẾT ĐỊNH",
        "Công nhận kết quả thực hiện nhiệm vụ khoa học và công nghệ cấp tỉnh: Nghiên cứu ứng dụng "
        "công nghệ cao trong sản xuất và chế biến cà phê chè (Arabica) tại Sơn La",
        "Sơn La, ngày 05 tháng 02 năm 2021",
        [
            "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            (
                "Căn cứ Luật Khoa học và Công nghệ năm 2013; căn cứ biên bản họp Hội đồng khoa học và công "
                "nghệ tư vấn đánh giá, nghiệm thu nhiệm vụ ngày 20/01/2021;"
            ),
            "QUYẾT ĐỊNH:",
            (
                "Điều 1. Công nhận kết quả thực hiện nhiệm vụ khoa học và công nghệ cấp tỉnh mã số "
                "ĐT.KHCN.2019.02, do Viện Khoa học Kỹ thuật Nông Lâm nghiệp miền núi phía Bắc chủ trì, "
                "xếp loại: Khá."
            ),
            (
                "Điều 2. Tổ chức chủ trì đăng ký, lưu giữ kết quả và chuyển giao kết quả cho các hợp tác xã "
                "trồng cà phê trên địa bàn tỉnh."
            ),
            "Điều 3. Quyết định có hiệu lực từ ngày ký.",
        ],
        signers=("GIÁM ĐỐC",),
    ),
    Paper(
        "2021/van-ban/52-QD-KHCN.pdf",
        "",
        "QUYẾT ĐỊNH",
        "Công nhận kết quả thực hiện nhiệm vụ khoa học và công nghệ cấp tỉnh: Ứng dụng công nghệ sấy "
        "lạnh trong chế biến, bảo quản xoài Sơn La",
        "Sơn La, ngày 15 tháng 4 năm 2021",
        [
            "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            (
                "Căn cứ Luật Khoa học và Công nghệ năm 2013; căn cứ biên bản họp Hội đồng khoa học và công "
                "nghệ tư vấn đánh giá, nghiệm thu nhiệm vụ ngày 30/3/2021;"
            ),
            "QUYẾT ĐỊNH:",
            (
                "Điều 1. Công nhận kết quả thực hiện nhiệm vụ khoa học và công nghệ cấp tỉnh mã số "
                "ĐT.KHCN.2019.05, do Trung tâm Thông tin và Ứng dụng KH&CN chủ trì, xếp loại: Đạt."
            ),
            "Điều 2. Tổ chức chủ trì chuyển giao quy trình sấy lạnh cho hợp tác xã tại huyện Mai Sơn.",
            "Điều 3. Quyết định có hiệu lực từ ngày ký.",
        ],
        signers=("GIÁM ĐỐC",),
    ),
    Paper(
        "2021/van-ban/64-QD-KHCN.pdf",
        "",
        "QUYẾT ĐỊNH",
        "Công bố công khai quyết toán ngân sách năm 2020 của Sở Khoa học và Công nghệ",
        "Sơn La, ngày 18 tháng 6 năm 2021",
        ["Số liệu công khai theo biểu kèm theo (đơn vị: triệu đồng)."],
        [
            ("STT", "Nội dung", "Quyết toán"),
            ("1", "Chi quản lý hành chính", "6.420"),
            ("2", "Chi sự nghiệp khoa học và công nghệ", "18.950"),
            ("3", "Chi thực hiện nhiệm vụ khoa học và công nghệ cấp tỉnh", "9.870"),
        ],
        signers=("GIÁM ĐỐC",),
    ),
    Paper(
        "2021/van-ban/20-BC-KHCN.pdf",
        "",
        "BÁO CÁO",
        "Thống kê cơ sở ngành khoa học và công nghệ năm 2020",
        "Sơn La, ngày 15 tháng 3 năm 2021",
        ["Số liệu theo hệ thống chỉ tiêu thống kê ngành khoa học và công nghệ."],
        [
            ("STT", "Chỉ tiêu", "Năm 2020"),
            ("1", "Nhiệm vụ khoa học và công nghệ cấp tỉnh đang thực hiện", "14"),
            ("2", "Nhiệm vụ nghiệm thu trong năm", "6"),
            ("3", "Đơn đăng ký sở hữu công nghiệp của tổ chức, cá nhân trong tỉnh", "37"),
        ],
        signers=("GIÁM ĐỐC",),
    ),
    Paper(
        "2021/nhiem-vu/tom-tat-ket-qua-say-lanh-xoai.pdf",
        "TRUNG TÂM THÔNG TIN VÀ ỨNG DỤNG KH&CN",
        "BÁO CÁO TÓM TẮT",
        "Kết quả nhiệm vụ: Ứng dụng công nghệ sấy lạnh trong chế biến, bảo quản xoài Sơn La",
        "Sơn La, ngày 25 tháng 3 năm 2021",
        [
            (
                "1. Mục tiêu: hoàn thiện quy trình sấy lạnh xoài quy mô hợp tác xã, giữ màu sắc, hương vị "
                "tự nhiên, thời gian bảo quản đến 12 tháng."
            ),
            (
                "2. Kết quả: quy trình công nghệ sấy lạnh; 01 mô hình sản xuất thử 2 tấn quả tươi mỗi mẻ; "
                "tiêu chuẩn cơ sở của sản phẩm; 15 kỹ thuật viên hợp tác xã được tập huấn."
            ),
            "3. Địa chỉ ứng dụng: Hợp tác xã nông nghiệp tại huyện Mai Sơn.",
        ],
        signers=("CHỦ NHIỆM NHIỆM VỤ",),
    ),
]
# The forms a citizen fills to ask the department for information (Law on Access to Information
# 2016, Art. 24; Decree 13/2018/NĐ-CP, Art. 11: the section gives them as files). Word files, to be
# filled in; the department replaces them with the forms its regulation on providing information
# adopts.
REQUEST_FORMS = {
    "tiep-can-thong-tin/phieu-yeu-cau-cung-cap-thong-tin-ca-nhan.docx": (
        "PHIẾU YÊU CẦU CUNG CẤP THÔNG TIN",
        "(dùng cho công dân yêu cầu cung cấp thông tin)",
        [
            "Kính gửi: Sở Khoa học và Công nghệ tỉnh Sơn La (Văn phòng Sở).",
            "1. Họ và tên người yêu cầu: ……………………………………………",
            "2. Số định danh cá nhân/Căn cước: …………… cấp ngày …… tại ……………",
            "3. Nơi cư trú: ……………………………………………………………",
            "4. Số điện thoại: …………………… Thư điện tử: ……………………",
            (
                "5. Thông tin yêu cầu cung cấp (tên văn bản, hồ sơ, tài liệu; số, ký hiệu, ngày ban hành):"
                " ……………………………………………"
            ),
            "6. Mục đích yêu cầu cung cấp thông tin: ……………………………………",
            (
                "7. Hình thức nhận thông tin: □ nhận tại nơi cung cấp  □ qua bưu điện  □ qua thư điện tử"
                "  □ fax  □ hình thức khác: ……"
            ),
            "8. Số lượng bản sao (nếu có): ……",
        ],
    ),
    "tiep-can-thong-tin/phieu-yeu-cau-cung-cap-thong-tin-dai-dien.docx": (
        "PHIẾU YÊU CẦU CUNG CẤP THÔNG TIN",
        "(dùng cho người đại diện của tổ chức, người giám hộ yêu cầu cung cấp thông tin)",
        [
            "Kính gửi: Sở Khoa học và Công nghệ tỉnh Sơn La (Văn phòng Sở).",
            "1. Họ và tên người đại diện, người giám hộ: ……………………………",
            "2. Tên tổ chức hoặc người được giám hộ: ……………………………………",
            "3. Số định danh cá nhân/Căn cước của người đại diện: …………… cấp ngày …… tại ……",
            "4. Địa chỉ, số điện thoại, thư điện tử: ………………………………………",
            "5. Thông tin yêu cầu cung cấp: ……………………………………………",
            "6. Mục đích yêu cầu cung cấp thông tin: ……………………………………",
            (
                "7. Hình thức nhận thông tin: □ nhận tại nơi cung cấp  □ qua bưu điện  □ qua thư điện tử"
                "  □ hình thức khác: ……"
            ),
            "Kèm theo: văn bản ủy quyền hoặc giấy tờ chứng minh việc giám hộ.",
        ],
    ),
}


def paragraph(document, text: str, *, bold: bool = False, italic: bool = False, size: int = 13,
              align=WD_ALIGN_PARAGRAPH.JUSTIFY, after: int = 6):  # fmt: skip
    para = document.add_paragraph()
    para.alignment = align
    para.paragraph_format.space_after = Pt(after)
    run = para.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return para


def cell_text(cell, lines: list[tuple[str, bool]], size: int = 12) -> None:
    cell.text = ""
    for number, (text, bold) in enumerate(lines):
        para = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_after = Pt(0)
        run = para.add_run(text)
        run.bold, run.font.size = bold, Pt(size)


def widths(table, millimetres: list[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, millimetres, strict=True):
        column.width = Mm(width)  # the grid LibreOffice lays out by
    for row in table.rows:
        for cell, width in zip(row.cells, millimetres, strict=True):
            cell.width = Mm(width)


COLUMNS = {  # mm, by the number of columns: a list of people, a log of feedback, a slip
    3: [15.0, 120.0, 30.0],
    5: [12.0, 40.0, 33.0, 65.0, 15.0],
    6: [11.0, 23.0, 24.0, 50.0, 34.0, 23.0],
}


def write_docx(paper: Paper, path: Path) -> None:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(13)
    properties = document.core_properties
    properties.title = f"{paper.kind.capitalize()} {paper.subject} (dữ liệu mẫu)"
    properties.author = "Sở Khoa học và Công nghệ tỉnh Sơn La (dữ liệu mẫu)"
    properties.comments = SAMPLE

    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths(header, [95, TEXT_WIDTH - 95] if paper.party else [70, TEXT_WIDTH - 70])
    left = [("ĐẢNG BỘ SỞ KHOA HỌC VÀ CÔNG NGHỆ", False)] if paper.party else [(AGENCY, False)]
    if not paper.unit:  # the department's own paper: the agency's name in bold, UBND above it
        left = [("UBND TỈNH SƠN LA", False), (AGENCY, True)]
    cell_text(header.cell(0, 0), [*left, *([(paper.unit, True)] if paper.unit else [])])
    right = (
        [("ĐẢNG CỘNG SẢN VIỆT NAM", True)]
        if paper.party
        else [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True), ("Độc lập - Tự do - Hạnh phúc", True)]
    )
    cell_text(header.cell(0, 1), right, size=12)
    paragraph(document, paper.place_date, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph(document, SAMPLE, bold=True, size=11, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    paragraph(document, paper.kind, bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    paragraph(document, paper.subject, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    for text in paper.paragraphs:
        paragraph(document, text)
    if paper.table:
        table = document.add_table(rows=0, cols=len(paper.table[0]))
        table.style = "Table Grid"
        for number, row in enumerate(paper.table):
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = ""
                run = cell.paragraphs[0].add_run(text)
                run.font.size = Pt(11)
                run.bold = number == 0 or (row[0] == "" and text != "")
        widths(table, COLUMNS[len(paper.table[0])])
        paragraph(document, "", after=0)
    for text in paper.after:
        paragraph(document, text)
    paragraph(document, "", after=0)
    signatures = document.add_table(rows=1, cols=max(2, len(paper.signers)))
    for cell, title in zip(signatures.rows[0].cells[-len(paper.signers) :], paper.signers, strict=True):
        cell_text(cell, [(title, True), ("(ký, ghi rõ họ tên)", False)])
    document.save(str(path))


def write_form(path: Path, title: str, subtitle: str, lines: list[str]) -> None:
    """A request form: national motto, title, the blanks to fill, the requester's signature."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(13)
    properties = document.core_properties
    properties.title = f"{title.capitalize()} {subtitle}"
    properties.author = "Sở Khoa học và Công nghệ tỉnh Sơn La (dữ liệu mẫu)"
    properties.comments = SAMPLE
    center = WD_ALIGN_PARAGRAPH.CENTER
    paragraph(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, align=center, after=0)
    paragraph(document, "Độc lập - Tự do - Hạnh phúc", bold=True, align=center)
    paragraph(document, SAMPLE, bold=True, size=11, align=center, after=12)
    paragraph(document, title, bold=True, size=14, align=center, after=0)
    paragraph(document, subtitle, italic=True, align=center, after=12)
    for text in lines:
        paragraph(document, text, align=WD_ALIGN_PARAGRAPH.LEFT)
    paragraph(document, "……, ngày …… tháng …… năm ……", italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    paragraph(document, "NGƯỜI YÊU CẦU", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    paragraph(document, "(ký, ghi rõ họ tên)", italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


def main(names: list[str]) -> None:
    for relative, (title, subtitle, lines) in REQUEST_FORMS.items():
        if not names or Path(relative).name in names or relative in names:
            write_form(FILES / relative, title, subtitle, lines)
            sys.stdout.write(f"{(FILES / relative).relative_to(ROOT)}\n")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("cần LibreOffice (soffice) để đổi tệp Word sang PDF")
    chosen = [p for p in PAPERS if not names or Path(p.path).name in names or p.path in names]
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        for paper in chosen:
            source = folder / Path(paper.path).with_suffix(".docx").name
            write_docx(paper, source)
            subprocess.run(
                [soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless",
                 "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                check=True, capture_output=True, timeout=120,
            )  # fmt: skip
            target = FILES / paper.path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source.with_suffix(".pdf"), target)
            sys.stdout.write(f"{target.relative_to(ROOT)}\n")


if __name__ == "__main__":
    main(sys.argv[1:])
