import { describe, expect, it } from "vitest";
import { calendarOf, positionOf, seasonBounds } from "../../src/core/calendar.js";
import type { Caller } from "../../src/core/command.js";
import { loadContent } from "../../src/content/load.js";
import { createRuntime, execute } from "../../src/runtime.js";

const caller: Caller = { id: "cli:t", platform: "cli" };

async function timelineAt(iso: string, options: Record<string, string> = {}) {
  const runtime = createRuntime({ now: () => new Date(iso) });
  return execute(runtime, caller, { name: "timeline", options });
}

describe("/timeline across the 2025-2026 season (Match 2026)", () => {
  it.each([
    ["2025-06-04T08:00:00Z", "preparing", "applications-open", 91],
    ["2025-08-15T12:00:00Z", "preparing", "applications-open", 19],
    ["2025-09-03T12:00:00Z", "applying", "interview-season", 21],
    ["2025-09-23T23:59:00Z", "applying", "interview-season", 1],
    ["2025-09-24T00:00:00Z", "interview-season", "ranking-opens", 131],
    ["2025-12-20T12:00:00Z", "interview-season", "ranking-opens", 44],
    ["2026-02-02T12:00:00Z", "ranking", "rank-deadline", 30],
    ["2026-03-03T12:00:00Z", "ranking", "rank-deadline", 1],
    ["2026-03-04T12:00:00Z", "after-rank-list", "match-week", 12],
    ["2026-03-16T12:00:00Z", "match-week", "match-day", 4],
    ["2026-03-20T12:00:00Z", "after-match", "eras-opens", 75],
    ["2026-05-30T12:00:00Z", "after-match", "eras-opens", 4],
  ])("on %s the phase is %s and the next date is %s in %i days", async (iso, phase, next, days) => {
    const reply = await timelineAt(iso);
    expect(reply.kind).toBe("notice");
    const data = reply.data as { season: string; phase: { id: string }; next: { id: string; days: number } };
    expect(data.season).toBe("2025-2026");
    expect(data.phase.id).toBe(phase);
    expect(data.next.id).toBe(next);
    expect(data.next.days).toBe(days);
  });

  it("moves to the next season when ERAS opens again", async () => {
    const reply = await timelineAt("2026-06-03T12:00:00Z");
    expect(reply.data).toMatchObject({ season: "2026-2027", matchYear: 2027, confirmed: false, phase: { id: "preparing" } });
    expect(reply.text).toMatch(/estimates/);
    expect(reply.text).toMatch(/nrmp\.org/i);
    expect(reply.data).toMatchObject({ estimated: expect.stringMatching(/ERAS/) });
  });

  it("says nothing about estimates in a season whose dates are confirmed", async () => {
    const reply = await timelineAt("2026-02-10T12:00:00Z");
    expect(reply.text).not.toMatch(/estimate/);
    expect(reply.data).not.toHaveProperty("estimated");
  });

  it("shows what to send, what to hold off on, and existing templates for the phase", async () => {
    const reply = await timelineAt("2026-02-10T12:00:00Z");
    const data = reply.data as { send: string[]; avoid: string[]; templates: string[]; topic: string };
    expect(data.templates).toEqual(["strong-interest", "first-choice", "answer-rank-question"]);
    expect(data.send.length).toBeGreaterThan(0);
    expect(reply.fields.map((f) => f.name)).toEqual(["Next date", "What to send now", "Hold off on", "Templates for this phase"]);
    expect(reply.fields[0].value).toBe("22 days to the rank-list certification deadline (2026-03-04).");
    expect(reply.private).toBe(false);
  });

  it("offers no template in Match Week, and says to contact no program first until SOAP ends", async () => {
    const reply = await timelineAt("2026-03-17T12:00:00Z");
    const data = reply.data as { phase: { id: string }; templates: string[]; avoid: string[] };
    expect(data.phase.id).toBe("match-week");
    expect(data.templates).toEqual([]);
    expect(reply.fields.map((f) => f.name)).not.toContain("Templates for this phase");
    expect(data.avoid.join(" ")).toMatch(/until SOAP/);
  });

  it("offers the unmatched follow-up only once SOAP is over, and the template says so", async () => {
    const reply = await timelineAt("2026-03-20T12:00:00Z");
    expect((reply.data as { templates: string[] }).templates).toContain("unmatched-followup");
    const template = loadContent().templates.get("unmatched-followup")!;
    expect(template.when).toMatch(/after SOAP has ended/i);
    expect(template.when).not.toMatch(/open for SOAP/i);
  });

  it("takes another day through the date option", async () => {
    const reply = await timelineAt("2026-11-23T12:00:00Z", { date: "2025-10-01" });
    expect(reply.data).toMatchObject({ date: "2025-10-01", phase: { id: "interview-season" } });
  });

  it.each(["2025-02-30", "next week", "2025-1-1"])("rejects the date %s", async (date) => {
    const reply = await timelineAt("2026-01-01T00:00:00Z", { date });
    expect(reply.data).toMatchObject({ code: "bad-input" });
  });

  it("says so for a day outside the calendar", async () => {
    const reply = await timelineAt("2026-01-01T00:00:00Z", { date: "2019-01-01" });
    expect(reply.data).toMatchObject({ code: "not-available" });
  });
});

describe("the calendar data", () => {
  const content = loadContent();
  const cal = calendarOf(content)!;

  it("names only templates and topics that exist", () => {
    for (const phase of cal.phases) {
      for (const t of phase.templates) expect(content.templates.has(t), `${phase.id}: template ${t}`).toBe(true);
      expect(content.guides.has(phase.topic), `${phase.id}: topic ${phase.topic}`).toBe(true);
    }
  });

  it("covers every day of every season with exactly one phase", () => {
    const first = cal.seasons[0].dates[cal.events[0].id];
    for (let t = Date.parse(`${first}T00:00:00Z`); t < Date.parse("2028-06-01T00:00:00Z"); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      expect(positionOf(cal, day), day).toBeDefined();
    }
  });

  it("falls back to June-to-June seasons outside the calendar", () => {
    expect(seasonBounds(content, "2030-07-01")).toEqual({ start: "2030-06-01", end: "2031-06-01" });
    expect(seasonBounds(content, "2026-01-15")).toEqual({ start: "2025-06-04", end: "2026-06-03" });
  });
});
