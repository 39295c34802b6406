import type { Rule } from "../../../content/schemas.js";
import { ruleParamsSchemas } from "../../../content/schemas.js";
import type { Detector } from "./types.js";

const TOKEN = /\S+/g;
const WORDLIKE = /[\p{L}\p{N}]/u;

/** Counts words (whitespace-separated tokens holding a letter or digit) and where word `n + 1` starts and ends. */
export function countWords(text: string, n = Infinity): { words: number; overStart: number; overEnd: number } {
  let words = 0;
  let overStart = -1;
  let overEnd = -1;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    if (!WORDLIKE.test(m[0])) continue;
    words++;
    if (words === n + 1) {
      overStart = m.index;
      overEnd = m.index + m[0].length;
    }
  }
  return { words, overStart, overEnd };
}

/** `count` kind: a draft over the word budget; points at the first word past it and says by how much. */
export function countDetector(rule: Rule): Detector {
  const { limit, far, far_message } = ruleParamsSchemas.count.parse(rule.params);
  return (draft) => {
    const { words, overStart, overEnd } = countWords(draft.text, limit);
    if (words <= limit) return [];
    const vars = { words, limit, over: words - limit };
    return [{ rule, start: overStart, end: overEnd, vars, document: true, ...(words > far ? { message: far_message } : {}) }];
  };
}
