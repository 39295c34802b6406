import { calendarOf, dayOf, isDay, positionOf } from "../src/core/calendar.js";
import { defineCommand, stringOption } from "../src/core/command.js";
import { UserError } from "../src/core/errors.js";
import { MESSAGES } from "../src/core/messages.js";
import { makeReply } from "../src/core/reply.js";

/** /timeline: the current phase of the Match season, what to send now, and the next date. */
export default defineCommand({
  name: "timeline",
  description: "Where the Match season is now and what to send in this phase",
  example: "/timeline",
  options: [{ name: "date", description: "Another day to look at, YYYY-MM-DD (default today)", type: "string", maxLength: 10 }],
  positional: ["date"],
  privacy: "public",
  disclaimer: true,
  home: true,
  run(ctx, call) {
    const cal = calendarOf(ctx.content);
    if (!cal) throw new UserError("not-available", MESSAGES.notAvailable("/timeline"));
    const asked = stringOption(call, "date")?.trim();
    if (asked !== undefined && !isDay(asked)) throw new UserError("bad-input", MESSAGES.log.badDate(asked));
    const date = asked ?? dayOf(ctx.now());
    const pos = positionOf(cal, date);
    if (!pos) {
      const first = cal.seasons[0].dates[cal.events[0].id];
      const lastSeason = cal.seasons[cal.seasons.length - 1];
      const last = lastSeason.dates[cal.events[cal.events.length - 1].id];
      throw new UserError("not-available", MESSAGES.timeline.outside(date, first, last));
    }
    const { season, phase, next } = pos;
    const templates = phase.templates.filter((id) => ctx.content.templates.has(id));
    const fields = [
      ...(next ? [{ name: MESSAGES.timeline.nextName, value: MESSAGES.timeline.countdown(next.days, next.title, next.date) }] : []),
      { name: MESSAGES.timeline.sendName, value: phase.send.map((s) => `• ${s}`).join("\n") },
      ...(phase.avoid.length ? [{ name: MESSAGES.timeline.avoidName, value: phase.avoid.map((s) => `• ${s}`).join("\n") }] : []),
      ...(templates.length ? [{ name: MESSAGES.timeline.templatesName, value: templates.map((t) => `/template ${t}`).join("\n") }] : []),
    ];
    return makeReply(
      "notice",
      {
        title: MESSAGES.timeline.title(phase.title),
        text: season.confirmed
          ? MESSAGES.timeline.seasonName(season.id, season.match_year)
          : `${MESSAGES.timeline.seasonName(season.id, season.match_year)}\n${MESSAGES.timeline.estimated}`,
        fields,
        followups: templates.slice(0, 3).map((id) => ({ label: ctx.content.templates.get(id)!.title, command: "template", options: { id } })),
        footer: MESSAGES.reminder,
      },
      {
        date,
        season: season.id,
        matchYear: season.match_year,
        confirmed: season.confirmed,
        ...(season.confirmed ? {} : { estimated: MESSAGES.timeline.estimated }),
        phase: { id: phase.id, title: phase.title },
        next,
        send: phase.send,
        avoid: phase.avoid,
        templates,
        topic: phase.topic,
      },
    );
  },
});
