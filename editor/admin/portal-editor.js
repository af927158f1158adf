// The web editor's page (issue 18): Decap CMS with the portal's file format, body buttons for a
// picture and an attachment written as the checker reads them, and the checker's word after
// every save. Its configuration (portal-config.json) is made by `invoke edit` from the plans and
// the checker's keys on every start (portal/cms_config.py).
import { fromFile, toFile, withSpellings } from "./portal-format.js";
import { VI_EXTRA, VI_SHARED, merged } from "./vi-extra.js";

const CMS = window.CMS;
const { cms, spellings, plans, account } = await (await fetch("portal-config.json")).json();

// The shared editor: who is signed in, in which role, and the way out.
const ROLE_NAMES = {
  contributor: "cộng tác viên",
  editor: "biên tập viên",
  approver: "Ban biên tập",
  office: "Văn phòng",
  admin: "quản trị",
};
if (account) {
  const bar = document.getElementById("portal-account");
  const who = document.createElement("span");
  who.textContent = `${account.name || account.login} · ${ROLE_NAMES[account.role] || account.role}` +
    (account.unit ? ` · ${account.unit}` : "");
  const out = document.createElement("button");
  out.type = "button";
  out.textContent = "Đăng xuất";
  out.onclick = async () => {
    await fetch("/logout", { method: "POST" });
    location.href = "/login";
  };
  const password = document.createElement("a");
  password.href = "/account/password";
  password.textContent = "Đổi mật khẩu";
  bar.append(who, " ", password, " ", out);
  bar.hidden = false;
}

function escape(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const vietnamese = merged(CMS.getLocale("vi"), VI_EXTRA);
CMS.registerLocale("vi", account ? merged(vietnamese, VI_SHARED) : vietnamese);
// The plans' days tell an entry's own plan: its items are written "1, 4", another plan's "40/KH-KHCN: 2".
CMS.registerCustomFormat("portal", "md", {
  fromFile: (text) => withSpellings(fromFile(text), spellings, plans),
  toFile: (data, sortedKeys) => toFile(data, sortedKeys, plans),
});
// The body as the site's Markdown (Python-Markdown) reads it: list content at four spaces, so a
// list inside a list stays inside it, and a line break (Shift+Enter) as two trailing spaces, not
// CommonMark's backslash, which the site would show.
// A list holding a list is written with blank lines between its items: Python-Markdown would
// otherwise take the next item for the inner list's.
function nestedListsApart() {
  const visit = (node) => {
    if (node.type === "list" && node.children.some((item) => item.children?.some((c) => c.type === "list"))) {
      node.spread = true;
      for (const item of node.children) item.spread = true;
    }
    for (const child of node.children ?? []) visit(child);
  };
  return visit;
}
CMS.registerRemarkPlugin({
  plugins: [nestedListsApart],
  settings: { commonmark: false, listItemIndent: "tab" },
});
// The preview pane: as a post reads on the site (its fonts, width and headings, not Decap's bare
// fields), with the names the select boxes show rather than the ids the file holds.
CMS.registerPreviewStyle(
  "img { max-width: 100%; height: auto; } " +
    "body { font-family: 'Noto Sans', 'Segoe UI', system-ui, sans-serif; font-size: 17px; " +
    "line-height: 1.6; color: #1b1b1b; max-width: 42em; margin: 0 auto; padding: 1rem; } " +
    "h1 { font-size: 1.6rem; line-height: 1.3; color: #0b4f8a; } " +
    ".portal-meta { color: #555; font-size: 0.95rem; margin: 0 0 1rem; } " +
    ".portal-summary { font-weight: 600; } table { border-collapse: collapse; } " +
    "td, th { border: 1px solid #bbb; padding: 0.3rem 0.5rem; }",
  { raw: true },
);

function optionLabel(collection, field, value) {
  const options = collection?.fields?.find((each) => each.name === field)?.options ?? [];
  const shown = (one) => options.find((option) => option.value === one)?.label ?? one;
  return Array.isArray(value) ? value.map(shown).join("; ") : shown(value);
}

function dayShown(value) {
  const found = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(String(value ?? ""));
  return found ? `${found[3]}/${found[2]}/${found[1]}${found[4] ? ` ${found[4]}:${found[5]}` : ""}` : "";
}

for (const name of ["posts", "activities"]) {
  const collection = cms.collections.find((each) => each.name === name);
  if (!collection) continue;
  CMS.registerPreviewTemplate(name, ({ entry, widgetFor }) => {
    const get = (field) => entry.getIn(["data", field])?.toJS?.() ?? entry.getIn(["data", field]);
    const meta = [
      dayShown(get("date")),
      optionLabel(collection, "unit", get("unit")),
      optionLabel(collection, "form", get("form")),
      optionLabel(collection, "items", get("items")),
    ].filter(Boolean);
    return h(
      "article",
      {},
      h("h1", {}, get("title") ?? ""),
      h("p", { className: "portal-meta" }, meta.join(" · ")),
      get("summary") ? h("p", { className: "portal-summary" }, get("summary")) : null,
      widgetFor("body"),
    );
  });
}

// `![alt]({static}/images/2020/a.jpg)`: a picture in the body, its description required by check.
// Registered as "image", in place of Decap's own (English, and blind to `{static}`), so pictures
// already in a post open in it too; the editor holds a content path as "/images/2020/a.jpg".
const IMAGE_LINE = /^!\[([^\]\n]*)\]\(([^)\s]+)\)$/;
function contentPath(target) {
  return target.startsWith("{static}/") ? `/${target.slice("{static}/".length)}` : target;
}
function markdownTarget(src) {
  if (!src) return "";
  return /^[a-z]+:/i.test(src) ? src : `{static}/${src.replace(/^\/+/, "")}`;
}
CMS.registerEditorComponent({
  id: "image",
  label: "Ảnh",
  fields: [
    // Uploaded with the post's attachments, under files/<year>/ (the collection's media folder).
    { name: "src", label: "Ảnh", widget: "image", choose_url: false },
    {
      name: "alt",
      label: "Mô tả ảnh",
      widget: "string",
      hint: "Bắt buộc: ảnh cho thấy gì (đọc cho người khiếm thị).",
    },
  ],
  pattern: IMAGE_LINE,
  fromBlock: (match) => ({ alt: match[1], src: contentPath(match[2]) }),
  toBlock: ({ alt, src }) => `![${alt ?? ""}](${markdownTarget(src)})`,
  toPreview: ({ alt, src }, getAsset, fields) => {
    const field = fields?.find((f) => f.get("widget") === "image");
    return `<img src="${escape(src ? getAsset(src, field) : "")}" alt="${escape(alt)}">`;
  },
});

// `[name]({static}/files/2020/b.pdf)`: an attachment (the signed document, a form to fill in).
CMS.registerEditorComponent({
  id: "portal-file",
  label: "Tệp đính kèm",
  fields: [
    { name: "file", label: "Tệp (PDF, DOCX, XLSX…)", widget: "file", choose_url: false },
    { name: "text", label: "Tên hiện trong bài", widget: "string", hint: "Ví dụ: Kế hoạch số 118/KH-KHCN" },
  ],
  pattern: /^\[([^\]\n]*)\]\((\{static\}\/[^)\s]+)\)$/,
  fromBlock: (match) => ({ text: match[1], file: contentPath(match[2]) }),
  toBlock: ({ text, file }) => `[${text || (file ?? "").split("/").pop()}](${markdownTarget(file)})`,
  toPreview: ({ text, file }) => `<a href="#">${escape(text || file)}</a>`,
});

// After a save: what `invoke check` says of the files it wrote, and where the page is to be seen.
const panel = document.getElementById("portal-check");

function line(problem) {
  const item = document.createElement("li");
  const where = problem.where ? `${problem.where}: ` : "";
  item.append(`${problem.error ? "LỖI" : "CẢNH BÁO"} – ${where}${problem.message}`);
  if (problem.fix) {
    const fix = document.createElement("div");
    fix.className = "fix";
    fix.textContent = `Cách sửa: ${problem.fix}`;
    item.append(fix);
  }
  return item;
}

function show(result) {
  panel.replaceChildren();
  const errors = result.problems.filter((p) => p.error);
  panel.className = errors.length ? "has-errors" : result.problems.length ? "has-warnings" : "";
  const close = document.createElement("button");
  close.className = "close";
  close.type = "button";
  close.setAttribute("aria-label", "Đóng");
  close.textContent = "×";
  close.onclick = () => (panel.hidden = true);
  const title = document.createElement("h2");
  title.textContent = errors.length
    ? `Đã lưu, nhưng còn ${errors.length} lỗi phải sửa trước khi đăng`
    : result.problems.length
      ? "Đã lưu; có cảnh báo nên xem"
      : `Đã lưu; ${result.noun ?? "bài"} qua kiểm tra`;
  panel.append(close, title);
  if (result.problems.length) {
    const list = document.createElement("ul");
    list.append(...result.problems.map(line));
    panel.append(list);
  }
  const note = document.createElement("p");
  let extra = null;
  if (errors.length) {
    note.textContent =
      "Nội dung đã lưu, không mất gì. Trang xem trước giữ bản cũ cho đến khi sửa hết lỗi và lưu lại.";
  } else if (result.other_error_count) {
    note.textContent = `Bài này không có lỗi, nhưng trang xem trước chờ sửa ${result.other_error_count} lỗi ở tệp khác:`;
    const others = document.createElement("ul");
    others.append(
      ...result.other_errors.map((text) => {
        const item = document.createElement("li");
        item.textContent = text;
        return item;
      }),
    );
    extra = others;
  } else if (result.noun === "báo cáo") {
    note.textContent =
      "Báo cáo của đơn vị không đăng lên trang web: Văn phòng tổng hợp vào báo cáo của Sở. " +
      "Ô «Ngày gửi Văn phòng» để trống thì báo cáo còn là bản nháp. ";
    const status = document.createElement("button");
    status.type = "button";
    status.className = "link";
    status.textContent = "Xem tình hình báo cáo";
    status.onclick = () => openStatus();
    note.append(status);
  } else if (result.noun === "hoạt động" && !result.pages.length) {
    note.textContent =
      "Hoạt động được tính vào báo cáo theo mục đã chọn; không có trang riêng trên trang web " +
      "(ô «Hiện trên trang web»: Không).";
  } else if (result.pages.length) {
    note.append("Xem trước (cập nhật sau vài giây): ");
    for (const page of result.pages) {
      const link = document.createElement("a");
      link.href = page.url;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = page.title;
      note.append(link, " ");
    }
  }
  if (note.childNodes.length) panel.append(note);
  if (extra) panel.append(extra);
  panel.hidden = false;
}

// The panel speaks of one save of one entry: gone when another entry or list is opened (a new
// entry's first save moves the page to its own address: the same entry still), or a save fails.
let checkedAt = null;
let checking = false; // a save's check is on its way: the page may still move to the entry's address
function entryOf(hash) {
  const found = /^#\/collections\/([^/?]+)\/(?:entries\/([^?]+)|new)/.exec(hash);
  return found ? { collection: found[1], entry: found[2] ?? null } : null;
}
window.addEventListener("hashchange", () => {
  const now = entryOf(location.hash);
  if (checking) {
    checkedAt = now; // Decap moving a new entry to its own address after the save
    return;
  }
  const same = now && checkedAt && now.collection === checkedAt.collection &&
    (checkedAt.entry === null || checkedAt.entry === now.entry);
  if (!same) panel.hidden = true;
  if (same) checkedAt = now;
});
window.addEventListener("portal-save-failed", () => (panel.hidden = true));

CMS.registerEventListener({
  name: "postSave",
  handler: async () => {
    panel.hidden = false;
    panel.className = "";
    panel.textContent = "Đang kiểm tra bài vừa lưu…";
    checkedAt = entryOf(location.hash);
    checking = true;
    try {
      show(await (await fetch("/api/check")).json());
    } catch {
      panel.textContent = "Không kiểm tra được: trình soạn thảo không trả lời (cửa sổ 'invoke edit' đã đóng?).";
    } finally {
      checking = false;
    }
  },
});

// The units' report cycle, as `invoke report-status` prints it: every unit of the plan with its
// deadline and state, computed by the editor's server (/api/report-status), shown here. Every
// word comes from the content (unit names, signers): set as text, never as HTML.
const dialog = document.getElementById("portal-status");
const picker = document.getElementById("portal-status-period");
const statusBody = document.getElementById("portal-status-body");
// A unit report collection's address names its plan and period (portal/cms_config.py).
const REPORTS = /^#\/collections\/bao-cao__([a-z0-9-]+)__([a-z0-9-]+)(?:[/?]|$)/;
const opener = document.getElementById("portal-status-open");

function cell(tag, text) {
  const element = document.createElement(tag);
  element.textContent = text ?? "";
  return element;
}

function statusTable(status) {
  const table = document.createElement("table");
  table.append(cell("caption", status.heading));
  const head = document.createElement("tr");
  for (const title of ["Đơn vị", "Hạn", "Tình trạng", "Người ký", ""]) {
    const th = cell("th", title);
    th.scope = "col";
    head.append(th);
  }
  table.createTHead().append(head);
  const body = table.createTBody();
  for (const unit of status.units) {
    const row = body.insertRow();
    row.className = `state-${unit.state}`;
    row.dataset.unit = unit.id;
    const name = cell("th", unit.name);
    name.scope = "row";
    const link = document.createElement("a");
    const base = `#/collections/${encodeURIComponent(status.collection)}`;
    link.href = unit.file
      ? `${base}/entries/${encodeURIComponent(unit.id)}`
      : `${base}/new?unit=${encodeURIComponent(unit.id)}`;
    link.textContent = unit.file ? "Mở báo cáo" : "Viết báo cáo";
    link.onclick = () => dialog.close();
    const action = document.createElement("td");
    action.append(link);
    row.append(name, cell("td", unit.deadline_text), cell("td", unit.label), cell("td", unit.signer), action);
  }
  return table;
}

function showStatus(status) {
  picker.value = `${status.plan.slug}/${status.period.slug}`;
  const parts = [cell("p", status.deadlines), statusTable(status), cell("p", status.summary)];
  if (status.problems.length) {
    parts.push(cell("p", "Các tệp báo cáo sau có lỗi nên chưa được tính (sửa rồi lưu lại):"));
    const list = document.createElement("ul");
    list.className = "problems";
    list.append(
      ...status.problems.map((problem) => {
        const where = problem.line ? `${problem.file}, dòng ${problem.line}` : problem.file;
        const item = cell("li", `${problem.error ? "LỖI" : "CẢNH BÁO"} – ${where}: ${problem.message}`);
        if (problem.fix) item.append(cell("div", `Cách sửa: ${problem.fix}`));
        return item;
      }),
    );
    parts.push(list);
  }
  statusBody.replaceChildren(...parts);
}

async function loadStatus(plan, period) {
  const query = new URLSearchParams();
  if (plan) query.set("plan", plan);
  if (period) query.set("period", period);
  statusBody.replaceChildren(cell("p", "Đang tải…"));
  try {
    const answer = await fetch(`/api/report-status?${query}`);
    const data = await answer.json();
    if (!answer.ok) {
      statusBody.replaceChildren(cell("p", `Không xem được: ${data.error}`));
      return;
    }
    if (!picker.options.length) {
      picker.append(
        ...data.periods.map((each) => {
          const option = cell("option", each.label);
          option.value = `${each.plan}/${each.period}`;
          return option;
        }),
      );
    }
    showStatus(data);
  } catch {
    statusBody.replaceChildren(
      cell("p", "Không xem được: trình soạn thảo không trả lời (cửa sổ 'invoke edit' đã đóng?)."),
    );
  }
}

// Opened from a unit report's list or form, the dialog shows that period; else the one being filed.
function openStatus() {
  const [, plan, period] = REPORTS.exec(window.location.hash) ?? [];
  if (!dialog.open) dialog.showModal();
  loadStatus(plan, period);
}

// The button waits in a corner of the lists; an entry's form keeps the whole screen.
function placeOpener() {
  opener.hidden = /^#\/collections\/[^/]+\/(entries|new)/.test(window.location.hash);
}

opener.onclick = openStatus;
picker.onchange = () => loadStatus(...picker.value.split("/"));
window.addEventListener("hashchange", placeOpener);
placeOpener();

// The shared editor: an entry's history (who changed it, when, what), from /api/history, the same
// record `invoke history` prints; an earlier version brought back as a new save to be approved.
const history = document.getElementById("portal-history");
const historyBody = document.getElementById("portal-history-body");
const historyOpener = document.getElementById("portal-history-open");
const ENTRY = /^#\/collections\/([^/]+)\/entries\/([^/?]+)/;

function entryPath() {
  const [, name, slug] = ENTRY.exec(window.location.hash) ?? [];
  const collection = cms.collections.find((each) => each.name === decodeURIComponent(name ?? ""));
  return collection ? `${collection.folder}/${decodeURIComponent(slug)}.md` : null;
}

function showHistory(found) {
  const parts = [];
  if (found.unpublished) parts.push(cell("p", "Bài đang có thay đổi chưa được duyệt đăng."));
  if (!found.revisions.length) parts.push(cell("p", "Chưa có bản nào được duyệt đăng."));
  for (const [index, revision] of found.revisions.entries()) {
    const item = document.createElement("section");
    item.className = "revision";
    const what = revision.approval ? "duyệt đăng" : "sửa";
    item.append(cell("h3", `${revision.when} · ${revision.author} ${what}`), cell("p", revision.message));
    const details = document.createElement("details");
    details.append(cell("summary", "Những gì thay đổi"), cell("pre", revision.diff));
    item.append(details);
    if (index > 0 || found.unpublished) {
      const back = document.createElement("button");
      back.type = "button";
      back.textContent = "Khôi phục bản này";
      back.onclick = () => restore(found, revision);
      item.append(back);
    }
    parts.push(item);
  }
  historyBody.replaceChildren(...parts);
}

async function openHistory() {
  const path = entryPath();
  if (!path) return;
  if (!history.open) history.showModal();
  historyBody.replaceChildren(cell("p", "Đang tải…"));
  const answer = await fetch(`/api/history?path=${encodeURIComponent(path)}`);
  const data = await answer.json();
  if (answer.ok) showHistory(data);
  else historyBody.replaceChildren(cell("p", `Không xem được: ${data.error}`));
}

async function restore(found, revision) {
  if (!window.confirm(`Khôi phục bài về bản ${revision.when} của ${revision.author}? Bản khôi phục là một bản nháp, cần Ban biên tập duyệt.`)) return;
  const answer = await fetch("/api/restore", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ path: found.path, commit: revision.commit, current: found.current }),
  });
  const data = await answer.json();
  if (!answer.ok) {
    historyBody.prepend(cell("p", `Không khôi phục được: ${data.error}`));
    return;
  }
  history.close();
  window.location.reload();  // the entry as it now is on its branch
}

function placeHistory() {
  historyOpener.hidden = !account || !ENTRY.test(window.location.hash);
}
if (account) {
  historyOpener.onclick = openHistory;
  window.addEventListener("hashchange", placeHistory);
  placeHistory();
}

// Decap names the server's refusals by its error class ("API_ERROR: bạn không được…"): the
// server's Vietnamese words are what the person is to read, so the class name is taken away.
new MutationObserver((changes) => {
  for (const change of changes) {
    for (const node of change.addedNodes) {
      if (!(node instanceof Element) || !node.closest(".Toastify")) continue; // toasts only
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      for (let text = walker.currentNode; text; text = walker.nextNode()) {
        if (text.nodeType === Node.TEXT_NODE && text.data.includes("API_ERROR: ")) {
          text.data = text.data.replaceAll("API_ERROR: ", "");
        }
      }
    }
  }
}).observe(document.body, { childList: true, subtree: true });

if (cms.collections.length) {
  CMS.init({ config: { ...cms, load_config_file: false } });
} else {
  // An account whose role edits nothing here (the administrator): said in Vietnamese, instead
  // of Decap's English error about a configuration with no collections.
  const said = document.createElement("main");
  said.id = "portal-nothing-to-edit";
  const heading = document.createElement("h1");
  heading.textContent = "Tài khoản này không soạn bài";
  const text = document.createElement("p");
  text.textContent =
    "Tài khoản quản trị chỉ quản lý tài khoản (lệnh invoke user-add, user-disable, user-password " +
    "trên máy chủ). Để viết hay duyệt bài, đăng nhập bằng tài khoản biên tập viên, cộng tác viên, " +
    "Ban biên tập hoặc Văn phòng.";
  said.append(heading, text);
  document.body.append(said);
}
