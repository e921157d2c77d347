// Reads .ics files with ical.js (the parser Thunderbird uses) and prints, as JSON,
// each event's UID, SUMMARY, LOCATION, STATUS and its start and end as UTC instants.
//
//   node read_ics.mjs FILE.ics [FILE.ics ...]  ->  {"FILE.ics": [{uid, start, end, ...}], ...}
//
// Timed values are resolved with the VTIMEZONE components of the file only
// (ical.js has no zone database of its own): every VTIMEZONE is registered
// with ical.js's TimezoneService before any event is read, as Thunderbird
// does, and a TZID that no VTIMEZONE defines is an error, never a silent
// fallback to the machine's local zone. All-day values are printed as dates
// ("2025-11-11"), their end exclusive as in the file. Recurring events are
// expanded (bounded), each instance printed with the event's UID.

import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const MAX_INSTANCES = 1000;

function instant(time) {
  if (time.isDate) {
    return time.toString(); // "2025-11-11"
  }
  const zone = time.zone ? time.zone.tzid : "";
  if (zone === "floating" || (zone !== "UTC" && !ICAL.TimezoneService.has(zone))) {
    throw new Error(`a time with TZID ${JSON.stringify(zone)} has no VTIMEZONE in the file`);
  }
  return new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
}

function read(path) {
  const text = readFileSync(path, "utf8");
  const calendar = new ICAL.Component(ICAL.parse(text));
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  for (const vevent of calendar.getAllSubcomponents("vevent")) {
    for (const name of ["dtstart", "dtend"]) {
      const property = vevent.getFirstProperty(name);
      const tzid = property ? property.getParameter("tzid") : null;
      if (tzid && !ICAL.TimezoneService.has(tzid)) {
        throw new Error(`${name.toUpperCase()};TZID=${tzid} has no VTIMEZONE in ${path}`);
      }
    }
  }
  const events = [];
  for (const vevent of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(vevent);
    const common = {
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      status: vevent.getFirstPropertyValue("status"),
      sequence: event.sequence,
      allDay: event.startDate.isDate,
    };
    if (!event.isRecurring()) {
      events.push({ ...common, start: instant(event.startDate), end: instant(event.endDate) });
      continue;
    }
    const iterator = event.iterator();
    for (let count = 0, next = iterator.next(); next && count < MAX_INSTANCES; count++, next = iterator.next()) {
      const details = event.getOccurrenceDetails(next);
      events.push({ ...common, start: instant(details.startDate), end: instant(details.endDate) });
    }
  }
  return events;
}

const result = {};
for (const path of process.argv.slice(2)) {
  result[path] = read(path);
}
process.stdout.write(JSON.stringify(result));
