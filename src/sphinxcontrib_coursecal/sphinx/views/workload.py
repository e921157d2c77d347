"""A week's workload in words, and as a bar: "Week 5: 84 pages · 25 minutes · 6 hours of work · HW2 due".

The table, month and list views put one such line at each week that asks
something (``engine.Week``). The bar is an empty inline whose class sets its
length (``coursecal-load-0`` … ``-20``, a CSS variable in the stylesheet): HTML
draws it beside the words, every other builder shows the words alone, which
say everything the bar does. Numbers and units come from Babel in the site's
language: its plural rules choose "page" or "pages", CLDR's units write the
minutes and hours.
"""

from __future__ import annotations

from babel.numbers import format_decimal
from babel.units import format_unit
from docutils import nodes

from ...engine import MEASURES, Week
from ..i18n import _
from ..render import classes, text_inline
from .context import ViewContext

STEPS = 20  # the bar's lengths: 0 … 20 twentieths of its track


def week_of(context: ViewContext, number: int) -> Week | None:
    """The week's totals when the view shows workload and the week asks anything."""
    if not context.workload:
        return None
    return context.schedule.workload.get(number)


def load(context: ViewContext, week: Week) -> tuple[float, bool]:
    """How full the week is, from 0 to 1, and whether it is over a ceiling of ``course.workload``.

    Against its ceiling where the course sets one, else against the term's
    heaviest week; the fullest measure decides.
    """
    ceilings = dict(context.course.workload)
    weeks = context.schedule.workload.values()
    fullest, over = 0.0, False
    for measure in MEASURES:
        total = week.total(measure)
        scale = ceilings.get(measure) or max(other.total(measure) for other in weeks)
        if total and scale:
            fullest = max(fullest, total / scale)
            over = over or (measure in ceilings and total > ceilings[measure])
    return min(fullest, 1.0), over


def totals(context: ViewContext, week: Week) -> str:
    """ "84 pages · 25 minutes · 6 hours of work · HW2 due", in the site's language."""
    locale = context.formats.locale
    parts = []
    if week.pages:
        count = format_decimal(week.pages, locale=locale)
        one = locale.plural_form(week.pages) == "one"
        parts.append((_("{count} page") if one else _("{count} pages")).format(count=count))
    if week.minutes:
        parts.append(format_unit(week.minutes, "duration-minute", length="long", locale=locale))
    if week.hours:
        hours = format_unit(week.hours, "duration-hour", length="long", locale=locale)
        parts.append(_("{hours} of work").format(hours=hours))
    parts.extend(_("{title} due").format(title=deadline.title) for deadline in week.due)
    return " \u00b7 ".join(parts)


def workload_line(context: ViewContext, week: Week, *, named: bool = True) -> nodes.paragraph:
    """The week's line: its bar (HTML), then "Week 5: 84 pages · …" (without its name under a week heading)."""
    fullness, over = load(context, week)
    line = nodes.paragraph(classes=classes("workload", "workload-over" if over else ""))
    step = round(fullness * STEPS)
    line += nodes.inline("", "", classes=classes("workload-bar", f"load-{step}"))
    words = totals(context, week)
    if named:
        words = _("Week {number}: {totals}").format(number=week.number, totals=words)
    line += text_inline(words, "workload-text")
    if over:
        note = _("over the ceiling")
        line += text_inline(f" ({note})", "workload-note")
    return line
