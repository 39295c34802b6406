import type { Rule } from "../../content/schemas.js";
import type { Draft } from "./draft.js";
import type { Prefilter } from "./prefilter.js";

/** One regex alternation of a list of sources; null when the list is empty. */
export function compileList(rule: Rule, sources: readonly string[]): RegExp | null {
  if (sources.length === 0) return null;
  return new RegExp(sources.map((s) => `(?:${s})`).join("|"), rule.case_sensitive ? "gm" : "gim");
}

/** Every non-empty match of `re` in `text` as [start, end). */
export function matchRanges(re: RegExp, text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

/** The first non-empty match of `re` in `text` as [start, end), or null. */
export function firstRange(re: RegExp, text: string): [number, number] | null {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length > 0) return [m.index, m.index + m[0].length];
    re.lastIndex++;
  }
  return null;
}

/** True when some range overlaps [start, end). */
export function overlapsAny(ranges: ReadonlyArray<[number, number]>, start: number, end: number): boolean {
  for (const [s, e] of ranges) if (s < end && start < e) return true;
  return false;
}

/** Distinct pattern subsets kept compiled per list (oldest dropped first). */
const SUBSET_CACHE = 64;
/** A back-reference depends on group numbers, which change when patterns are left out. */
const BACKREF = /\\(?:[1-9]|k<)/;

/**
 * A pattern list compiled once, and per draft the regex worth running: null when the prefilter shows that no
 * pattern of the list can match, otherwise the alternation of the patterns that can. Leaving out alternatives
 * that match nowhere in the text changes no match: at every position they would have failed anyway.
 */
export function compileGated(rule: Rule, sources: readonly string[], prefilter?: Prefilter): (draft: Draft) => RegExp | null {
  const whole = compileList(rule, sources);
  if (!whole || !prefilter) return () => whole;
  const gate = prefilter.register(sources);
  const subsets = !sources.some((s) => BACKREF.test(s));
  const cache = new Map<number, RegExp>();
  return (draft) => {
    const mask = prefilter.mask(gate, draft.literals);
    if (mask === 0) return null;
    if (mask === -1 || !subsets) return whole;
    let re = cache.get(mask);
    if (!re) {
      re = compileList(rule, sources.filter((_, i) => mask & (1 << i))) as RegExp;
      if (cache.size >= SUBSET_CACHE) cache.delete(cache.keys().next().value as number);
      cache.set(mask, re);
    }
    return re;
  };
}
