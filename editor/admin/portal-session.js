// The shared editor (`invoke editor-server`): every request that changes something carries the
// session's CSRF token, read from the `csrftoken` cookie and echoed in X-CSRFToken, as the server
// asks (DESIGN.md contract 13). Decap's proxy backend calls fetch itself, so fetch is wrapped here,
// before Decap loads. With `invoke edit` there is no such cookie and nothing changes. A request
// answered 401 (the session ended) says so on the page instead of failing silently, until a
// request succeeds again; a refused save tells the page (the event "portal-save-failed").
(() => {
  const plainFetch = window.fetch.bind(window);
  const token = () => (document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/) || [])[1];
  window.fetch = async (input, init = {}) => {
    const method = (init.method || (input instanceof Request ? input.method : "GET")).toUpperCase();
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (method !== "GET" && method !== "HEAD" && url.origin === location.origin && token()) {
      const headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
      headers.set("X-CSRFToken", decodeURIComponent(token()));
      init = { ...init, headers };
    }
    const response = await plainFetch(input, init);
    if (url.origin === location.origin && url.pathname.startsWith("/api/")) {
      // Shown while the session is over; gone with the first request answered after a new login.
      const banner = document.getElementById("portal-session-ended");
      if (banner) banner.hidden = response.status !== 401;
      // A save refused: the checker's panel of an earlier save must not stand beside its message.
      if (!response.ok && method === "POST" && /"action"\s*:\s*"persistEntry"/.test(String(init.body ?? ""))) {
        window.dispatchEvent(new CustomEvent("portal-save-failed"));
      }
    }
    return response;
  };
})();
