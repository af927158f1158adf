"""Development settings: `invoke build` and `invoke serve` use these."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # the `portal` and `builder` packages, for plugins and filters

from builder import theme_filters  # noqa: E402
from builder.settings import code_version, ordered_plugins  # noqa: E402
from portal.dates import TIMEZONE_NAME  # noqa: E402
from portal.documents import DEFAULT_TYPES as DEFAULT_DOCUMENT_TYPES  # noqa: E402

SITENAME = "Sở Khoa học và Công nghệ tỉnh Sơn La"
SITE_SHORTNAME = "Sở KH&CN Sơn La"
SITE_DESCRIPTION = (
    "Trang thông tin điện tử của Sở Khoa học và Công nghệ tỉnh Sơn La: "
    "tin tức khoa học, công nghệ, chuyển đổi số, cải cách hành chính và kết quả thực hiện kế hoạch."
)
SITEURL = ""
PATH = "content"
TIMEZONE = TIMEZONE_NAME
DEFAULT_LANG = "vi"
DEFAULT_DATE_FORMAT = "%d/%m/%Y"

# The department as its official papers name it: the site's header and footer, and the
# letterhead of the Office's reports (portal/office_report.py).
DEPARTMENT = {
    "name": "Sở Khoa học và Công nghệ",  # the agency line of the letterhead
    "province": "UBND tỉnh Sơn La",  # the governing body above it
    "place": "Sơn La",  # "Sơn La, ngày … tháng … năm …"
    "address": (
        # Two tiers of local government since 1 July 2025: ward and province, no city.
        "Tầng 5, Tòa nhà 7 tầng, Trung tâm Hành chính tỉnh, phường Chiềng Lề, tỉnh Sơn La"
    ),
    "phone": "0212 3852 218",
    "email": "sokhcn@sonla.gov.vn",
    "editor": "Trung tâm Thông tin và Ứng dụng KH&CN, Sở Khoa học và Công nghệ tỉnh Sơn La",
    # Named in every page's footer, as agency portals name the person answerable for content:
    # the department writes its director's name here.
    "responsible": "Giám đốc Sở Khoa học và Công nghệ tỉnh Sơn La",
}
# The page about the department in English (Decree 42/2022/NĐ-CP, Art. 7: organisation,
# functions and contacts), at ENGLISH_URL, linked from every page; the contacts are DEPARTMENT's,
# the fields and units (with their English names) the department's data (content/co-quan/).
ENGLISH_URL = "en/"
DEPARTMENT_EN = {
    "name": "Department of Science and Technology of Son La Province",
    "province": "People's Committee of Son La Province",
    "address": (
        "5th floor, 7-storey building, Provincial Administrative Centre, Chieng Le ward, "
        "Son La province, Viet Nam"
    ),
    "about": (
        "The Department of Science and Technology is a specialised agency of the People's Committee "
        "of Son La Province. It advises and assists the Committee in the state management of science, "
        "technology and innovation, post, telecommunications, information technology and digital "
        "transformation (since 1 March 2025) in the province, and carries out public services in these "
        "fields."
    ),
}
# The home page's quick links (label, address, what it is for): what visitors of a department
# portal look for besides news. Addresses without a scheme are pages of this site.
QUICK_LINKS = [
    (
        "Cổng Dịch vụ công tỉnh Sơn La",
        "https://dichvucong.sonla.gov.vn/",
        "Nộp hồ sơ, tra cứu kết quả trực tuyến",
    ),
    (
        "Cổng Dịch vụ công quốc gia",
        "https://dichvucong.gov.vn/",
        "Thủ tục hành chính, dịch vụ công trực tuyến",
    ),
    ("Văn bản", "van-ban/", "Văn bản chỉ đạo, điều hành, kế hoạch của Sở"),
    ("Phản ánh – kiến nghị", "phan-anh-kien-nghi/", "Gửi phản ánh, kiến nghị về thủ tục hành chính"),
    ("Liên hệ", "lien-he/", "Địa chỉ, điện thoại, thư điện tử của Sở"),
]
# The Word template of the Office's report (`invoke report --format docx`): None for the one
# shipped in portal/templates/; the Office's own edited copy, e.g. ROOT / "mau" / "bao-cao.docx".
REPORT_TEMPLATE = None
# Portals of related agencies, in every page's footer (Decree 42/2022/NĐ-CP, Art. 7).
RELATED_LINKS = [
    ("Cổng Thông tin điện tử tỉnh Sơn La", "https://sonla.gov.vn/"),
    ("Bộ Khoa học và Công nghệ", "https://mst.gov.vn/"),
    ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn/"),
]
# Canonical and Open Graph URLs name the public site even in previews.
CANONICAL_SITEURL = "https://sokhcn.sonla.gov.vn"

THEME = str(ROOT / "theme")
PLUGIN_PATHS = [str(ROOT / "plugins")]
# In any order: they run after the site model (builder.site_model) in the order their data flows
# (builder.settings.ordered_plugins, which builds apply again to PLUGINS as overridden).
PLUGINS = ordered_plugins(
    [
        "preview_pages",
        "markdown_reader",
        "safe_links",
        "plan_items",
        "coverage",
        "feeds",
        "reproducible_sitemap",
        "page_cache",
        "draft_files",
        "responsive_images",
        "documents",
        "activities",
        "research_tasks",
        "department",
        "information_access",
        "home_page",
        "site_icons",
    ],
    PLUGIN_PATHS,
)
SITEMAP = {
    "format": "xml",
    "exclude": [r"^404\.html$", r"^manifest\.webmanifest$", r"/trang/\d+/$", r"^tim-kiem/$"],
}
SEARCH_INDEX = True  # Pagefind, run on the output of every build
SAFE_HTML_IFRAME_HOSTS = []  # e.g. ["www.youtube-nocookie.com"]

# The kind of plan the site leads with (the home page's "Cải cách hành chính" block, the menu's
# "Kết quả thực hiện", a report without --plan) when several plans run at once.
MAIN_PLAN_KIND = "tuyen-truyen-cchc-papi"
# Activities (DESIGN.md contract 10): counted in reports; a page only when Public: yes.
ACTIVITY_PATHS = ["hoat-dong"]
ACTIVITIES_URL = "hoat-dong/"
ACTIVITIES_SAVE_AS = "hoat-dong/index.html"
ACTIVITY_URL = "hoat-dong/{date:%Y}/{slug}/"
ACTIVITY_SAVE_AS = "hoat-dong/{date:%Y}/{slug}/index.html"

ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
# Pictures, and the documents posts attach (the official text a post reports on).
STATIC_PATHS = ["images", "files"]
# The only kinds of file published from STATIC_PATHS: pictures and documents, nothing a
# browser would run (.html, .js, .svg). The checker refuses any other.
STATIC_FILE_TYPES = [
    "jpg",
    "jpeg",
    "png",
    "gif",
    "webp",
    "avif",
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "odt",
    "ods",
    "odp",
    "rtf",
    "txt",
    "csv",
    "zip",
    "7z",
    "rar",
    "mp3",
    "mp4",
    "webm",
]
READERS = {"rst": None, "html": None, "htm": None}
# Dates come from headers only (the checker requires them): a file named "2018-36-2018-qh14.md"
# must not be read as the date 2018-36-20.
FILENAME_METADATA = ""
IGNORE_FILES = [".*", "*~", "#*#"]

# Our URLs: readable Vietnamese without tone marks, one folder per page.
ARTICLE_URL = "tin-tuc/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "tin-tuc/{date:%Y}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PLANS_URL = "ke-hoach/"  # every plan, newest first
PLANS_SAVE_AS = "ke-hoach/index.html"
PLAN_URL = "ke-hoach/{slug}/"
PLAN_SAVE_AS = "ke-hoach/{slug}/index.html"
PLANTEXT_URL = "ke-hoach/{slug}/van-ban/"
PLANTEXT_SAVE_AS = "ke-hoach/{slug}/van-ban/index.html"
PLANRESULTS_URL = "ke-hoach/{slug}/ket-qua/"
PLANRESULTS_SAVE_AS = "ke-hoach/{slug}/ket-qua/index.html"
PLANITEM_URL = "ke-hoach/{plan_slug}/{slug}/"
PLANITEM_SAVE_AS = "ke-hoach/{plan_slug}/{slug}/index.html"
# Official documents (plugins/documents): content/van-ban/, a library with filters, a page each.
DOCUMENT_PATHS = ["van-ban"]
DOCUMENTS_URL = "van-ban/"
DOCUMENTS_SAVE_AS = "van-ban/index.html"
DOCUMENT_URL = "van-ban/{year}/{slug}/"
DOCUMENT_SAVE_AS = "van-ban/{year}/{slug}/index.html"
DOCUMENTFILTER_URL = "van-ban/{kind}/{slug}/"
DOCUMENTFILTER_SAVE_AS = "van-ban/{kind}/{slug}/index.html"
# Science and technology tasks (plugins/research_tasks, DESIGN.md contract 15): content/nhiem-vu/,
# a list with filters (level, field, status, year), a page each.
RESEARCH_PATHS = ["nhiem-vu"]
RESEARCH_TASKS_URL = "nhiem-vu/"
RESEARCH_TASKS_SAVE_AS = "nhiem-vu/index.html"
RESEARCH_TASK_URL = "nhiem-vu/{slug}/"
RESEARCH_TASK_SAVE_AS = "nhiem-vu/{slug}/index.html"
RESEARCHFILTER_URL = "nhiem-vu/{kind}/{slug}/"
RESEARCHFILTER_SAVE_AS = "nhiem-vu/{kind}/{slug}/index.html"
# The department as data (plugins/department, plugins/information_access): content/co-quan/.
DEPARTMENT_URL = "to-chuc/"
DEPARTMENT_SAVE_AS = "to-chuc/index.html"
INFORMATION_ACCESS_URL = "tiep-can-thong-tin/"
INFORMATION_ACCESS_SAVE_AS = "tiep-can-thong-tin/index.html"
# The closed list of document types an editor may write in `Type:` (add a type here).
DOCUMENT_TYPES = list(DEFAULT_DOCUMENT_TYPES)
ARCHIVES_URL = "luu-tru/"
ARCHIVES_SAVE_AS = "luu-tru/index.html"
YEAR_ARCHIVE_URL = "luu-tru/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "luu-tru/{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "luu-tru/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "luu-tru/{date:%Y}/{date:%m}/index.html"
DIRECT_TEMPLATES = ["home", "index", "archives", "search", "404", "english", "manifest", "robots"]
ENGLISH_SAVE_AS = "en/index.html"
MANIFEST_SAVE_AS = "manifest.webmanifest"  # the web app manifest: name, icons, colours
ROBOTS_SAVE_AS = "robots.txt"
HOME_SAVE_AS = "index.html"
INDEX_URL = "tin-tuc/"
INDEX_SAVE_AS = "tin-tuc/index.html"
SEARCH_URL = "tim-kiem/"
SEARCH_SAVE_AS = "tim-kiem/index.html"
NOT_FOUND_SAVE_AS = "404.html"
# No TEMPLATE_PAGES: Pelican looks for their templates in the content folder first, so a file
# there named like one would run as a template at build time. Every page comes from the theme.
TEMPLATE_PAGES: dict[str, str] = {}

# Pelican features this site does not use: no page may exist that no template links.
for _kind in ("CATEGORY", "CATEGORIES", "TAG", "TAGS", "AUTHOR", "AUTHORS", "DAY_ARCHIVE"):
    globals()[f"{_kind}_SAVE_AS"] = ""
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
WITH_FUTURE_DATES = False
SLUGIFY_SOURCE = "title"
USE_FOLDER_AS_CATEGORY = False
# One language, no translations (the checker refuses Lang and Translation keys): Pelican's
# grouping by slug is skipped, and with it a pass comparing every post with every other.
ARTICLE_TRANSLATION_ID = PAGE_TRANSLATION_ID = None

# Feeds come from plugins/feeds (feedgen), never from Pelican itself. In
# development their links point at the preview server (`make serve`).
FEED_DOMAIN = "http://127.0.0.1:8000"
PORTAL_FEED_MAX_ITEMS = 50
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = TAG_FEED_RSS = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = FEED_ATOM = FEED_RSS = None

DEFAULT_PAGINATION = 20
PAGINATED_TEMPLATES = {
    "index": None,
    "plan_item": None,
    "period_archives": None,
    "documents": None,
    "research_tasks": None,
}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
)

JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}
JINJA_FILTERS = theme_filters.FILTERS

# Pelican's reader cache, keyed by each file's SHA-256 (so it survives fresh
# checkouts), in cache/ at the project root. The folder name hashes the code
# (builder.settings.code_version), and builder.settings.load_settings adds one per
# content folder and settings, so a change to any code or setting starts a fresh cache.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "sha256"
CACHE_PATH = str(Path(os.environ.get("PORTAL_CACHE_DIR", ROOT / "cache")) / code_version()[:12])
MARKDOWN_WORKERS = None  # all cores
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

# Pelican's Markdown settings, with sane_lists: a numbered list written right after a bulleted
# one stays a list of its own (the web editor writes them so), as it looks while being written.
# Pelican's placeholder (`{static}`, `|filename|`) named by letters only: its default `.*?` made a
# post of '{' and 150,000 '|' take minutes to build (the search is quadratic in the run).
INTRASITE_LINK_REGEX = "[{|](?P<what>[a-z]+)[|}]"
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight"},
        # Footnotes' back links titled in Vietnamese (Python-Markdown's default is English).
        "markdown.extensions.extra": {
            "footnotes": {"BACKLINK_TITLE": "Quay lại chỗ có chú thích %d trong bài"}
        },
        "markdown.extensions.meta": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

# The web editor's gate (`invoke edit`, editors/editor.py). An upload larger than
# EDITOR_MAX_FILE_MB (a news photo is a few MB, a scanned decision a few more), or a save carrying
# more than EDITOR_MAX_SAVE_MB of files, is refused with how to make the file smaller; a write that
# would leave the content folder's disk with less than EDITOR_MIN_FREE_MB free is refused; a
# request must arrive whole within EDITOR_TIMEOUT_SECONDS (a silent one never holds the server).
EDITOR_MAX_FILE_MB = 30
EDITOR_MAX_SAVE_MB = 60
EDITOR_MIN_FREE_MB = 1024
EDITOR_TIMEOUT_SECONDS = 30
