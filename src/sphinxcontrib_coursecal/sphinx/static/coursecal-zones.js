/* sphinxcontrib-coursecal: times in the reader's zone.
 * Each clock time and deadline is a <time datetime="...Z"> holding the course zone's
 * text. A reader whose browser is in another zone gets a choice above the page's first
 * calendar: the course's zone (the default, and all a reader without scripts sees) or
 * their own, remembered for the site. Times are converted by the browser's Intl, in
 * the page's language; a time that falls on another day there says which day. Every
 * time names both zones on hover (title) and on focus.
 * The choice's words come from the page (zones.py writes them, translated). */
(function () {
  "use strict";
  var root = document.documentElement;
  var lang = root.lang || undefined;
  var english = !lang || /^en(\b|-|_)/i.test(lang);
  var formatters = {};

  function formatter(locale, zone, options) {
    var key = [locale, zone, JSON.stringify(options)].join("|");
    if (!formatters[key]) {
      formatters[key] = new Intl.DateTimeFormat(locale, Object.assign({ timeZone: zone }, options));
    }
    return formatters[key];
  }
  function readerZone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; } catch (error) { return null; }
  }
  // The day a moment falls on in a zone, as the page writes it in data-coursecal-day.
  function isoDay(date, zone) {
    var parts = {};
    formatter("en-US", zone, { year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(date).forEach(function (part) { parts[part.type] = part.value; });
    return parts.year + "-" + parts.month + "-" + parts.day;
  }
  // "Sat Oct 25" as the site writes English dates; the language's own way otherwise.
  function dayText(date, zone) {
    return formatter(lang, zone, { weekday: "short", month: "short", day: "numeric" }).formatToParts(date)
      .map(function (part) { return english && part.type === "literal" ? " " : part.value; })
      .join("").replace(/\s+/g, " ").trim();
  }
  function clock(date, zone, hours) {
    var options = { hour: hours === "h12" ? "numeric" : "2-digit", minute: "2-digit", hourCycle: hours };
    return formatter(lang, zone, options).format(date);
  }
  // One time (or range) in a zone, with its day when that is not the day the page shows it under:
  // pieces, each a day or a clock that never breaks inside, and the text between them.
  function pieces(time, zone, hours, withDay) {
    var start = new Date(time.getAttribute("datetime"));
    var endValue = time.getAttribute("data-coursecal-end");
    var day = isoDay(start, zone);
    var dated = withDay || time.hasAttribute("data-coursecal-dated") ||
      day !== time.getAttribute("data-coursecal-day");
    var result = dated ? [dayText(start, zone), " "] : [];
    result.push(clock(start, zone, hours));
    if (endValue) {
      var end = new Date(endValue);
      var otherDay = isoDay(end, zone) !== day;
      result.push(english && !otherDay ? "-" : " \u2013 ");
      if (otherDay) { result.push(dayText(end, zone), " "); }
      result.push(clock(end, zone, hours));
    }
    return result;
  }
  function written(time, zone, hours, withDay) { return pieces(time, zone, hours, withDay).join(""); }
  // A converted time may be longer than the course's ("Sat Oct 25 08:59" for "23:59"): it may
  // break between its day and its clock, so a narrow cell wraps rather than widens.
  function fill(time, parts) {
    time.replaceChildren.apply(time, parts.map(function (part, index) {
      if (index % 2) { return document.createTextNode(part === " " ? " " : part); }
      var whole = document.createElement("span");
      whole.className = "coursecal-nowrap";
      whole.textContent = part;
      return whole;
    }));
  }

  function storageKey() {
    // Per site: the site's root folder on this origin (Sphinx writes it on <html>).
    var base = root.getAttribute("data-content_root") || "./";
    return "coursecal-zone " + new URL(base, window.location.href).pathname;
  }
  function remembered() {
    try { return window.localStorage.getItem(storageKey()); } catch (error) { return null; }
  }
  function remember(value) {
    try { window.localStorage.setItem(storageKey(), value); } catch (error) { /* private mode: not kept */ }
  }

  function run() {
    var place = document.querySelector(".coursecal-zones[data-coursecal-zone]");
    var times = Array.prototype.slice.call(document.querySelectorAll("time.coursecal-zoned"));
    var reader = readerZone();
    if (!place || !times.length || !reader) { return; }
    var courseZone = place.getAttribute("data-coursecal-zone");
    var course = formatter(undefined, courseZone, {}).resolvedOptions().timeZone;
    if (reader === courseZone || reader === course) { return; }  // the course's times are the reader's
    var hours = place.getAttribute("data-coursecal-hours") || "h23";

    times.forEach(function (time) {
      var zone = time.getAttribute("data-coursecal-zone");
      var here = written(time, zone, hours, true) + " (" + zone + ")";
      var there = written(time, reader, hours, true) + " (" + reader + ")";
      time.setAttribute("data-coursecal-course-text", time.textContent);
      time.setAttribute("data-coursecal-here", here);
      time.setAttribute("data-coursecal-there", there);
      time.title = here + " \u00b7 " + there;
      // Focusable, to show both zones from the keyboard; not inside a link, which is focusable already.
      if (!time.closest("a, button")) { time.tabIndex = 0; }
    });
    function show(mode) {
      times.forEach(function (time) {
        var converted = mode === "reader";
        if (converted) {
          fill(time, pieces(time, reader, hours, false));
        } else {
          time.textContent = time.getAttribute("data-coursecal-course-text");
        }
        time.classList.toggle("coursecal-converted", converted);
        time.setAttribute("data-coursecal-other",
          time.getAttribute(converted ? "data-coursecal-here" : "data-coursecal-there"));
      });
      place.setAttribute("data-coursecal-shown", mode);
    }

    var group = document.createElement("div");
    group.className = "coursecal-zones-choice";
    group.setAttribute("role", "radiogroup");
    var label = document.createElement("span");
    label.className = "coursecal-zones-label";
    label.id = "coursecal-zones-label";
    label.textContent = place.getAttribute("data-coursecal-label");
    group.setAttribute("aria-labelledby", label.id);
    group.appendChild(label);
    var mode = remembered() === "reader" ? "reader" : "course";
    [["course", courseZone], ["reader", reader]].forEach(function (option) {
      var choice = document.createElement("label");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "coursecal-zone";
      input.value = option[0];
      input.checked = option[0] === mode;
      input.addEventListener("change", function () {
        if (!input.checked) { return; }
        remember(input.value);
        show(input.value);
      });
      choice.appendChild(input);
      choice.appendChild(document.createTextNode(" " +
        place.getAttribute("data-coursecal-" + option[0]).replace("{zone}", option[1])));
      group.appendChild(choice);
    });
    place.replaceChildren(group);
    show(mode);
    place.hidden = false;
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
