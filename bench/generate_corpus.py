"""Seeded generator of realistic Vietnamese news posts tagged to plan 118/KH-KHCN.

    python bench/generate_corpus.py --posts 10000 --out bench/corpus/10000

Same seed, same corpus: every run of the benchmarks measures the same input.
"""

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "content" / "plans" / "118-KH-KHCN-2020.yml"

SUBJECTS = [
    "Sở Khoa học và Công nghệ",
    "Văn phòng Sở",
    "Phòng Quản lý khoa học",
    "Thanh tra Sở",
    "Chi cục Tiêu chuẩn Đo lường Chất lượng",
    "Trung tâm Thông tin và Ứng dụng KH&CN",
    "Bộ phận Một cửa",
    "Phòng Quản lý công nghệ và Thị trường công nghệ",
]
ACTIONS = [
    "tổ chức hội nghị",
    "triển khai",
    "công bố",
    "hướng dẫn",
    "tập huấn",
    "kiểm tra",
    "tuyên truyền",
    "tổng kết",
    "lấy ý kiến về",
    "công khai kết quả",
]
TOPICS = [
    "cải cách hành chính",
    "thủ tục hành chính",
    "dịch vụ công trực tuyến",
    "chỉ số PAPI",
    "phòng, chống tham nhũng",
    "chuyển giao công nghệ",
    "sở hữu trí tuệ",
    "tiêu chuẩn đo lường",
    "đề tài khoa học cấp tỉnh",
    "phản ánh, kiến nghị của người dân",
    "văn hóa công sở",
    "dịch vụ bưu chính công ích",
    "chính quyền điện tử",
    "khen thưởng sáng kiến",
]
PLACES = [
    "thành phố Sơn La",
    "huyện Mai Sơn",
    "huyện Thuận Châu",
    "huyện Mộc Châu",
    "huyện Sông Mã",
    "huyện Yên Châu",
    "huyện Phù Yên",
    "huyện Bắc Yên",
    "huyện Quỳnh Nhai",
    "huyện Sốp Cộp",
]
SENTENCES = [
    "{s} đã {a} {t} cho cán bộ, công chức và người dân tại {p}.",
    "Trong năm, {n} hồ sơ về {t} được tiếp nhận và giải quyết đúng hạn.",
    "Đại diện {s} nhấn mạnh vai trò của {t} đối với sự phát triển kinh tế, xã hội của tỉnh.",
    "Người dân, doanh nghiệp tại {p} có thể tra cứu thông tin về {t} trên Trang thông tin điện tử của Sở.",
    "Các ý kiến tập trung vào việc đơn giản hóa quy trình, rút ngắn thời gian và công khai kết quả {t}.",
    "Kết quả khảo sát cho thấy {n} phần trăm người được hỏi hài lòng với việc thực hiện {t}.",
    "Sở tiếp tục phối hợp với Sở Nội vụ và Sở Thông tin và Truyền thông để nâng cao hiệu quả {t}.",
    "Hội nghị thống nhất giao {s} theo dõi, đôn đốc và báo cáo kết quả {t} trước ngày 05/12.",
]


def post_text(rng: random.Random, number: int, start: dt.date, days: int) -> str:
    subject, action, topic = rng.choice(SUBJECTS), rng.choice(ACTIONS), rng.choice(TOPICS)
    title = f"{subject} {action} {topic} tại {rng.choice(PLACES)} (số {number})"
    when = dt.datetime.combine(
        start + dt.timedelta(days=rng.randrange(days)), dt.time(rng.randrange(7, 18), rng.randrange(60))
    )
    header = [f"Title: {title}", f"Date: {when:%Y-%m-%d %H:%M}"]
    items = rng.sample(range(1, 8), rng.choice([0, 1, 1, 1, 2, 2, 3]))
    if items:
        header.append("Items: " + ", ".join(map(str, sorted(items))))
        header.append(
            "Unit: "
            + rng.choice(
                ["van-phong", "thanh-tra", "phong-quan-ly-khoa-hoc", "chi-cuc-tdc", "trung-tam-thong-tin"]
            )
        )
        header.append("Form: " + rng.choice(["trang-ttdt", "hoi-nghi-giao-ban", "sinh-hoat-chi-bo"]))
    if rng.random() < 0.02:
        header.append("Status: draft")
    paragraphs, words = [], 0
    while words < 500:
        sentences = [
            rng.choice(SENTENCES).format(
                s=rng.choice(SUBJECTS),
                a=rng.choice(ACTIONS),
                t=rng.choice(TOPICS),
                p=rng.choice(PLACES),
                n=rng.randrange(10, 999),
            )
            for _ in range(4)
        ]
        paragraph = " ".join(sentences)
        words += len(paragraph.split())
        paragraphs.append(paragraph)
    return "\n".join(header) + "\n\n" + "\n\n".join(paragraphs) + "\n"


def generate(posts: int, out: Path, seed: int = 118) -> Path:
    """Write a content dir of `posts` posts (spread over 2020) with the real plan."""
    if (out / ".complete").exists() and (out / ".complete").read_text() == f"{posts} {seed}":
        return out
    shutil.rmtree(out, ignore_errors=True)
    (out / "posts").mkdir(parents=True)
    (out / "plans").mkdir()
    shutil.copy(PLAN, out / "plans")
    rng = random.Random(seed)
    for number in range(1, posts + 1):
        (out / "posts" / f"tin-{number:05d}.md").write_text(
            post_text(rng, number, dt.date(2020, 1, 1), 366), encoding="utf-8"
        )
    (out / ".complete").write_text(f"{posts} {seed}")
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--seed", type=int, default=118)
    args = parser.parse_args()
    print(generate(args.posts, args.out or ROOT / "bench" / "corpus" / str(args.posts), args.seed))
