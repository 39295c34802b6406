import { ruleParamsSchemas, type Rule } from "../../../content/schemas.js";
import { compileList, matchRanges } from "../patterns.js";
import { mayMatch } from "../draft.js";
import type { CompileEnv, Detector } from "./types.js";

/** `missing` kind: none of the patterns is present although an anchor (a greeting, a sign-off) shows a full email. */
export function missingDetector(rule: Rule, env: CompileEnv): Detector {
  const { first_line } = ruleParamsSchemas.missing.parse(rule.params);
  const present = compileList(rule, rule.patterns);
  const anchors = compileList(rule, rule.anchors);
  const anchorGate = env.prefilter?.register(rule.anchors) ?? -1;
  return (draft) => {
    if (!anchors || !mayMatch(draft, anchorGate)) return [];
    const anchor = matchRanges(anchors, draft.text)[0];
    if (!anchor) return [];
    if (first_line && draft.text.slice(0, anchor[0]).trim() !== "") return [];
    if (present && matchRanges(present, draft.text).length > 0) return [];
    return [{ rule, start: anchor[0], end: anchor[1], document: true }];
  };
}
