"""Plans beside 118/KH-KHCN for tests of items of several plans (DESIGN.md contract 11): copies of
118's text under another number, of another kind (counting the same days) or of another year."""

from conftest import PLAN_118, ContentDir

LEGAL = "40/KH-KHCN"  # another kind, the same year: both plans count the same days
NEXT = "25/KH-KHCN"  # the same kind, the next year


def plan_text(plan_id: str, slug: str, kind: str | None = None, year: int = 2020) -> str:
    text = PLAN_118.read_text(encoding="utf-8")
    text = text.replace("id: 118/KH-KHCN", f"id: {plan_id}").replace(
        "slug: 118-kh-khcn-2020", f"slug: {slug}"
    )
    if kind:
        text = text.replace("kind: tuyen-truyen-cchc-papi", f"kind: {kind}")
    if year != 2020:
        text = text.replace("2020-", f"{year}-").replace("năm 2020", f"năm {year}")
    return text


def add_plans(content: ContentDir, legal: bool = True, next_year: bool = True) -> None:
    """40/KH-KHCN, a legal-education plan of 2020, and 25/KH-KHCN, 118's kind in 2021."""
    if legal:
        text = plan_text(LEGAL, "40-kh-khcn-2020", kind="pho-bien-giao-duc-phap-luat")
        content.write("plans/40-kh-khcn-2020.yml", text)
    if next_year:
        content.write("plans/25-kh-khcn-2021.yml", plan_text(NEXT, "25-kh-khcn-2021", year=2021))
