// The portal's file format for the web editor (Decap CMS custom format, issue 18): a header of
// "Key: value" lines, a blank line, then the Markdown body, exactly as `invoke check` reads it
// (portal/posts.py). The editor's fields are the checker's lower-case key names ("title", "date":
// the names Decap infers an entry's title and date from); the file spells keys "Title",
// "Image_alt". A list field (Items) is an array in the editor and "1, 4" in the file. A
// value the editor did not change is written back as it was typed (its own spacing, its own
// spelling of the key), so opening and saving a file changes no byte; a changed or new value is
// written in the canonical form, after the keys already there.

const LISTS = new Set(["items", "files"]); // "1, 4"; a document's "2020/a.pdf, 2020/b.docx"
// As portal/posts.py reads a header: _KEY_LINE (keys the checker can accept) and _MORE_LINE.
const KEY_LINE = /^ {0,3}([A-Za-z0-9_-]+)\s*:(?!\/\/)([^]*)$/; // [^]: U+2028 in a value too
const MORE_LINE = /^ {4,}(\S.*)$/;
const RAW = "__portal_header"; // what the file said, kept beside the fields for the way back

function splitList(value) {
  return value.split(/[,;]/).map((part) => part.trim()).filter((part) => part !== "");
}

export function fromFile(text) {
  const bom = text.startsWith("\ufeff") ? "\ufeff" : "";
  // As portal/posts.py decodes: CRLF, or a lone CR, is a line end.
  const newline = text.includes("\r\n") ? "\r\n" : text.includes("\r") ? "\r" : "\n";
  const plain = text.slice(bom.length).split(newline).join("\n");
  const lead = plain.length - plain.replace(/^\n+/, "").length; // blank lines before the header
  const end = plain.indexOf("\n\n", lead);
  const head = plain.slice(lead, end >= 0 ? end : plain.length);
  const data = {};
  const lines = [];
  let last = null; // the key line a continuation line (four spaces or more) belongs to
  for (const line of head.split("\n")) {
    const more = MORE_LINE.exec(line);
    if (more && last) {
      last.line += `\n${line}`;
      last.text += ` ${more[1].trim()}`;
      last.value = data[last.field] = LISTS.has(last.field) ? splitList(last.text) : last.text;
      continue;
    }
    const match = KEY_LINE.exec(line);
    const field = match?.[1].toLowerCase();
    // Not a key line, or a key already read (the checker keeps the first and reports the
    // second), or a name the editor keeps for itself: kept as it is, not a field.
    if (!match || Object.hasOwn(data, field) || field === "body" || field === RAW) {
      lines.push({ line });
      last = null;
      continue;
    }
    const value = match[2].trim();
    data[field] = LISTS.has(field) ? splitList(value) : value;
    last = { field, line, text: value, value: data[field] };
    lines.push(last);
  }
  data.body = end >= 0 ? plain.slice(end + 2) : "";
  data[RAW] = { bom, newline, lead, lines, separated: end >= 0 };
  return data;
}

function empty(value) {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length);
}

function same(a, b) {
  return JSON.stringify(a ?? "") === JSON.stringify(b ?? "");
}

export function headerKey(field) {
  return field === "image_alt" ? "Image_alt" : field.charAt(0).toUpperCase() + field.slice(1);
}

function canonical(field, value) {
  const text = Array.isArray(value) ? value.join(", ") : String(value ?? "");
  // A header value is one line: a summary typed over several lines (or with a blank line, which
  // would end the header) is written as one.
  return `${headerKey(field)}: ${text.split(/\s*\n\s*/).filter((part) => part !== "").join(" ")}`;
}

// sortedKeys: the form's field order (Decap passes it), for keys the file did not have yet.
export function toFile(data, sortedKeys = []) {
  const raw = data[RAW] || { bom: "", newline: "\n", lines: [], separated: true };
  const out = [];
  const written = new Set();
  for (const entry of raw.lines) {
    if (!entry.field) {
      out.push(entry.line);
      continue;
    }
    written.add(entry.field);
    const value = data[entry.field];
    if (same(value, entry.value)) {
      out.push(entry.line); // as typed, an empty "Summary:" included
    } else if (!empty(value)) {
      out.push(canonical(entry.field, value));
    } // else emptied in the editor: the key goes
  }
  const place = (field) => (sortedKeys.includes(field) ? sortedKeys.indexOf(field) : sortedKeys.length);
  const added = Object.keys(data).sort((a, b) => place(a) - place(b));
  for (const field of added) {
    const value = data[field];
    if (field === "body" || field === RAW || written.has(field)) continue;
    if (!empty(value)) out.push(canonical(field, value));
  }
  const body = data.body ?? "";
  const head = "\n".repeat(raw.lead ?? 0) + out.join("\n");
  const text = raw.separated || body ? `${head}\n\n${body}` : head;
  return raw.bom + text.split("\n").join(raw.newline);
}

// As portal/plans.py's normalize compares names: NFC, one kind of dash, lower case, spaces collapsed.
export function normalize(text) {
  return String(text)
    .normalize("NFC")
    .replace(/[\u2010-\u2014\u2212]/g, "-")
    .toLowerCase()
    .split(/\s+/)
    .filter((part) => part !== "")
    .join(" ");
}

// A select box shows only its options' values: a spelling the checker accepts ("cai-cach" for
// item 1, a unit's name) is shown as that option. What the file says stays the "unchanged"
// value, so saving without touching the box still writes the line as it was typed.
export function withSpellings(data, spellings) {
  const raw = data[RAW];
  for (const [field, table] of Object.entries(spellings)) {
    const value = data[field];
    if (value === undefined) continue;
    const one = (spelled) => table[normalize(spelled)] ?? spelled;
    const shown = Array.isArray(value) ? [...new Set(value.map(one))] : one(value);
    data[field] = shown;
    const entry = raw?.lines.find((line) => line.field === field);
    if (entry) entry.value = shown;
  }
  return data;
}
