import type { Rule } from "../../content/schemas.js";

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

/** True when some range overlaps [start, end). */
export function overlapsAny(ranges: ReadonlyArray<[number, number]>, start: number, end: number): boolean {
  for (const [s, e] of ranges) if (s < end && start < e) return true;
  return false;
}
