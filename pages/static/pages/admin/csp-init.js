/*
 * Issue 19.1: Wagtail's admin under a strict Content-Security-Policy (script-src 'self', no inline script).
 *
 * Wagtail renders a few inline <script> calls (InlinePanel, MultipleChooserPanel, the date/time pickers).
 * The project's template overrides (pages/templates/wagtailadmin/) replace each with an element
 *   <span hidden data-csp-init="NAME" data-csp-options="JSON" [data-csp-target="ID"]>
 * and this file, served from static files, makes the same call. Markup added later (a new inline
 * panel row from its <template>) is picked up by a MutationObserver. Nothing is evaluated from strings.
 */
(function () {
  "use strict";

  var PANELS = { InlinePanel: true, MultipleChooserPanel: true };
  var CHOOSERS = { initDateChooser: true, initTimeChooser: true, initDateTimeChooser: true };

  function options(el) {
    try {
      return JSON.parse(el.getAttribute("data-csp-options") || "{}");
    } catch (e) {
      return {};
    }
  }

  function initOne(el) {
    if (el.dataset.cspDone || el.closest("template")) return;
    var name = el.getAttribute("data-csp-init");
    if (PANELS[name] && typeof window[name] === "function") {
      el.dataset.cspDone = "1";
      new window[name](options(el)); // eslint-disable-line no-new
    } else if (CHOOSERS[name] && typeof window[name] === "function") {
      el.dataset.cspDone = "1";
      window[name](el.getAttribute("data-csp-target"), options(el));
    }
  }

  function initWithin(root) {
    if (root.nodeType !== 1) return;
    if (root.hasAttribute("data-csp-init")) initOne(root);
    root.querySelectorAll("[data-csp-init]").forEach(initOne);
  }

  function start() {
    initWithin(document.documentElement);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (m) {
        m.addedNodes.forEach(initWithin);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
