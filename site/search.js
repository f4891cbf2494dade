/*
 * search.js: the site's search, over search-index.js (written with the
 * site). No library and no network: the index is loaded as a script, so
 * search works from disk. An entry matches when every word asked for is
 * in its title or text (any case, accents as typed). Results are made
 * with textContent, never as markup: the index holds text from PDFs.
 */
"use strict";

var agendapackEntries = [];

/* Called by search-index.js with the entries. */
function agendapackSearchIndex(entries) {
  agendapackEntries = entries;
  agendapackRun();
}

function agendapackWords(text) {
  return text.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
}

/* A line of the entry's text around the first word found. */
function agendapackSnippet(text, word) {
  if (!text) return "";
  var at = text.toLowerCase().indexOf(word);
  var start = Math.max(0, at - 80);
  var snip = text.substr(start, 220);
  return (start > 0 ? "\u2026" : "") + snip + (start + 220 < text.length ? "\u2026" : "");
}

function agendapackRun() {
  var box = document.getElementById("q");
  var list = document.getElementById("results");
  var summary = document.getElementById("summary");
  if (!box || !list) return;
  var words = agendapackWords(box.value);
  list.textContent = "";
  if (words.length === 0) {
    summary.textContent = agendapackEntries.length + " agenda items, minutes and documents to search.";
    return;
  }
  var found = agendapackEntries.filter(function (e) {
    var hay = ((e.t || "") + " " + (e.x || "")).toLowerCase();
    return words.every(function (w) { return hay.indexOf(w) >= 0; });
  });
  var shown = found.slice(0, 200);
  summary.textContent = found.length + (found.length === 1 ? " result" : " results") +
    (found.length > shown.length ? ", the first " + shown.length + " shown" : "") + ".";
  shown.forEach(function (e) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = e.u;
    a.textContent = e.t || "(untitled)";
    li.appendChild(a);
    var meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = [e.k, e.c, e.d].filter(Boolean).join(" \u00b7 ");
    li.appendChild(meta);
    var text = agendapackSnippet(e.x, words[0]);
    if (text) {
      var p = document.createElement("p");
      p.textContent = text;
      li.appendChild(p);
    }
    list.appendChild(li);
  });
}

(function () {
  var form = document.getElementById("search");
  var box = document.getElementById("q");
  if (!form || !box) return;
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) box.value = asked;
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    agendapackRun();
  });
  box.addEventListener("input", agendapackRun);
})();
