/* tuoyu default theme: large-text toggle and search form prefill.
   No framework; works opened from file://. Every storage access is guarded. */
(function () {
  "use strict";
  var KEY = "tuoyu-large-text";
  var doc = document.documentElement;

  function load() {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  function save(on) {
    try {
      if (on) { window.localStorage.setItem(KEY, "1"); } else { window.localStorage.removeItem(KEY); }
    } catch (e) { /* storage unavailable (private mode, file:// in some browsers) */ }
  }
  function apply(on) {
    if (on) { doc.classList.add("large-text"); } else { doc.classList.remove("large-text"); }
  }

  function initToggle() {
    var btn = document.getElementById("text-size-toggle");
    if (!btn) { return; }
    var on = load() || doc.classList.contains("large-text");
    apply(on);
    btn.setAttribute("aria-pressed", on ? "true" : "false");
    btn.hidden = false;
    btn.addEventListener("click", function () {
      var next = btn.getAttribute("aria-pressed") !== "true";
      apply(next);
      btn.setAttribute("aria-pressed", next ? "true" : "false");
      save(next);
    });
  }

  /* Fill the search form from the address (?q=…&district=…) so a shared link or the back
     button shows the same query and filters. */
  function initForm() {
    var form = document.getElementById("search-form");
    if (!form || !window.location.search) { return; }
    var params;
    try { params = new URLSearchParams(window.location.search); } catch (e) { return; }
    var filtered = false;
    var i, el, v;
    for (i = 0; i < form.elements.length; i++) {
      el = form.elements[i];
      if (!el.name || !params.has(el.name)) { continue; }
      v = params.get(el.name) || "";
      if (el.type === "checkbox") {
        el.checked = v === el.value;
      } else if (el.tagName === "SELECT" || el.type === "search" || el.type === "text" || el.type === "number") {
        el.value = v;
      }
      if (el.name !== "q" && v !== "") { filtered = true; }
    }
    var details = form.querySelector("details");
    if (details && filtered) { details.open = true; }
  }

  function init() {
    initToggle();
    initForm();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
