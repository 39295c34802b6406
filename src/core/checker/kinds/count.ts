import type { Rule } from "../../../content/schemas.js";
import { ruleParamsSchemas } from "../../../content/schemas.js";
import type { Detector } from "./types.js";

const WORDLIKE = /[\p{L}\p{N}]/u;
const SPACE = /\s/;

/** True for a UTF-16 unit that separates words (ASCII fast path, then the regex for the rest). */
function isSpace(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  return code > 127 && SPACE.test(String.fromCharCode(code));
}

/** True for a unit that makes a token a word: an ASCII letter or digit, or any non-ASCII letter or number. */
function isWordChar(text: string, i: number, code: number): boolean {
  if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return true;
  return code > 127 && WORDLIKE.test(String.fromCodePoint(text.codePointAt(i) ?? code));
}

/** Counts words (whitespace-separated tokens holding a letter or digit) and where word `n + 1` starts and ends. */
export function countWords(text: string, n = Infinity): { words: number; overStart: number; overEnd: number } {
  let words = 0;
  let overStart = -1;
  let overEnd = -1;
  let start = -1;
  let wordlike = false;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    if (isSpace(code)) {
      if (start >= 0 && wordlike && ++words === n + 1) {
        overStart = start;
        overEnd = i;
      }
      start = -1;
      wordlike = false;
    } else {
      if (start < 0) start = i;
      if (!wordlike) wordlike = isWordChar(text, i, code);
    }
  }
  return { words, overStart, overEnd };
}

/** `count` kind: a draft over the word budget; points at the first word past it and says by how much. */
export function countDetector(rule: Rule): Detector {
  const { limit, far, far_message } = ruleParamsSchemas.count.parse(rule.params);
  return (draft) => {
    const { words, overStart, overEnd } = countWords(draft.text, limit);
    draft.words = words;
    if (words <= limit) return [];
    const vars = { words, limit, over: words - limit };
    return [{ rule, start: overStart, end: overEnd, vars, document: true, ...(words > far ? { message: far_message } : {}) }];
  };
}
