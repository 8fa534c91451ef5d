/* Issue 19.3: "show question B when A is x" in the browser, from data attributes only (script-src 'self').
 * The server decides what is stored (forms.selectors.question_is_shown); this only hides what does not apply.
 * A wrapper <div data-show-when="vraag_<uuid>" data-show-value="x"> is hidden unless the source question
 * (itself shown) has the value x. A single checkbox counts as "Ja" or "Nee", as on the server. */
(function () {
  "use strict";
  var form = document.querySelector("form.intake-form");
  if (!form) return;
  var wrappers = Array.prototype.slice.call(form.querySelectorAll("[data-show-when]"));
  if (!wrappers.length) return;

  function wrapperOf(name) {
    var input = form.querySelector('[name="' + name + '"]');
    return input ? input.closest("[data-show-when]") : null;
  }

  function values(name) {
    var inputs = Array.prototype.slice.call(form.querySelectorAll('[name="' + name + '"]'));
    var out = [];
    inputs.forEach(function (input) {
      if (input.type === "checkbox" && inputs.length === 1) {
        out.push(input.checked ? "Ja" : "Nee");
      } else if (input.type === "checkbox" || input.type === "radio") {
        if (input.checked) out.push(input.value);
      } else if (input.tagName === "SELECT") {
        Array.prototype.forEach.call(input.selectedOptions, function (o) { out.push(o.value); });
      } else {
        out.push(input.value);
      }
    });
    return out;
  }

  function update() {
    // Conditions may chain (B on A, C on B): a few passes settle every wrapper.
    for (var pass = 0; pass < wrappers.length + 1; pass++) {
      var changed = false;
      wrappers.forEach(function (wrapper) {
        var source = wrapper.getAttribute("data-show-when");
        var sourceWrapper = wrapperOf(source);
        var sourceShown = !sourceWrapper || !sourceWrapper.hidden;
        var show = sourceShown && values(source).indexOf(wrapper.getAttribute("data-show-value")) !== -1;
        if (wrapper.hidden === show) {
          wrapper.hidden = !show;
          changed = true;
        }
      });
      if (!changed) break;
    }
  }

  form.addEventListener("change", update);
  form.addEventListener("input", update);
  update();
})();
