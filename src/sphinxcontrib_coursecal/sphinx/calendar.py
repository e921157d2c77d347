"""``.. course-calendar::``: the schedule as a table, month grids, or a weekly agenda.

The directive makes only standard docutils nodes — tables, containers,
paragraphs, targets — so LaTeX, text, epub and man render it as they render
any table or list. Classes carry the kind (for the color key), the date (for
the script that marks today) and the view, for the HTML stylesheet.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from ..engine import Occurrence, Schedule, Session
from ..engine.model import week_begin
from ..engine.yamlnodes import safe_url
from . import store
from .config import TABLE_COLUMNS, VIEWS
from .courses import find_course, note_schedule, note_shown, object_key
from .render import Formats, classes, links_line, person_names, reading_inline, text_inline
from .warnings import Warn, warn

_ = get_translation("sphinxcontrib_coursecal")

HEADERS = {
    "number": "Class",
    "date": "Date",
    "topic": "Topic",
    "notes": "Notes",
    "readings": "Readings",
    "materials": "Materials",
}


def _names(text: str) -> list[str]:
    return [name for name in re.split(r"[,\s]+", text.strip()) if name]


def _limit(text: str) -> str:
    text = text.strip()
    if re.fullmatch(r"-?\d+", text):
        return text
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD) or a week number") from None
    return text


class CourseDirective(SphinxDirective):
    """What the calendar and the reading list share: finding the schedule, and anchors."""

    optional_arguments = 1
    final_argument_whitespace = True

    def course(self) -> store.Course | None:
        if self.arguments:
            _relative, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
            return store.Course("", Path(absolute).resolve(), Path(self.env.srcdir).resolve())
        name = self.options.get("course")
        found = find_course(self.env, name)
        if found is None:
            where = self.get_location()
            if name is not None:
                warn(Warn.NO_SCHEDULE, f"{self.name}: no course {name!r} in coursecal_schedule", where)
            else:
                warn(
                    Warn.NO_SCHEDULE,
                    f"{self.name}: no schedule; set coursecal_schedule in conf.py or name the file: "
                    f".. {self.name}:: schedule.yaml",
                    where,
                )
        return found

    current_course: store.Course | None = None

    def schedule(self) -> Schedule | None:
        course = self.current_course = self.course()
        if course is None:
            return None
        schedule = course.load()
        note_schedule(self.env, self.env.docname, schedule)
        if schedule.course is None:
            return None  # its diagnostics say why; the rest of the page still builds
        return schedule

    def anchor(self, schedule: Schedule, objtype: str, key: str) -> str:
        """An id for one item, unique in this document; the first is what references reach."""
        base = str(nodes.make_id(f"coursecal-{object_key(schedule, key)}-{objtype}".replace(":", "-")))
        taken = cast("set[str]", self.env.temp_data.setdefault("coursecal_ids", set()))
        anchor, number = base, 2
        while anchor in taken or anchor in self.state.document.ids:
            anchor, number = f"{base}-{number}", number + 1
        taken.add(anchor)
        note_shown(self.env, objtype, object_key(schedule, key), self.env.docname, anchor)
        return anchor

    def formats(self) -> Formats:
        config = self.config
        return Formats(config.language, config.coursecal_date_format, config.coursecal_time_format)

    def option_list(self, name: str, known: Sequence[str] | None = None) -> list[str] | None:
        if name not in self.options:
            return None
        values = _names(self.options[name])
        if known is not None:
            for value in values:
                if value not in known:
                    warn(
                        Warn.OPTION,
                        f"{self.name}: :{name}: {value!r} is not one of {', '.join(known)}",
                        self.get_location(),
                    )
        return values


@dataclass
class Row:
    """One table row in the making."""

    day: dt.date
    occurrence: Occurrence
    attached: list[Occurrence] = field(default_factory=list)  # deadlines and events on a session's day


class CourseCalendar(CourseDirective):
    """The course on the calendar, in one of three views."""

    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        "course": directives.unchanged_required,
        "view": lambda value: directives.choice(value, VIEWS),
        "kinds": directives.unchanged_required,
        "meetings": directives.unchanged_required,
        "section": directives.unchanged_required,
        "units": directives.unchanged_required,
        "from": _limit,
        "to": _limit,
        "columns": directives.unchanged_required,
        "weekends": directives.flag,
        "no-legend": directives.flag,
        "subscribe": directives.flag,
        "add-to-calendar": directives.flag,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        schedule = self.schedule()
        if schedule is None:
            return []
        assert schedule.course is not None
        view = self.options.get("view", self.config.coursecal_default_view)
        if "add-to-calendar" in self.options and view != "list":
            warn(Warn.OPTION, f"{self.name}: :add-to-calendar: works in the list view only", self.get_location())
        occurrences = self.selected(schedule, view)
        box = nodes.container(
            classes=[
                "coursecal",
                *classes(f"view-{view}", f"course-{schedule.course.id}"),
                *self.options.get("class", []),
            ]
        )
        self.set_source_info(box)
        box["ids"].append(self.anchor(schedule, "calendar", "calendar"))  # where feeds send a plain meeting
        if "subscribe" in self.options:
            from .feeds import links_placeholder  # noqa: PLC0415 (feeds builds on this module)

            box += links_placeholder(self, schedule, None)
        if "no-legend" not in self.options:
            box += legend(schedule, occurrences)
        if view == "table":
            box += self.table(schedule, occurrences)
        elif view == "month":
            box.extend(self.months(schedule, occurrences))
        else:
            box.extend(self.agenda(schedule, occurrences))
        return [box]

    # -- selection -----------------------------------------------------------------

    def limit(self, schedule: Schedule, name: str) -> dt.date | None:
        value = self.options.get(name)
        if value is None:
            return None
        assert schedule.course is not None
        if "-" in value[1:]:
            return dt.date.fromisoformat(value)
        begin = week_begin(schedule.course.start, schedule.course.week_start)
        week_start = begin + dt.timedelta(weeks=int(value) - schedule.course.first_week)
        return week_start if name == "from" else week_start + dt.timedelta(days=6)

    def selected(self, schedule: Schedule, view: str) -> tuple[Occurrence, ...]:
        kinds = self.option_list("kinds", list(schedule.kinds))
        meetings = self.option_list("meetings", list(schedule.meetings))
        units = self.option_list("units", list(schedule.units))
        chosen = schedule.select(
            first=self.limit(schedule, "from"),
            last=self.limit(schedule, "to"),
            kinds=kinds,
            meetings=meetings,
            section=self.section(schedule),
            units=units,
        )
        if view == "table" and kinds is None and meetings is None:
            # The table is the lecture plan: sessions and what falls between them, not office hours.
            chosen = tuple(o for o in chosen if o.session is not None or not o.meeting)
        return chosen

    def section(self, schedule: Schedule) -> str | None:
        """The section as the schedule spells it ("a" finds "A"); an unknown one warns."""
        wanted: str | None = self.options.get("section")
        if wanted is None:
            return None
        sections = sorted({m.section for m in schedule.meetings.values() if m.section})
        match = next((name for name in sections if name.lower() == wanted.strip().lower()), None)
        if match is None:
            known = ", ".join(sections) or "none"
            warn(
                Warn.OPTION,
                f"{self.name}: no section {wanted!r} in the schedule (sections: {known})",
                self.get_location(),
            )
            return wanted
        return match

    # -- table ---------------------------------------------------------------------

    def columns(self) -> list[str]:
        if "columns" in self.options:
            chosen = [c for c in _names(self.options["columns"]) if c in TABLE_COLUMNS]
            unknown = [c for c in _names(self.options["columns"]) if c not in TABLE_COLUMNS]
            if unknown:
                warn(
                    Warn.OPTION,
                    f"course-calendar: unknown columns {', '.join(unknown)}; known: {', '.join(TABLE_COLUMNS)}",
                    self.get_location(),
                )
            if chosen:
                return chosen
        return list(self.config.coursecal_table_columns)

    def rows(self, occurrences: tuple[Occurrence, ...]) -> list[Row]:
        rows: list[Row] = []
        session_rows: dict[dt.date, Row] = {}
        for occurrence in occurrences:
            if occurrence.session is not None:
                row = Row(occurrence.date, occurrence)
                session_rows.setdefault(occurrence.date, row)
                rows.append(row)
        for occurrence in occurrences:
            if occurrence.session is not None:
                continue
            host = session_rows.get(occurrence.date)
            if host is not None and occurrence.closure is None and not occurrence.meeting:
                host.attached.append(occurrence)
            else:
                rows.append(Row(occurrence.date, occurrence))
        rows.sort(key=lambda row: (row.day, row.occurrence.session is None and row.occurrence.closure is None))
        return rows

    def table(self, schedule: Schedule, occurrences: tuple[Occurrence, ...]) -> nodes.table:
        formats = self.formats()
        columns = self.columns()
        # longtable: a term's plan spans pages in LaTeX; colwidths-given: LaTeX keeps our widths.
        table = nodes.table(classes=[*classes("table"), "longtable", "colwidths-given"])
        group = nodes.tgroup(cols=len(columns))
        table += group
        widths = {"number": 7, "date": 11, "topic": 32, "notes": 16, "readings": 24, "materials": 11}
        for column in columns:
            group += nodes.colspec(colwidth=widths[column])
        head = nodes.thead()
        header = nodes.row()
        for column in columns:
            header += nodes.entry("", nodes.paragraph(text=_(HEADERS[column])), classes=classes(f"col-{column}"))
        head += header
        group += head
        body = nodes.tbody()
        group += body
        unit = None
        for row in self.rows(occurrences):
            session = row.occurrence.session
            if session is not None and session.spec.unit and session.spec.unit != unit:
                unit = session.spec.unit
                body += self.unit_row(schedule, unit, len(columns))
            body += self.table_row(schedule, formats, columns, row)
        return table

    def unit_row(self, schedule: Schedule, unit_id: str, width: int) -> nodes.row:
        unit = schedule.units[unit_id]
        row = nodes.row(classes=classes("unit"))
        entry = nodes.entry(morecols=width - 1) if width > 1 else nodes.entry()
        title = nodes.paragraph(classes=classes("unit-title"))
        title += nodes.target("", "", ids=[self.anchor(schedule, "unit", unit_id)])
        title += nodes.strong(unit.title, unit.title)
        entry += title
        if unit.description:
            entry += nodes.paragraph(unit.description, unit.description)
        row += entry
        return row

    def table_row(self, schedule: Schedule, formats: Formats, columns: list[str], row: Row) -> nodes.row:
        occurrence = row.occurrence
        session = occurrence.session
        kind = occurrence.kind
        tr = nodes.row(
            classes=classes("row", f"kind-{kind}", f"date-{occurrence.date.isoformat()}", f"week-{occurrence.week}")
        )
        if occurrence.cancelled:
            tr["classes"].append("coursecal-cancelled")
        cells: dict[str, list[nodes.Node]] = {column: [] for column in columns}
        anchor = self.item_anchor(schedule, occurrence)
        cells["number"] = [nodes.paragraph(text=str(session.number))] if session and session.number is not None else []
        cells["date"] = [self.date_line(formats, occurrence)]
        if session is not None:
            cells["topic"] = self.topic(schedule, session)
            cells["readings"] = self.readings_line(schedule, session)
            cells["materials"] = [links_line(session.spec.links)] if session.spec.links else []
            notes = [session.spec.notes] if session.spec.notes else []
            cells["notes"] = [nodes.paragraph(text=note) for note in notes]
            attached = []
            for item in row.attached:
                line = self.attached_line(schedule, formats, item)
                item_anchor = self.item_anchor(schedule, item)
                if item_anchor:  # :deadline: reaches a deadline that shares a class's row
                    line.insert(0, nodes.target("", "", ids=[item_anchor]))
                attached.append(line)
            # Without a notes column, what falls on a class day goes under its topic.
            cells["notes" if "notes" in columns else "topic"].extend(attached)
        else:
            cells["topic"] = [self.attached_line(schedule, formats, occurrence)]
        # A row without a session (closure, deadline, event) tells its story once: each run of
        # columns other than number and date becomes one cell spanning them.
        spanned = session is None
        target: nodes.Node | None = nodes.target("", "", ids=[anchor]) if anchor else None
        index = 0
        while index < len(columns):
            column, width = columns[index], 1
            if spanned and column not in ("number", "date"):
                while index + width < len(columns) and columns[index + width] not in ("number", "date"):
                    width += 1
                column = "topic"
            entry = nodes.entry(classes=classes(f"col-{column}"))
            if width > 1:
                entry["morecols"] = width - 1
            content = list(cells.get(column) or [nodes.paragraph()])
            cells[column] = []  # a second run of a spanned row stays empty
            if target is not None and column != "number":
                first = content[0] if isinstance(content[0], nodes.paragraph) else nodes.paragraph()
                if first is not content[0]:
                    content.insert(0, first)
                first.insert(0, target)
                target = None
            entry.extend(content)
            tr += entry
            index += width
        return tr

    def date_line(self, formats: Formats, occurrence: Occurrence) -> nodes.paragraph:
        """A date that never breaks inside; a range may break between its two ends."""
        line = nodes.paragraph()
        line += text_inline(formats.date(occurrence.date), "nowrap")
        if occurrence.last != occurrence.date:
            line += nodes.Text(" \u2013 ")
            line += text_inline(formats.date(occurrence.last), "nowrap")
        return line

    def item_anchor(self, schedule: Schedule, occurrence: Occurrence) -> str | None:
        if occurrence.session is not None:
            return self.anchor(schedule, "session", occurrence.session.anchor)
        if occurrence.deadline is not None and occurrence.kind != "release":
            return self.anchor(schedule, "deadline", occurrence.deadline.id)
        return None

    def topic(self, schedule: Schedule, session: Session) -> list[nodes.Node]:
        spec = session.spec
        unit_title = schedule.units[spec.unit].title if spec.unit else None
        presented = [r for r in spec.readings if r.presenters]
        result: list[nodes.Node] = []
        if not (presented and spec.title == unit_title):  # "Paper presentations" is the heading already
            title = nodes.paragraph(classes=classes("title"))
            title += text_inline(spec.title, "cancelled-title" if spec.cancelled else "")
            if spec.cancelled:
                title += text_inline(f" ({_('cancelled')})", "cancelled-note")
            result.append(title)
        if spec.guests:
            guests = ", ".join(person_names(schedule, spec.guests))
            result.append(nodes.paragraph(text=f"{_('Guest lecture')}: {guests}", classes=classes("guests")))
        if spec.presenters:
            who = ", ".join(person_names(schedule, spec.presenters))
            result.append(nodes.paragraph(text=f"{_('Presenters')}: {who}", classes=classes("presenters")))
        course_id = schedule.course.id if schedule.course else ""
        for reading in presented:
            line = nodes.paragraph(classes=classes("presentation"))
            line += reading_inline(schedule, course_id, reading)
            result.append(line)
        if spec.description:
            result.extend(self.description(spec.description))
        return result

    def description(self, text: str) -> list[nodes.Node]:
        """A session's ``description`` is inline markup of the document's own language.

        A schedule is data, not a document: links keep to http(s), mailto and
        relative targets, and nothing may pull a file into the site (``:download:``).
        """
        paragraph = nodes.paragraph(classes=classes("description"))
        content, messages = self.state.inline_text(text, self.lineno)
        paragraph.extend(content)
        for node in list(paragraph.findall(nodes.Element)):
            if (
                isinstance(node, addnodes.download_reference)
                or (isinstance(node, addnodes.pending_xref) and node.get("reftype") == "download")
                or (isinstance(node, nodes.reference) and not safe_url(node.get("refuri", "")))
            ):
                node.replace_self(nodes.Text(node.astext()))
        return [paragraph, *messages]

    def readings_line(self, schedule: Schedule, session: Session) -> list[nodes.Node]:
        readings = [r for r in session.spec.readings if not r.presenters]
        if not readings:
            return []
        course_id = schedule.course.id if schedule.course else ""
        line = nodes.paragraph(classes=classes("readings"))
        for index, reading in enumerate(readings):
            if index:
                line += nodes.Text(", ")
            line += reading_inline(schedule, course_id, reading)
        return [line]

    def attached_line(self, schedule: Schedule, formats: Formats, occurrence: Occurrence) -> nodes.paragraph:
        """A deadline, release, event or closure in words: "HW1 due 23:59"."""
        line = nodes.paragraph(classes=classes("line", f"kind-{occurrence.kind}"))
        if occurrence.deadline is not None:
            verb = _("released") if occurrence.kind == "release" else _("due")
            text = f"{occurrence.title} {verb}"
            if occurrence.start is not None:
                text += f" {formats.time(occurrence.start)}"
            if occurrence.deadline.url:
                line += nodes.reference(text, text, refuri=occurrence.deadline.url)
            else:
                line += nodes.Text(text)
            if occurrence.notes and occurrence.kind != "release":
                line += text_inline(f" ({occurrence.notes})", "note")
            was = occurrence.deadline.was
            if was is not None and occurrence.kind != "release":
                # The old due moment, struck through in HTML ("was" says it everywhere).
                old = formats.date(was.date() if isinstance(was, dt.datetime) else was)
                if isinstance(was, dt.datetime):
                    old += f" {formats.time(was)}"
                line += nodes.Text(" (")
                line += text_inline(f"{_('was')} {old}", "was")
                line += nodes.Text(")")
            return line
        span = formats.span(occurrence)
        if span:
            line += text_inline(f"{span} ", "time")
        line += text_inline(occurrence.title, "title")
        if occurrence.location:
            line += text_inline(f", {occurrence.location}", "location")
        return line

    # -- month grid ------------------------------------------------------------------

    def months(self, schedule: Schedule, occurrences: tuple[Occurrence, ...]) -> list[nodes.Node]:
        assert schedule.course is not None
        course = schedule.course
        formats = self.formats()
        first = self.limit(schedule, "from") or course.start
        last = self.limit(schedule, "to") or course.end
        weekend_items = any(o.date.weekday() >= 5 for o in occurrences)
        shown_days = list(range(7)) if ("weekends" in self.options or weekend_items) else [0, 1, 2, 3, 4]
        order = sorted(shown_days, key=lambda day: (day - course.week_start) % 7)
        by_day: dict[dt.date, list[Occurrence]] = {}
        for occurrence in occurrences:
            day = occurrence.date
            while day <= occurrence.last:
                by_day.setdefault(day, []).append(occurrence)
                day += dt.timedelta(days=1)
        result: list[nodes.Node] = []
        week = week_begin(first, course.week_start)
        current_month: tuple[int, int] | None = None
        body: nodes.tbody | None = None
        while week <= last:
            days = [week + dt.timedelta(days=(day - course.week_start) % 7) for day in order]
            month = (days[0].year, days[0].month)
            if month != current_month:
                current_month = month
                heading = formats.date(days[0], "LLLL y")
                result.append(nodes.rubric(heading, heading, classes=classes("month-name")))
                table, body = self.month_table(formats, days)
                result.append(table)
            assert body is not None
            row = nodes.row(classes=classes("week", f"week-{schedule.week_of(week)}"))
            for day in days:
                row += self.day_cell(schedule, formats, day, by_day.get(day, []), month[1])
            body += row
            week += dt.timedelta(days=7)
        return result

    def month_table(self, formats: Formats, days: list[dt.date]) -> tuple[nodes.table, nodes.tbody]:
        table = nodes.table(classes=[*classes("month"), "colwidths-given"])
        group = nodes.tgroup(cols=len(days))
        table += group
        for _day in days:
            group += nodes.colspec(colwidth=16)  # characters, to the text builder
        head = nodes.thead()
        header = nodes.row()
        for day in days:
            name = formats.date(day, "EEEE")
            header += nodes.entry("", nodes.paragraph(text=name))
        head += header
        group += head
        body = nodes.tbody()
        group += body
        return table, body

    def day_cell(
        self, schedule: Schedule, formats: Formats, day: dt.date, items: list[Occurrence], month: int
    ) -> nodes.entry:
        entry = nodes.entry(classes=classes("day", f"date-{day.isoformat()}", "empty" if not items else ""))
        entry["coursecal_day"] = formats.date(day)  # the day's name where the grid becomes a list
        number = nodes.paragraph(classes=classes("day-number"))
        number += text_inline(f"{formats.date(day, 'EEE')} ", "weekday")  # shown when the grid folds
        # A week sits under the month it starts in (as the seed calendar does), so a day
        # of the next month, and every 1st, names its month: "Oct 1", never a bare "01".
        other = day.month != month or day.day == 1
        number += nodes.Text(formats.date(day, "MMM d") if other else formats.date(day, "dd"))
        entry += number
        for occurrence in items:
            entry += self.month_item(schedule, formats, occurrence, day)
        return entry

    def month_item(self, schedule: Schedule, formats: Formats, occurrence: Occurrence, day: dt.date) -> nodes.container:
        box = nodes.container(
            classes=classes("item", f"kind-{occurrence.kind}", "cancelled" if occurrence.cancelled else "")
        )
        anchor = self.item_anchor(schedule, occurrence) if day == occurrence.date else None
        lines: list[nodes.paragraph] = []
        session = occurrence.session
        if occurrence.closure is not None or occurrence.deadline is not None:
            lines.append(self.attached_line(schedule, formats, occurrence))
        else:
            if session is not None and session.spec.guests:
                guests = ", ".join(person_names(schedule, session.spec.guests))
                lines.append(nodes.paragraph(text=f"{_('Guest lecture')}: {guests}", classes=classes("guests")))
            head = nodes.paragraph(classes=classes("head"))
            span = formats.span(occurrence)
            if span:
                head += text_inline(f"{span} ", "time")
            meeting = schedule.meetings.get(occurrence.meeting)
            slot_title = meeting.title if meeting and session is not None else occurrence.title
            head += text_inline(slot_title, "kind-label")
            if occurrence.cancelled:
                head += text_inline(f" ({_('cancelled')})", "cancelled-note")
            lines.append(head)
            if occurrence.location:
                lines.append(nodes.paragraph(text=occurrence.location, classes=classes("location")))
            if session is not None:
                lines.append(nodes.paragraph(text=session.title, classes=classes("title")))
                course_id = schedule.course.id if schedule.course else ""
                for reading in session.spec.readings:
                    line = nodes.paragraph(classes=classes("reading-line"))
                    line += reading_inline(schedule, course_id, reading)
                    lines.append(line)
                if session.spec.links:
                    lines.append(links_line(session.spec.links))
            elif occurrence.notes:
                lines.append(nodes.paragraph(text=occurrence.notes, classes=classes("note")))
        if anchor:
            lines[0].insert(0, nodes.target("", "", ids=[anchor]))
        box.extend(lines)
        return box

    # -- agenda --------------------------------------------------------------------

    def agenda(self, schedule: Schedule, occurrences: tuple[Occurrence, ...]) -> list[nodes.Node]:
        formats = self.formats()
        result: list[nodes.Node] = []
        weeks: dict[int, list[Occurrence]] = {}
        for occurrence in occurrences:
            weeks.setdefault(occurrence.week, []).append(occurrence)
        assert schedule.course is not None
        for number, items in weeks.items():
            begin = week_begin(items[0].date, schedule.course.week_start)
            heading = f"{_('Week')} {number} \u00b7 {formats.days(begin, begin + dt.timedelta(days=6))}"
            result.append(nodes.rubric(heading, heading, classes=classes("week-name")))
            days = nodes.definition_list(classes=classes("agenda", f"week-{number}"))
            by_day: dict[dt.date, list[Occurrence]] = {}
            for occurrence in items:
                by_day.setdefault(occurrence.date, []).append(occurrence)
            for day, day_items in by_day.items():
                # HTML writers drop a definition_list_item's classes: the term and the
                # definition carry the date, for the today script.
                item = nodes.definition_list_item()
                item += nodes.term(formats.date(day), formats.date(day), classes=classes(f"date-{day.isoformat()}"))
                definition = nodes.definition(classes=classes(f"date-{day.isoformat()}"))
                for occurrence in day_items:
                    item_box = self.month_item(schedule, formats, occurrence, day)
                    if "add-to-calendar" in self.options:
                        from .feeds import event_link  # noqa: PLC0415 (feeds builds on this module)

                        item_box += event_link(schedule, occurrence)
                    definition += item_box
                item += definition
                days += item
            result.append(days)
        return result


def legend(schedule: Schedule, occurrences: tuple[Occurrence, ...]) -> nodes.container:
    """The color key of the kinds shown; HTML makes it a collapsible <details>."""
    kinds = list(dict.fromkeys(o.kind for o in occurrences))
    box = nodes.container(classes=classes("legend"))
    title = _("Color key")
    box += nodes.rubric(title, title, classes=classes("legend-title"))
    items = nodes.bullet_list(classes=classes("legend-items"))
    for kind_id in kinds:
        kind = schedule.kind(kind_id)
        paragraph = nodes.paragraph()
        paragraph += nodes.inline("", "", classes=classes("swatch", f"kind-{kind_id}"))
        paragraph += nodes.Text(kind.label)
        items += nodes.list_item("", paragraph, classes=classes(f"kind-{kind_id}"))
    box += items
    return box
