/*
 * Issue 19.1: accessible names for fields Wagtail's StreamField renders without a label (axe-core
 * "label", critical) and for Draftail's rich-text editors (no accessible name). Wagtail builds
 * stream blocks in the browser, so this runs on load and on every change of the DOM.
 * A field without a name is named by its own field label (.w-field) or, for a top-level stream
 * block ("tussenkop", "alinea"), by the block's heading. Nothing is evaluated from strings.
 */
(function () {
  "use strict";

  var FIELDS = "input:not([type=hidden]):not([type=submit]):not([type=button]), textarea, select, [role=textbox]";
  var counter = 0;

  function hasName(el) {
    if (el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || el.getAttribute("title")) return true;
    return !!(el.labels && el.labels.length);
  }

  function idOf(el) {
    if (!el.id) {
      counter += 1;
      el.id = "csp-naam-" + counter;
    }
    return el.id;
  }

  function nameSource(el) {
    var field = el.closest(".w-field");
    var label = field && field.querySelector(".w-field__label, label");
    if (label && label.textContent.trim()) return idOf(label);
    var section = el.closest("section[aria-labelledby]");
    if (section) return section.getAttribute("aria-labelledby");
    return null;
  }

  function nameAll(root) {
    if (!root.querySelectorAll) return;
    root.querySelectorAll(FIELDS).forEach(function (el) {
      if (el.closest("template") || hasName(el)) return;
      var source = nameSource(el);
      if (source) el.setAttribute("aria-labelledby", source);
    });
  }

  function start() {
    nameAll(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (m) {
        m.addedNodes.forEach(function (node) {
          if (node.nodeType === 1) nameAll(node.parentNode || node);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
