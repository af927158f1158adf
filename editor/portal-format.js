// The portal's file format for the web editor (Decap CMS custom format, issue 18): a header of
// "Key: value" lines, a blank line, then the Markdown body, exactly as `invoke check` reads it
// (portal/posts.py). The editor's fields are the checker's lower-case key names ("title", "date":
// the names Decap infers an entry's title and date from); the file spells keys "Title",
// "Image_alt". A list field (Items, Files, Posts) is an array in the editor and "1, 4" in the
// file. A value the editor did not change is written back as it was typed (its own spacing, its
// own spelling of the key), so opening and saving a file changes no byte; a changed or new value
// is written in the canonical form, after the keys already there.
//
// Items of several plans (DESIGN.md contract 11): the editor holds one value per item, with its
// plan ("118/KH-KHCN: 1", as the select box's options are made by portal/cms_config.py); the file
// says "1, 4" for the entry's own plan (its Plan line, else the one plan counting its date) and
// "40/KH-KHCN: 2" for another's, in one line: "Items: 1, 4; 40/KH-KHCN: 2".

// "1, 4"; a document's "2020/a.pdf, 2020/b.docx"; an activity's evidence and posts.
const LISTS = new Set(["items", "files", "posts", "documents"]);
const WHOLE_NUMBERS = new Set(["participants", "quantity"]); // an activity's counts
// As portal/posts.py reads a header: _KEY_LINE (keys the checker can accept) and _MORE_LINE.
const KEY_LINE = /^ {0,3}([A-Za-z0-9_-]+)\s*:(?!\/\/)([^]*)$/; // [^]: U+2028 in a value too
const MORE_LINE = /^ {4,}(\S.*)$/;
const RAW = "__portal_header"; // what the file said, kept beside the fields for the way back

function splitList(field, value) {
  if (field === "items") return splitItems(value);
  return value.split(/[,;]/).map((part) => part.trim()).filter((part) => part !== "");
}

// As portal/posts.py's item_groups reads Items: groups apart by ";", a group's plan before its
// first ":", items apart by ",". One value per item, with its group's plan when it names one.
export function splitItems(value) {
  const values = [];
  for (const group of value.split(";")) {
    const colon = group.indexOf(":");
    const plan = colon >= 0 ? group.slice(0, colon).trim() : "";
    for (const token of (colon >= 0 ? group.slice(colon + 1) : group).split(",")) {
      if (token.trim() !== "") values.push(plan ? `${plan}: ${token.trim()}` : token.trim());
    }
  }
  return values;
}

function planOf(value) {
  const colon = value.indexOf(":");
  return colon >= 0 ? [value.slice(0, colon).trim(), value.slice(colon + 1).trim()] : ["", value.trim()];
}

// The Items line of the editor's values: the entry's own plan's items first, without their plan;
// each other plan's after its number. ["118/KH-KHCN: 1", "40/KH-KHCN: 2", "118/KH-KHCN: 4"], own
// plan 118/KH-KHCN: "1, 4; 40/KH-KHCN: 2".
export function joinItems(values, own = null) {
  const groups = new Map([["", []]]);
  for (const value of values) {
    let [plan, item] = planOf(String(value));
    if (item === "") continue;
    if (own && normalize(plan) === normalize(own)) plan = "";
    if (!groups.has(plan)) groups.set(plan, []);
    if (!groups.get(plan).includes(item)) groups.get(plan).push(item);
  }
  return [...groups]
    .filter(([, items]) => items.length)
    .map(([plan, items]) => (plan ? `${plan}: ` : "") + items.join(", "))
    .join("; ");
}

// The plan an entry's items without a plan belong to, as portal/posts.py resolves it: its Plan
// line; else the one plan whose report periods hold its date, else the one covering it; a
// date no plan covers, or no date, with a single plan: that plan. A date after every plan's end
// (the year's plan not made yet): the plan ending last (the first listed of those), whose items
// are written without it, so that the year's plan counts them once the Office makes it (the
// checker warns meanwhile). `plans`: portal/cms_config.py's plan_days ({id, names, counts:
// [[from, to], …], covers: [from, to]}, ISO days).
export function ownPlan(data, plans) {
  if (!plans?.length) return null;
  if (!empty(data.plan)) {
    const named = plans.find((plan) => plan.names.includes(normalize(data.plan)));
    return named ? named.id : null;
  }
  const day = String(data.date ?? "").trim().slice(0, 10);
  if (/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    const holds = ([first, last]) => first <= day && day <= last;
    const counting = plans.filter((plan) => plan.counts.some(holds));
    const home = counting.length ? counting : plans.filter((plan) => holds(plan.covers));
    if (home.length) return home.length === 1 ? home[0].id : null;
    const last = plans.reduce((found, plan) => (plan.covers[1] > found.covers[1] ? plan : found));
    if (day > last.covers[1]) return last.id;
  }
  return plans.length === 1 ? plans[0].id : null;
}

// "1200", "1.200" or "1 200" as portal/activities.py's whole_number reads them; null otherwise.
function wholeNumber(value) {
  const text = String(value).trim().replace(/\u00a0/g, " ");
  return /^\d{1,3}(?:[. ]\d{3})+$|^\d+$/.test(text) ? String(Number(text.replace(/[. ]/g, ""))) : null;
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
      last.value = data[last.field] = LISTS.has(last.field) ? splitList(last.field, last.text) : last.text;
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
    data[field] = LISTS.has(field) ? splitList(field, value) : value;
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

function canonical(field, value, own) {
  const text =
    field === "items" && Array.isArray(value)
      ? joinItems(value, own)
      : Array.isArray(value)
        ? value.filter((part) => !empty(part)).join(", ")
        : String(value ?? "");
  // A header value is one line: a summary typed over several lines (or with a blank line, which
  // would end the header) is written as one.
  return `${headerKey(field)}: ${text.split(/\s*\n\s*/).filter((part) => part !== "").join(" ")}`;
}

// sortedKeys: the form's field order (Decap passes it), for keys the file did not have yet;
// plans: as for ownPlan (without them, items are written with the plans they hold).
export function toFile(data, sortedKeys = [], plans = []) {
  const raw = data[RAW] || { bom: "", newline: "\n", lines: [], separated: true };
  const out = [];
  const written = new Set();
  const own = ownPlan(data, plans);
  for (const entry of raw.lines) {
    if (!entry.field) {
      out.push(entry.line);
      continue;
    }
    written.add(entry.field);
    const value = data[entry.field];
    // Items written without a plan follow the entry's own plan: when another date or Plan made
    // it another plan, the line is written again, so each item stays the one the form shows.
    const moved = entry.field === "items" && plans.length > 0 && "own" in raw && own !== raw.own;
    if (same(value, entry.value) && !moved) {
      out.push(entry.line); // as typed, an empty "Summary:" included
    } else if (!empty(value)) {
      out.push(canonical(entry.field, value, own));
    } // else emptied in the editor: the key goes
  }
  const place = (field) => (sortedKeys.includes(field) ? sortedKeys.indexOf(field) : sortedKeys.length);
  const added = Object.keys(data).sort((a, b) => place(a) - place(b));
  for (const field of added) {
    const value = data[field];
    if (field === "body" || field === RAW || written.has(field)) continue;
    if (!empty(value)) out.push(canonical(field, value, own));
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

// The posts an activity names, by slug or by address (/tin-tuc/2020/<slug>/), as
// portal/activities.py reads them.
const SPELLED_AS = { posts: (value) => value.replace(/^\/+|\/+$/g, "").split("/").pop() };

// A select box shows only its options' values: a spelling the checker accepts ("cai-cach" for
// item 1, a unit's name, "Public: có") is shown as that option; an item as its plan's
// ("118/KH-KHCN: 1"), the entry's own plan's for an item written without one; a count written
// "1.200" as 1200. What the file says stays the "unchanged" value, so saving without touching
// the box still writes the line as it was typed. `spellings`: portal/cms_config.py's (items by
// plan), `plans`: as for ownPlan.
export function withSpellings(data, spellings, plans = []) {
  const raw = data[RAW];
  const show = (field, shown) => {
    data[field] = shown;
    const entry = raw?.lines.find((line) => line.field === field);
    if (entry) entry.value = shown;
  };
  for (const [field, table] of Object.entries(spellings)) {
    const value = data[field];
    if (value === undefined || field === "items") continue;
    const key = SPELLED_AS[field] ?? ((spelled) => spelled);
    const one = (spelled) => table[normalize(key(spelled))] ?? spelled;
    show(field, Array.isArray(value) ? [...new Set(value.map(one))] : one(value));
  }
  const own = ownPlan(data, plans);
  if (raw) raw.own = own;
  if (Array.isArray(data.items) && spellings.items) {
    const one = (value) => {
      const [plan, item] = planOf(value);
      const id = plan ? plans.find((p) => p.names.includes(normalize(plan)))?.id : own;
      return spellings.items[id]?.[normalize(item)] ?? value;
    };
    show("items", [...new Set(data.items.map(one))]);
  }
  for (const field of WHOLE_NUMBERS) {
    const number = data[field] === undefined ? null : wholeNumber(data[field]);
    if (number !== null) show(field, number);
  }
  return data;
}
