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
    var rows = Array.prototype.slice.call(
      document.querySelectorAll(".coursecal-view-table tr.coursecal-row"));
    var upcoming = rows.filter(function (row) { var d = dateOf(row); return d && d >= today; });
    if (upcoming.length && upcoming[0] !== rows[0] && upcoming.length < rows.length) {
      upcoming[0].scrollIntoView({ block: "center" });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
