import type { Rule } from "../../../content/schemas.js";
import { createPhraseMatcher } from "./phrase.js";
import type { CompileEnv, Detector } from "./types.js";

/** `placeholder` kind: template slots left unfilled ([Program Name], XXX, <name>, {{field}}), wherever they are. */
export function placeholderDetector(rule: Rule, env: CompileEnv): Detector {
  const match = createPhraseMatcher({ ...rule, ignore: [] }, env);
  return (draft) => match(draft).map(([start, end]) => ({ rule, start, end }));
}
