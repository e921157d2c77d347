/* sphinxcontrib-coursecal: mark today and this week, narrow the upcoming view to what
 * lies ahead, and bring the current week into view.
 * Progressive enhancement only: the page is complete without it (the upcoming view
 * then shows the whole term). "Today" is the reader's own date, so a static site
 * never shows a stale one. */
(function () {
  "use strict";
  var DAY = 24 * 60 * 60 * 1000;
  function pad(n) { return String(n).padStart(2, "0"); }
  function iso(date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }
  // Calendar arithmetic at noon, so a daylight-saving change never skips or repeats a day.
  function parse(text) {
    var parts = text.split("-").map(Number);
    return new Date(parts[0], parts[1] - 1, parts[2], 12);
  }
  function addDays(text, days) { return iso(new Date(parse(text).getTime() + days * DAY)); }
  function classValue(element, prefix) {
    var match = new RegExp("(?:^|\\s)coursecal-" + prefix + "-(\\S+)(?:\\s|$)").exec(element.className);
    return match ? match[1] : null;
  }
  function dateOf(element) { return classValue(element, "date"); }

  function markToday(today) {
    document.querySelectorAll(".coursecal-date-" + today).forEach(function (element) {
      element.classList.add("coursecal-today");
      // One "current date" per calendar item: the month's day, the table's row, the agenda's day.
      if (element.matches("td, tr, dt")) { element.setAttribute("aria-current", "date"); }
    });
  }

  // This week: the seven days from the week's first day (Monday unless a calendar
  // says otherwise) that hold today.
  function weekDays(today, weekStart) {
    var offset = (parse(today).getDay() + 6 - weekStart) % 7;  // getDay: Sunday is 0; weekStart: Monday is 0
    var first = addDays(today, -offset);
    var days = {};
    for (var i = 0; i < 7; i += 1) { days[addDays(first, i)] = true; }
    return days;
  }
  function markThisWeek(today) {
    // Not in the upcoming view: it shows little else than this week.
    document.querySelectorAll(".coursecal[class*='coursecal-view-']:not(.coursecal-view-upcoming)")
      .forEach(function (calendar) {
        var start = classValue(calendar, "week-start");
        var days = weekDays(today, start === null ? 0 : Number(start));
        calendar.querySelectorAll("[class*='coursecal-date-']").forEach(function (element) {
          var date = dateOf(element);
          if (!date || !days[date]) { return; }
          // A month's week is its row; a table's row is one class; an agenda's day is its dt and dd.
          var marked = element.matches("td") ? element.parentElement : element;
          if (marked.matches("tr, dt, dd")) { marked.classList.add("coursecal-this-week"); }
        });
      });
  }

  // The upcoming view: the whole term is on the page; show the days ahead.
  function narrow(box, today) {
    var days = Number(classValue(box, "days")) || 14;
    var first = classValue(box, "first");
    var last = classValue(box, "last");
    var messages = box.querySelector(".coursecal-upcoming-messages");
    if (!first || !last || !messages) { return; }
    var from = today, note = null;
    if (today < first) {
      from = first;
      note = "before";
    } else if (today > last) {
      from = addDays(last, 1 - days);
      note = "after";
    }
    var to = addDays(from, days - 1);
    var shown = 0;
    box.querySelectorAll("dt[class*='coursecal-date-'], dd[class*='coursecal-date-']").forEach(function (element) {
      var date = dateOf(element);
      var until = classValue(element, "until") || date;
      var inside = until >= from && date <= to;  // a closure under way still lies ahead
      element.classList.toggle("coursecal-upcoming-out", !inside);
      if (inside && element.matches("dt")) { shown += 1; }
    });
    if (!shown && note === null) { note = "none"; }
    box.classList.add("coursecal-narrowed");
    var line = note ? messages.querySelector(".coursecal-upcoming-" + note) : null;
    if (line) { line.classList.add("coursecal-shown"); }
    var toggle = messages.querySelector(".coursecal-upcoming-toggle");
    var labels = {
      all: toggle.querySelector(".coursecal-upcoming-show-all").textContent,
      window: toggle.querySelector(".coursecal-upcoming-show-window").textContent,
    };
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = labels.all;
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function () {
      var all = box.classList.toggle("coursecal-narrowed") === false;
      button.textContent = all ? labels.window : labels.all;
      button.setAttribute("aria-expanded", all ? "true" : "false");
      if (line) { line.classList.toggle("coursecal-shown", !all); }  // the line speaks of the narrowed view
    });
    toggle.replaceChildren(button);
    toggle.classList.add("coursecal-shown");
  }

  function run() {
    var today = iso(new Date());
    markToday(today);
    markThisWeek(today);
    document.querySelectorAll(".coursecal-upcoming").forEach(function (box) { narrow(box, today); });
    if (window.location.hash) { return; }  // the reader asked for a place: stay there
    // Bring today into view in the page's first calendar only (a month grid above a
    // table must not be skipped), and only once the term is under way. An upcoming
    // view first on the page already shows today, at the top.
    var calendar = document.querySelector(".coursecal[class*='coursecal-view-']");
    if (!calendar || calendar.classList.contains("coursecal-view-upcoming")) { return; }
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
