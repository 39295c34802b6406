/** A draft prepared for matching: normalised text, offsets back to the text as given, quoted regions. */
export interface Draft {
  /** The text as the user gave it; findings point into this. */
  raw: string;
  /** Same text with typographic quotes straightened and invisible characters removed. */
  text: string;
  /** Maps an offset of `text` to the offset of `raw` (end-exclusive offsets map through the character before). */
  toRaw(start: number, end: number): [number, number];
  /** Sorted, non-overlapping [start, end) ranges of `text` quoted from someone else. */
  quoted: Array<[number, number]>;
  /** End offset of the greeting area (first lines after an optional subject line). */
  openingEnd: number;
  /** Word count, once a detector has counted. */
  words?: number;
  /** Which prefilter clauses occur in `text` (set by the checker; absent means "assume every pattern can match"). */
  literals?: Uint8Array;
}

/** Characters removed before matching (zero-width joiners and spaces, BOM, soft hyphen, bidi marks). */
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
/** Characters swapped one-for-one (offsets unchanged): curly quotes and unusual spaces. */
const SWAPS: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u02BC": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u00A0": " ",
  "\u2009": " ",
  "\u202F": " ",
};
const SWAPPABLE = /[\u2018\u2019\u02BC\u201C\u201D\u00A0\u2009\u202F]/g;
const SPACE_RUN = /[ \t]{2}|\t/;
/** Any character normalise() would change; most drafts have none and skip the three scans. */
const NEEDS_NORMALISING = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u2018\u2019\u02BC\u201C\u201D\u00A0\u2009\u202F\t]|  /;

const QUOTE_LINE = /^[ \t]*>[^\n]*/gm;
const REPLY_HEADER = /^[ \t]*(?:On\b[^\n]{0,200}\bwrote:[ \t]*\r?$|-{2,}[ \t]*Original Message[ \t]*-{2,})/im;
/** A reply header needs "wrote:" or "--". */
const REPLY_CUE = /wrote:/i;
const QUOTED_SPAN = /"[^"\n]{1,800}"/g;
/** Words before a quotation that show it is someone else's text ("you wrote", "your email said"). */
const QUOTE_CUE =
  /\b(?:wrote|writes|written|said|says|asked|asks|mentioned|stated|states|noted|told|email|e-mail|message|letter|note|invitation|words|phrase|quote|quoted|reads|saying|asking|stating|wording|line)\b[^".!?\n]{0,40}$/i;
const SUBJECT_LINE = /^[ \t]*(?:subject|re|fwd?)[ \t]*:/i;

/** Straightens quotes, drops invisible characters and collapses runs of spaces and tabs, keeping a map back to `raw`. */
function normalise(raw: string): { text: string; map: Int32Array | null } {
  if (!NEEDS_NORMALISING.test(raw)) return { text: raw, map: null };
  const swapped = raw.replace(SWAPPABLE, (c) => SWAPS[c]);
  if (!INVISIBLE.test(swapped) && !SPACE_RUN.test(swapped)) return { text: swapped, map: null };
  const map = new Int32Array(raw.length + 1);
  const parts: string[] = [];
  let j = 0;
  let lastSpace = false;
  for (let i = 0; i < swapped.length; i++) {
    let c = swapped[i];
    if (INVISIBLE.test(c)) continue;
    const space = c === " " || c === "\t";
    if (space && lastSpace) continue;
    if (space) c = " ";
    lastSpace = space;
    map[j++] = i;
    parts.push(c);
  }
  map[j] = raw.length;
  return { text: parts.join(""), map };
}

function findQuoted(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  // Each scan needs a character (or word) that most drafts lack; indexOf is far cheaper than the scan.
  if (text.includes(">")) for (const m of text.matchAll(QUOTE_LINE)) ranges.push([m.index, m.index + m[0].length]);
  const header = text.includes("--") || REPLY_CUE.test(text) ? REPLY_HEADER.exec(text) : null;
  if (header) ranges.push([header.index, text.length]);
  if (text.includes('"')) for (const m of text.matchAll(QUOTED_SPAN)) {
    const before = text.slice(Math.max(0, m.index - 80), m.index);
    if (QUOTE_CUE.test(before)) ranges.push([m.index, m.index + m[0].length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Where the greeting area ends: after the third non-empty line that is not a subject line. */
function findOpeningEnd(text: string): number {
  let seen = 0;
  let pos = 0;
  while (pos < text.length && seen < 3) {
    const nl = text.indexOf("\n", pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end);
    if (line.trim() && !SUBJECT_LINE.test(line)) seen++;
    pos = end + 1;
  }
  return Math.min(pos, text.length);
}

/** Prepares a draft once for every detector. */
export function prepareDraft(raw: string): Draft {
  const { text, map } = normalise(raw);
  const toRaw = map
    ? (start: number, end: number): [number, number] => [map[start], end > start ? map[end - 1] + 1 : map[start]]
    : (start: number, end: number): [number, number] => [start, end];
  return { raw, text, toRaw, quoted: findQuoted(text), openingEnd: findOpeningEnd(text) };
}

/** True when [start, end) lies inside a quoted range. */
export function isQuoted(draft: Draft, start: number, end: number): boolean {
  for (const [qs, qe] of draft.quoted) {
    if (qs > start) return false;
    if (start >= qs && end <= qe) return true;
  }
  return false;
}

const CLAUSE_BREAK = /[.!?;:,\n()]/;
const CLAUSE_WORD = /\b(?:but|however|yet|although|though|while|whereas)\b/gi;
const LOOKBACK = 120;

/** The text from the start of the clause holding `start` up to `start` (at most 120 characters). */
export function clauseBefore(text: string, start: number): string {
  const from = Math.max(0, start - LOOKBACK);
  let i = start - 1;
  while (i >= from && !CLAUSE_BREAK.test(text[i])) i--;
  const clause = text.slice(i + 1, start);
  let cut = 0;
  for (const m of clause.matchAll(CLAUSE_WORD)) cut = m.index + m[0].length;
  return clause.slice(cut);
}

/** Titles and short forms whose full stop ends no sentence ("Dr. Lee", "St. Columba", "vs. the others"). */
const ABBREVIATION = /(?:^|[^A-Za-z])(?:Dr|Drs|St|Mr|Mrs|Ms|Mx|Prof|Mt|Jr|Sr|vs|approx|e\.g|i\.e)$/;

/** True when text[i] ends a sentence: a line break, or . ! ? followed by white space or the end (not a title's full stop). */
function endsSentence(text: string, i: number): boolean {
  const c = text[i];
  if (c === "\n") return true;
  if (c !== "." && c !== "!" && c !== "?") return false;
  const next = text[i + 1];
  if (!(next === undefined || next === " " || next === "\n" || next === "\t" || next === "\r")) return false;
  return c !== "." || next !== " " || !ABBREVIATION.test(text.slice(Math.max(0, i - 7), i));
}

/** [from, to) of the sentence holding [start, end) (bounded to 300 characters each side), its end mark included. */
export function sentenceBounds(text: string, start: number, end: number): [number, number] {
  const lo = Math.max(0, start - 300);
  let s = start - 1;
  while (s >= lo && !endsSentence(text, s)) s--;
  const hi = Math.min(text.length, end + 300);
  let e = end;
  while (e < hi && !endsSentence(text, e)) e++;
  return [s + 1, Math.min(text.length, e + 1)];
}

/** The sentence holding [start, end) (bounded to 300 characters each side). */
export function sentenceAround(text: string, start: number, end: number): string {
  const [s, e] = sentenceBounds(text, start, end);
  return text.slice(s, e);
}
