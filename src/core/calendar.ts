import type { Calendar, Content } from "../content/schemas.js";

export type Season = Calendar["seasons"][number];
export type Phase = Calendar["phases"][number];

/** Where a day falls in the Match calendar. */
export interface CalendarPosition {
  date: string;
  season: Season;
  phase: Phase;
  /** The next dated event after `date` (this season's or the next one's), or null past the calendar's end. */
  next: { id: string; title: string; date: string; days: number } | null;
}

const DAY_MS = 86_400_000;

/** The UTC calendar day of an instant, YYYY-MM-DD. */
export function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Whether a string is a real calendar day written YYYY-MM-DD. */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === value;
}

/** Whole days from one YYYY-MM-DD day to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The calendar in content/calendar.yaml, when the content has one. */
export function calendarOf(content: Content): Calendar | undefined {
  return content.extra.get("calendar.yaml") as Calendar | undefined;
}

function seasonStart(cal: Calendar, season: Season): string {
  return season.dates[cal.events[0].id];
}

/** The season a day belongs to: from its first event up to the next season's first event (the last season ends a year after it starts). */
export function seasonRange(cal: Calendar, date: string): { season: Season; start: string; end: string } | undefined {
  for (let i = 0; i < cal.seasons.length; i++) {
    const start = seasonStart(cal, cal.seasons[i]);
    const next = cal.seasons[i + 1];
    const end = next ? seasonStart(cal, next) : `${Number(start.slice(0, 4)) + 1}${start.slice(4)}`;
    if (date >= start && date < end) return { season: cal.seasons[i], start, end };
  }
  return undefined;
}

/**
 * The start (inclusive) and end (exclusive) days of the season holding `date`: from the calendar,
 * or, outside it, June 1 to June 1 (ERAS opens in early June).
 */
export function seasonBounds(content: Content, date: string): { start: string; end: string } {
  const cal = calendarOf(content);
  const found = cal && seasonRange(cal, date);
  if (found) return { start: found.start, end: found.end };
  const year = Number(date.slice(0, 4));
  const startYear = date.slice(5) >= "06-01" ? year : year - 1;
  return { start: `${startYear}-06-01`, end: `${startYear + 1}-06-01` };
}

/** The season, phase and next deadline for a day; undefined outside the calendar. */
export function positionOf(cal: Calendar, date: string): CalendarPosition | undefined {
  const found = seasonRange(cal, date);
  if (!found) return undefined;
  const { season } = found;
  let phase = cal.phases[0];
  for (const p of cal.phases) if (season.dates[p.starts] <= date) phase = p;
  const upcoming = cal.seasons
    .flatMap((s) => cal.events.map((e) => ({ id: e.id, title: e.title, date: s.dates[e.id] })))
    .filter((e) => e.date > date)
    .sort((a, b) => (a.date < b.date ? -1 : 1))[0];
  return { date, season, phase, next: upcoming ? { ...upcoming, days: daysBetween(date, upcoming.date) } : null };
}
