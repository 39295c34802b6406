import type { Rule } from "../../../content/schemas.js";
import { sameProgram } from "../../programs.js";
import { findProgramMentions } from "../programs.js";
import type { Detector } from "./types.js";

/** `program-mismatch` kind: with a target program, every addressed program name in the draft that is a different one. */
export function programMismatchDetector(rule: Rule): Detector {
  return (draft, context) => {
    const target = context.program?.trim();
    if (!target) return [];
    return findProgramMentions(draft)
      .filter((m) => !sameProgram(m.name, target))
      .map((m) => ({ rule, start: m.start, end: m.end, vars: { found: m.name, program: target } }));
  };
}
