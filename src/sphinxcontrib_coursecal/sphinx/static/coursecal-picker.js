/* sphinxcontrib-coursecal: the subscribe picker. Progressive enhancement only:
 * without this script the page lists every feed offered, each with its links.
 * The form carries every offered choice's links (written by the build, which
 * wrote each feed); ticking boxes only picks one of them, nothing is made up. */
(function () {
  "use strict";
  function keyOf(form) {
    var groups = Array.prototype.map.call(
      form.querySelectorAll("input[name='group']:checked"),
      function (input) { return input.value; }
    );
    var section = form.querySelector("select[name='section']");
    return groups.join(",") + "|" + (section ? section.value : "");
  }
  function update(form, choices) {
    var choice = choices[keyOf(form)];
    var result = form.querySelector(".coursecal-picker-result");
    var none = form.querySelector(".coursecal-picker-none");
    result.hidden = !choice;
    none.hidden = Boolean(choice);
    if (!choice) { return; }
    result.querySelector(".coursecal-picker-title").textContent = choice.title;
    var links = result.querySelector(".coursecal-picker-links");
    links.textContent = "";
    choice.links.forEach(function (pair, index) {
      if (index) { links.appendChild(document.createTextNode(" \u00b7 ")); }
      var link = document.createElement("a");
      link.className = "reference external coursecal-feed-link";
      link.href = pair[1];
      link.textContent = pair[0];
      links.appendChild(link);
    });
  }
  function run() {
    document.querySelectorAll("form.coursecal-picker-form").forEach(function (form) {
      var choices = JSON.parse(form.getAttribute("data-coursecal-choices"));
      form.hidden = false;
      var all = form.parentNode.querySelector("details.coursecal-picker-all");
      if (all) { all.removeAttribute("open"); }  // the list stays one click away
      form.addEventListener("change", function () { update(form, choices); });
      update(form, choices);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
