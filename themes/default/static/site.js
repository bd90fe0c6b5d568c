/* tuoyu default theme: 大字 and 高对比 modes, the foldable notice, 朗读, search form prefill.
   No framework; works opened from file://. Every storage access is guarded. */
(function () {
  "use strict";
  var doc = document.documentElement;

  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function save(key, value) {
    try {
      if (value !== null) { window.localStorage.setItem(key, value); } else { window.localStorage.removeItem(key); }
    } catch (e) { /* storage unavailable (private mode, file:// in some browsers) */ }
  }

  /* A view mode (大字, 高对比): a class on <html> (set before paint by base.html's head
     script), a button with aria-pressed that screen readers announce, remembered per browser. */
  function initMode(id, cls, key) {
    var btn = document.getElementById(id);
    if (!btn) { return; }
    var on = load(key) === "1" || doc.classList.contains(cls);
    doc.classList.toggle(cls, on);
    btn.setAttribute("aria-pressed", on ? "true" : "false");
    btn.hidden = false;
    btn.addEventListener("click", function () {
      var next = btn.getAttribute("aria-pressed") !== "true";
      doc.classList.toggle(cls, next);
      btn.setAttribute("aria-pressed", next ? "true" : "false");
      save(key, next ? "1" : null);
    });
  }

  /* The site notice folds to one line and stays folded on the next pages, until the notice
     itself changes (the stored value is its text). Without JavaScript it is never folded. */
  function initNotice() {
    var btn = document.getElementById("notice-fold");
    var text = document.getElementById("notice-text");
    if (!btn || !text) { return; }
    var KEY = "tuoyu-notice-folded";
    function show(folded) {
      doc.classList.toggle("notice-folded", folded);
      btn.textContent = folded ? "显示提示" : "隐藏";
      btn.setAttribute("aria-expanded", folded ? "false" : "true");
    }
    show(doc.classList.contains("notice-folded"));
    btn.hidden = false;
    btn.addEventListener("click", function () {
      var folded = !doc.classList.contains("notice-folded");
      show(folded);
      save(KEY, folded ? text.textContent : null);
    });
  }

  /* 朗读: the institution's key facts read aloud by the browser's own speech synthesis
     (nothing is sent anywhere). Hidden where the browser cannot speak. */
  function initReadAloud() {
    var box = document.getElementById("read-aloud");
    var synth = window.speechSynthesis;
    if (!box) { return; }
    if (!synth || typeof window.SpeechSynthesisUtterance !== "function") { box.style.display = "none"; return; }
    var play = box.querySelector(".read-play");
    var stop = box.querySelector(".read-stop");
    var source = document.querySelectorAll("[data-read]");
    if (!play || !stop || source.length === 0) { box.style.display = "none"; return; }
    function idle() { play.hidden = false; stop.hidden = true; }
    play.addEventListener("click", function () {
      var parts = [];
      for (var i = 0; i < source.length; i++) { parts.push(source[i].innerText || source[i].textContent); }
      var u = new window.SpeechSynthesisUtterance(parts.join("。\n"));
      u.lang = "zh-CN";
      u.rate = 0.9;
      var voices = synth.getVoices ? synth.getVoices() : [];
      for (var j = 0; j < voices.length; j++) {
        if (/^zh[-_]CN/i.test(voices[j].lang)) { u.voice = voices[j]; break; }
      }
      u.onend = idle;
      u.onerror = idle;
      synth.cancel();
      synth.speak(u);
      play.hidden = true;
      stop.hidden = false;
      stop.focus();
    });
    stop.addEventListener("click", function () { synth.cancel(); idle(); play.focus(); });
    window.addEventListener("pagehide", function () { synth.cancel(); });
    box.hidden = false;
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
    initMode("text-size-toggle", "large-text", "tuoyu-large-text");
    initMode("contrast-toggle", "high-contrast", "tuoyu-high-contrast");
    initNotice();
    initReadAloud();
    initForm();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
