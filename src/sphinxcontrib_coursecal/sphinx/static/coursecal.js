/* sphinxcontrib-coursecal: mark today and bring the current week into view.
 * Progressive enhancement only: the page is complete without it. "Today" is the
 * reader's own date, so a static site never shows a stale one. */
(function () {
  "use strict";
  function iso(date) {
    var pad = function (n) { return String(n).padStart(2, "0"); };
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }
  function dateOf(element) {
    var match = /(?:^|\s)coursecal-date-(\d{4}-\d{2}-\d{2})(?:\s|$)/.exec(element.className);
    return match ? match[1] : null;
  }
  function run() {
    var today = iso(new Date());
    document.querySelectorAll(".coursecal-date-" + today).forEach(function (element) {
      element.classList.add("coursecal-today");
    });
    if (window.location.hash) { return; }  // the reader asked for a place: stay there
    // Bring today into view in the page's first calendar only (a month grid above a
    // table must not be skipped), and only once the term is under way.
    var calendar = document.querySelector(".coursecal[class*='coursecal-view-']");
    if (!calendar) { return; }
    var dated = Array.prototype.slice.call(calendar.querySelectorAll("[class*='coursecal-date-']"))
      .filter(function (element) { return !element.classList.contains("coursecal-empty"); });
    var upcoming = dated.filter(function (element) { var d = dateOf(element); return d && d >= today; });
    if (upcoming.length && upcoming.length < dated.length) {
      // "instant": themes with smooth scrolling (furo) would cancel a smooth one on load.
      upcoming[0].scrollIntoView({ block: "center", behavior: "instant" });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
