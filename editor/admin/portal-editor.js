// The web editor's page (issue 18): Decap CMS with the portal's file format, body buttons for a
// picture and an attachment written as the checker reads them, and the checker's word after
// every save. Its configuration (portal-config.json) is made by `invoke edit` from the plans and
// the checker's keys on every start (portal/cms_config.py).
import { fromFile, toFile, withSpellings } from "./portal-format.js";
import { VI_EXTRA, merged } from "./vi-extra.js";

const CMS = window.CMS;
const { cms, spellings, plans } = await (await fetch("portal-config.json")).json();

function escape(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

CMS.registerLocale("vi", merged(CMS.getLocale("vi"), VI_EXTRA));
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
// The preview pane: pictures fit its width, text in the interface's font.
CMS.registerPreviewStyle("img { max-width: 100%; height: auto; } body { font-family: system-ui, sans-serif; }", {
  raw: true,
});

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

CMS.registerEventListener({
  name: "postSave",
  handler: async () => {
    panel.hidden = false;
    panel.className = "";
    panel.textContent = "Đang kiểm tra bài vừa lưu…";
    try {
      show(await (await fetch("/api/check")).json());
    } catch {
      panel.textContent = "Không kiểm tra được: trình soạn thảo không trả lời (cửa sổ 'invoke edit' đã đóng?).";
    }
  },
});

CMS.init({ config: { ...cms, load_config_file: false } });
