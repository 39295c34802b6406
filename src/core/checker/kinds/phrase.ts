import type { Rule } from "../../../content/schemas.js";
import { isDiscounted } from "../context-filter.js";
import { sentenceAround, sentenceBounds, type Draft } from "../draft.js";
import { compileGated, compileList, matchRanges, overlapsAny } from "../patterns.js";
import type { CompileEnv, Detector } from "./types.js";

/** Leading and trailing white space of [start, end) left out. */
function trimRange(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return [start, end];
}

/**
 * A `together` group compiled: the sentences in which every pattern of the group has a match that counts.
 * The first pattern is run over the draft; the others only inside the sentences it found.
 */
function compileTogether(rule: Rule, group: readonly string[], env: CompileEnv | undefined, counts: (d: Draft, s: number, e: number) => boolean) {
  const firstFor = compileGated(rule, [group[0]], env?.prefilter);
  const gates = group.slice(1).map((source) => compileGated(rule, [source], env?.prefilter));
  return (draft: Draft): Array<[number, number]> => {
    const first = firstFor(draft);
    if (!first) return [];
    const others = gates.map((g) => g(draft));
    if (others.some((re) => !re)) return [];
    const out: Array<[number, number]> = [];
    let doneUpTo = -1;
    for (const [s, e] of matchRanges(first, draft.text)) {
      if (s < doneUpTo || !counts(draft, s, e)) continue;
      const [from, to] = sentenceBounds(draft.text, s, e);
      const all = (others as RegExp[]).every((re) => {
        re.lastIndex = from;
        for (let m = re.exec(draft.text); m && m.index < to; m = re.exec(draft.text)) {
          if (m[0].length === 0) {
            re.lastIndex++;
            continue;
          }
          if (m.index + m[0].length <= to && counts(draft, m.index, m.index + m[0].length)) return true;
        }
        return false;
      });
      if (!all) continue;
      out.push(trimRange(draft.text, from, to));
      doneUpTo = to;
    }
    return out;
  };
}

/** Finds a rule's phrase matches that count: not in an exception, not negated, reported or quoted (per `ignore`). */
export function createPhraseMatcher(rule: Rule, env?: CompileEnv): (draft: Draft) => Array<[number, number]> {
  const patternsFor = compileGated(rule, rule.patterns, env?.prefilter);
  const exceptions = compileList(rule, rule.exceptions);
  const sentenceExceptions = compileList(rule, rule.sentence_exceptions);
  const unless = compileList(rule, rule.unless);
  const discounted = (draft: Draft, start: number, end: number) => {
    if (rule.region === "opening" && start >= draft.openingEnd) return true;
    return isDiscounted(draft, start, end, rule.ignore);
  };
  const inSentenceException = (draft: Draft, start: number, end: number) => {
    if (!sentenceExceptions) return false;
    sentenceExceptions.lastIndex = 0;
    return sentenceExceptions.test(sentenceAround(draft.text, start, end));
  };
  const groups = rule.together.map((g) => compileTogether(rule, g, env, (d, s, e) => !discounted(d, s, e)));
  return (draft) => {
    const patterns = patternsFor(draft);
    let found = patterns ? matchRanges(patterns, draft.text) : [];
    if (found.length && exceptions) {
      const skip = matchRanges(exceptions, draft.text);
      found = found.filter(([s, e]) => !overlapsAny(skip, s, e));
    }
    found = found.filter(([s, e]) => !discounted(draft, s, e));
    for (const group of groups) for (const range of group(draft)) if (!overlapsAny(found, range[0], range[1])) found.push(range);
    found = found.filter(([s, e]) => !inSentenceException(draft, s, e));
    if (found.length && unless && matchRanges(unless, draft.text).some(([s, e]) => !isDiscounted(draft, s, e, rule.ignore))) return [];
    return found;
  };
}

/** `phrase` kind: patterns with exceptions, aware of negation, reported speech and quoted program text; clause patterns per sentence. */
export function phraseDetector(rule: Rule, env: CompileEnv): Detector {
  const match = createPhraseMatcher(rule, env);
  return (draft) => match(draft).map(([start, end]) => ({ rule, start, end }));
}
