"""What each role of the shared editor may do (issue 26), decided here and only here.

The server asks before every action it answers; the page only mirrors the answers, so hiding a
button is never what stops anyone. An entry belongs to a collection kind (the web editor's
collections: portal.cms_config) and, for posts, activities and period reports, to a unit (its
`Unit:` line, or the unit whose file a period report is).

- contributor: reads and writes its own unit's posts, activities and period reports; submits
  them for review; never publishes, never sees another unit's drafts;
- editor: posts, pages, documents and science and technology tasks of every unit; submits for
  review;
- approver (Ban biên tập): reads everything, may correct posts, pages, documents and tasks,
  publishes or returns with a note;
- office (Văn phòng): every unit's activities and period reports, which it publishes (the
  Office's own records); reads posts; never approves a post;
- admin: accounts only; no content.
"""

from __future__ import annotations

from .accounts import Account

POSTS, PAGES, DOCUMENTS, ACTIVITIES, UNIT_REPORTS, RESEARCH_TASKS = (
    "posts",
    "pages",
    "documents",
    "activities",
    "unit_reports",
    "research_tasks",
)
KINDS = (POSTS, PAGES, DOCUMENTS, ACTIVITIES, UNIT_REPORTS, RESEARCH_TASKS)
UNIT_KINDS = {POSTS, ACTIVITIES, UNIT_REPORTS}  # entries that belong to one unit

_WRITES = {
    "contributor": {POSTS, ACTIVITIES, UNIT_REPORTS},
    "editor": {POSTS, PAGES, DOCUMENTS, RESEARCH_TASKS},
    "approver": {POSTS, PAGES, DOCUMENTS, RESEARCH_TASKS},
    "office": {ACTIVITIES, UNIT_REPORTS},
    "admin": set(),
}
_READS = {
    "contributor": {POSTS, ACTIVITIES, UNIT_REPORTS},
    "editor": {POSTS, PAGES, DOCUMENTS, ACTIVITIES, RESEARCH_TASKS},
    "approver": set(KINDS),
    "office": {POSTS, ACTIVITIES, UNIT_REPORTS},
    "admin": set(),
}
_PUBLISHES = {
    "approver": set(KINDS),
    "office": {ACTIVITIES, UNIT_REPORTS},
}


def kind_of(collection: str) -> str | None:
    """The kind of a web editor collection: 'bao-cao__<plan>__<period>' is a period report."""
    if collection.startswith("bao-cao__"):
        return UNIT_REPORTS
    return collection if collection in KINDS else None


def _own(account: Account, kind: str, unit: str | None) -> bool:
    """A contributor's reach ends at its unit; an entry of no unit is nobody's in particular."""
    return account.role != "contributor" or kind not in UNIT_KINDS or unit == account.unit


def may_read(account: Account, kind: str, unit: str | None = None) -> bool:
    return kind in _READS.get(account.role, set()) and _own(account, kind, unit)


def may_write(account: Account, kind: str, unit: str | None = None) -> bool:
    return kind in _WRITES.get(account.role, set()) and _own(account, kind, unit)


def may_publish(account: Account, kind: str) -> bool:
    return kind in _PUBLISHES.get(account.role, set())


def may_manage_accounts(account: Account) -> bool:
    return account.role == "admin"


def may_see_drafts_of_everyone(account: Account) -> bool:
    """Whether the list of entries waiting for review shows every unit's (else only its own)."""
    return account.role != "contributor"
