import type { Rule } from "../../../content/schemas.js";
import { createPhraseMatcher } from "./phrase.js";
import type { Detector } from "./types.js";

/** `placeholder` kind: template slots left unfilled ([Program Name], XXX, <name>, {{field}}), wherever they are. */
export function placeholderDetector(rule: Rule): Detector {
  const match = createPhraseMatcher({ ...rule, ignore: [] });
  return (draft) => match(draft).map(([start, end]) => ({ rule, start, end }));
}
