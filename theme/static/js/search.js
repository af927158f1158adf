// Search page: queries the Pagefind index built with the site; no request leaves the site.
const form = document.querySelector(".search-form");
const input = document.getElementById("q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const pagefindUrl = document.querySelector("script[data-pagefind]").dataset.pagefind;
let pagefind;

async function run(query) {
  list.replaceChildren();
  if (!query.trim()) { status.textContent = ""; return; }
  status.textContent = "Đang tìm…";
  pagefind = pagefind || await import(pagefindUrl);
  const search = await pagefind.search(query);
  const results = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
  status.textContent = results.length
    ? `Tìm thấy ${search.results.length} kết quả (tin bài, văn bản, trang) cho “${query}”.`
    : `Không tìm thấy kết quả nào cho “${query}”.`;
  for (const result of results) {
    const item = document.createElement("li");
    const heading = document.createElement("h2");
    heading.className = "post-title";
    const link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.meta.title;
    heading.append(link);
    const meta = document.createElement("p");
    meta.className = "post-meta";
    meta.textContent = result.meta.date || "";
    const excerpt = document.createElement("p");
    excerpt.innerHTML = result.excerpt; // Pagefind's excerpt: page text with <mark> only
    item.append(heading, meta, excerpt);
    list.append(item);
  }
}

const initial = new URLSearchParams(location.search).get("q") || "";
input.value = initial;
run(initial);
form.addEventListener("submit", (event) => {
  event.preventDefault();
  history.replaceState(null, "", `?q=${encodeURIComponent(input.value)}`);
  run(input.value);
});
