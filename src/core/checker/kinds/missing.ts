import { ruleParamsSchemas, type Rule } from "../../../content/schemas.js";
import { compileGated, firstRange } from "../patterns.js";
import type { CompileEnv, Detector } from "./types.js";

/** `missing` kind: none of the patterns is present although an anchor (a greeting, a sign-off) shows a full email. */
export function missingDetector(rule: Rule, env: CompileEnv): Detector {
  const { first_line } = ruleParamsSchemas.missing.parse(rule.params);
  const presentFor = compileGated(rule, rule.patterns, env.prefilter);
  const anchorsFor = compileGated(rule, rule.anchors, env.prefilter);
  return (draft) => {
    const anchors = anchorsFor(draft);
    if (!anchors) return [];
    const anchor = firstRange(anchors, draft.text);
    if (!anchor) return [];
    if (first_line && draft.text.slice(0, anchor[0]).trim() !== "") return [];
    const present = presentFor(draft);
    if (present && firstRange(present, draft.text)) return [];
    return [{ rule, start: anchor[0], end: anchor[1], document: true }];
  };
}
