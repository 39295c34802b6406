import type { Rule } from "../../../content/schemas.js";
import { isDiscounted } from "../context-filter.js";
import { sentenceAround, type Draft } from "../draft.js";
import { compileGated, compileList, matchRanges, overlapsAny } from "../patterns.js";
import type { CompileEnv, Detector } from "./types.js";

/** Finds a rule's phrase matches that count: not in an exception, not negated, reported or quoted (per `ignore`). */
export function createPhraseMatcher(rule: Rule, env?: CompileEnv): (draft: Draft) => Array<[number, number]> {
  const patternsFor = compileGated(rule, rule.patterns, env?.prefilter);
  const exceptions = compileList(rule, rule.exceptions);
  const sentenceExceptions = compileList(rule, rule.sentence_exceptions);
  const unless = compileList(rule, rule.unless);
  const counts = (draft: Draft, start: number, end: number) => {
    if (rule.region === "opening" && start >= draft.openingEnd) return false;
    if (isDiscounted(draft, start, end, rule.ignore)) return false;
    if (sentenceExceptions) {
      sentenceExceptions.lastIndex = 0;
      if (sentenceExceptions.test(sentenceAround(draft.text, start, end))) return false;
    }
    return true;
  };
  return (draft) => {
    const patterns = patternsFor(draft);
    if (!patterns) return [];
    let found = matchRanges(patterns, draft.text);
    if (found.length === 0) return found;
    if (exceptions) {
      const skip = matchRanges(exceptions, draft.text);
      found = found.filter(([s, e]) => !overlapsAny(skip, s, e));
    }
    found = found.filter(([s, e]) => counts(draft, s, e));
    if (found.length && unless && matchRanges(unless, draft.text).some(([s, e]) => !isDiscounted(draft, s, e, rule.ignore))) return [];
    return found;
  };
}

/** `phrase` kind: patterns with exceptions, aware of negation, reported speech and quoted program text. */
export function phraseDetector(rule: Rule, env: CompileEnv): Detector {
  const match = createPhraseMatcher(rule, env);
  return (draft) => match(draft).map(([start, end]) => ({ rule, start, end }));
}
