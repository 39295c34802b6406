import { ruleParamsSchemas, type Rule } from "../../../content/schemas.js";
import { sameProgram } from "../../programs.js";
import { findProgramMentions } from "../programs.js";
import { createPhraseMatcher } from "./phrase.js";
import type { CompileEnv, Detector } from "./types.js";

const OPENING_LINE = /\S[^\n]*/;

/** Point of a whole-draft finding: the first non-empty line (capped at 80 characters). */
function firstLine(text: string): [number, number] {
  const m = OPENING_LINE.exec(text);
  if (!m) return [0, 0];
  return [m.index, m.index + Math.min(m[0].replace(/\s+$/, "").length, 80)];
}

/** `log` kind: checks against the user's own log — a second first-choice letter, or one message too many to a program. */
export function logDetector(rule: Rule, env: CompileEnv): Detector {
  const params = ruleParamsSchemas.log.parse(rule.params);
  if (params.guard === "frequency") {
    return (draft, context) => {
      const sent = context.sentToProgram ?? 0;
      if (sent < params.threshold) return [];
      const [start, end] = firstLine(draft.text);
      return [{ rule, start, end, vars: { sent, next: sent + 1, program: context.program ?? "this program" }, document: true }];
    };
  }
  const claimRule = env.rules.get(params.claims_from);
  if (!claimRule) throw new Error(`${rule.file}: params.claims_from: unknown rule "${params.claims_from}"`);
  const claims = createPhraseMatcher(claimRule, env);
  return (draft, context) => {
    const earlier = [...new Set((context.firstChoicePrograms ?? []).map((p) => p.trim()).filter(Boolean))];
    if (earlier.length === 0) return [];
    const found = claims(draft);
    if (found.length === 0) return [];
    const target = context.program?.trim() || findProgramMentions(draft)[0]?.name;
    const others = target ? earlier.filter((p) => !sameProgram(p, target)) : earlier.length > 1 ? earlier : [];
    if (others.length === 0) return [];
    const vars = { earlier: others.join(", "), program: target ?? "this program" };
    return found.map(([start, end]) => ({ rule, start, end, vars }));
  };
}
