import type { Rule } from "../../content/schemas.js";
import type { CheckContext } from "./check.js";
import { sentenceBounds, type Draft } from "./draft.js";
import type { Hit } from "./kinds/types.js";

/** A mechanical fix: the text for [start, end) of the normalised draft (start === end inserts, as a subject line does). */
export interface Fix {
  start: number;
  end: number;
  replacement: string;
}

/** Turns a hit of one rule into its fix, or null when this hit has none. */
export type Fixer = (draft: Draft, hit: Hit, context: CheckContext) => Fix | null;

const isBlank = (c: string | undefined) => c === " " || c === "\t";
/** The mark that ends a greeting (the first comma, colon or exclamation mark on its line). */
const GREETING_END = /[,:!]/;
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/** The raw text behind [start, end) of the normalised text (so a kept part keeps the user's own characters). */
function rawSlice(draft: Draft, start: number, end: number): string {
  if (end <= start) return "";
  const [s, e] = draft.toRaw(start, end);
  return draft.raw.slice(s, e);
}

/** The sentence holding [start, end) without the white space around it. */
function sentenceCore(text: string, start: number, end: number): [number, number] {
  let [s, e] = sentenceBounds(text, start, end);
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  return [s, e];
}

/**
 * The range that removes the sentence [s, e) cleanly: with the blanks after it, or its whole line when it is alone
 * there. Blanks before it stay (a neighbouring sentence's deletion may already hold them).
 */
function sentenceDeletion(text: string, s: number, e: number): [number, number] {
  let end = e;
  while (isBlank(text[end])) end++;
  let lineStart = s;
  while (lineStart > 0 && isBlank(text[lineStart - 1])) lineStart--;
  const atLineStart = lineStart === 0 || text[lineStart - 1] === "\n";
  const atLineEnd = end === text.length || text[end] === "\n" || text[end] === "\r";
  if (atLineStart && atLineEnd) {
    if (text[end] === "\r") end++;
    if (text[end] === "\n") end++;
    return [lineStart, end];
  }
  return [s, end];
}

/** First match of `re` (a global regex) inside [from, to), as [start, end). */
function firstIn(re: RegExp, text: string, from: number, to: number): [number, number] | null {
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (m.index + m[0].length <= to) return [m.index, m.index + m[0].length];
  }
  return null;
}

/** Length of the greeting word the line starts with, its last letter drawn out or not ("hiii", "heyyy"); 0 for none. */
function openerLength(lower: string, openers: readonly string[]): number {
  for (const o of openers) {
    if (!lower.startsWith(o)) continue;
    let n = o.length;
    while (lower.charAt(n) === o.charAt(o.length - 1)) n++;
    if (!/[a-z]/i.test(lower.charAt(n))) return n;
  }
  return 0;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Compiles a rule's `fix` once; null for rules without one. */
export function compileFix(rule: Rule): Fixer | null {
  const fix = rule.fix;
  if (!fix) return null;
  const flags = rule.case_sensitive ? "g" : "gi";
  switch (fix.kind) {
    case "delete-sentence":
      return (draft, hit) => {
        const [s, e] = sentenceCore(draft.text, hit.start, hit.end);
        const [start, end] = sentenceDeletion(draft.text, s, e);
        return { start, end, replacement: "" };
      };
    case "drop-condition": {
      const condition = new RegExp(fix.condition, flags);
      const main = new RegExp(fix.main, flags);
      return (draft, hit) => {
        const text = draft.text;
        const [s, e] = sentenceCore(text, hit.start, hit.end);
        const cond = firstIn(condition, text, s, e);
        const deleteAll = () => {
          const [start, end] = sentenceDeletion(text, s, e);
          return { start, end, replacement: "" };
        };
        if (!cond) return deleteAll();
        const mark = /[.!?]/.test(text[e - 1]) ? e - 1 : e;
        const before = firstIn(main, text, s, cond[0]);
        if (before) {
          let cut = cond[0];
          while (cut > before[1] && /[\s,;–—-]/.test(text[cut - 1])) cut--;
          return { start: s, end: e, replacement: rawSlice(draft, s, cut) + rawSlice(draft, mark, e) };
        }
        const after = firstIn(main, text, cond[1], e);
        if (!after) return deleteAll();
        const lead = rawSlice(draft, s, cond[0]);
        const kept = rawSlice(draft, after[0], e);
        return { start: s, end: e, replacement: lead.trim() === "" ? capitalise(kept) : lead + kept };
      };
    }
    case "salutation": {
      const openers = [...fix.openers].sort((a, b) => b.length - a.length);
      const titles = new Set(fix.titles.map((t) => t.toLowerCase()));
      const roles = new Set(fix.role_words.map((w) => w.toLowerCase()));
      const groups = new Set(fix.group_words.map((w) => w.toLowerCase()));
      return (draft, hit) => {
        const text = draft.text;
        let start = hit.start;
        while (start > 0 && text[start - 1] !== "\n") start--;
        while (isBlank(text[start])) start++;
        let end = text.indexOf("\n", start);
        if (end < 0) end = text.length;
        while (end > start && isSpace(text[end - 1])) end--;
        // A greeting with the letter going on after it on the same line ("hi dr m, loved the interview…"): only the greeting.
        const mark = GREETING_END.exec(text.slice(start, end));
        if (mark && start + mark.index + 1 < end && /\S\s+\S/.test(text.slice(start, start + mark.index))) end = start + mark.index + 1;
        let rest = text.slice(start, end);
        const lower = rest.toLowerCase();
        const opened = openerLength(lower, openers);
        if (opened) rest = rest.slice(opened);
        rest = rest.replace(/^[\s,]+|[\s,!:.;]+$/g, "");
        const words = rest.split(/\s+/).filter(Boolean);
        const key = rest.toLowerCase();
        let name: string;
        if (rest === "" || roles.has(key)) name = fix.role;
        else if (groups.has(key)) name = fix.group;
        else if (titles.has(words[0].replace(/\.$/, "").toLowerCase()) && words.length > 1) {
          const surname = words.slice(1).join(" ");
          const title = words[0].replace(/\.$/, "");
          name = /^[A-Za-z]\.?$/.test(surname) ? fix.unknown : `${/^(?:dr|prof|mr|mrs|ms|mx)$/i.test(title) ? `${capitalise(title.toLowerCase())}.` : capitalise(title)} ${surname}`;
        } else name = fix.unknown;
        return { start, end, replacement: fix.template.replace("{name}", name) };
      };
    }
    case "rewrite": {
      const rewrites = fix.rewrites.map((r) => ({ from: new RegExp(r.from, rule.case_sensitive ? "" : "i"), to: r.to }));
      return (draft, hit) => {
        const excerpt = rawSlice(draft, hit.start, hit.end);
        const r = rewrites.find((w) => w.from.test(excerpt));
        return r ? { start: hit.start, end: hit.end, replacement: excerpt.replace(r.from, r.to) } : null;
      };
    }
    case "insert": {
      const requires = fix.requires ? new RegExp(fix.requires, rule.case_sensitive ? "m" : "im") : null;
      return (draft, hit) => {
        const text = draft.text;
        if (requires && !requires.test(text)) return null;
        if (fix.at === "start") return { start: 0, end: 0, replacement: fix.text };
        // Under the name that follows the sign-off (or the sign-off itself): that line, then the inserted text.
        let lineStart = hit.start;
        let lineEnd = text.indexOf("\n", hit.end);
        if (lineEnd < 0) lineEnd = text.length;
        const next = lineEnd < text.length ? /^[ \t]*(\S[^\n]{0,60}?)[ \t]*(?:\r?\n|$)/.exec(text.slice(lineEnd + 1, lineEnd + 80)) : null;
        if (next && !/[.!?]$/.test(next[1])) {
          lineStart = lineEnd + 1 + next[0].indexOf(next[1]);
          lineEnd = lineStart + next[1].length;
        } else while (lineEnd > hit.end && isSpace(text[lineEnd - 1])) lineEnd--;
        return { start: lineStart, end: lineEnd, replacement: rawSlice(draft, lineStart, lineEnd) + fix.text };
      };
    }
    case "use-program":
      return (_draft, hit, context) => (context.program?.trim() ? { start: hit.start, end: hit.end, replacement: context.program.trim() } : null);
  }
}

/** The draft with every replacement applied; findings whose span overlaps an earlier one's are left out. */
export function applyFixes(text: string, findings: ReadonlyArray<{ start: number; end: number; replacement?: string }>): string {
  const fixes = findings
    .filter((f): f is { start: number; end: number; replacement: string } => typeof f.replacement === "string")
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let at = 0;
  for (const f of fixes) {
    if (f.start < at) continue;
    parts.push(text.slice(at, f.start), f.replacement);
    at = f.end;
  }
  parts.push(text.slice(at));
  return parts.join("");
}
