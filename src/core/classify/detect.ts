import { hasLabelCue, normalizeMessage } from "./labels.js";

/** A program's message found in what the user typed. */
export interface ProgramMessage {
  /** The program's words (the quoted part, the part after a colon, or the whole paste). */
  text: string;
  /** The message is clearly marked off (quotes, a colon after "they wrote", a pasted letter); otherwise it is retold in the user's words. */
  delimited: boolean;
}

/** Fewest words a quotation needs to count as a program's message. */
const MIN_QUOTE_WORDS = 3;
/** Fewest words an unmarked paste needs to be read as a program's message ("hello" alone is not one). */
const MIN_PASTE_WORDS = 5;

/* Linear-time: literal alternations with bounded gaps only. */
const SPEAKER = String.raw`\b(?:they|program|programs|programme|pd|apd|director|coordinator|coord|interviewer|interviewers|faculty|chair|chief|hospital|residency|someone|team|office|committee)\b`;
const SPEECH = String.raw`\b(?:said|says|saying|told|tells|telling|wrote|writes|emailed|mailed|texted|messaged|sent|asked|asks|asking|replied|responded|mentioned|called|forwarded)\b`;
const ATTRIBUTION = new RegExp(`${SPEAKER}[^.,;?!\\n]{0,30}?${SPEECH}`, "gi");
/** The speaker is the object, not the one speaking ("my mentor emailed the program saying …"). */
const OBJECT_BEFORE = /\b(?:email|emails|emailed|tell|told|contact|contacted|call|called|write\s+to|wrote\s+to|ask|asked|asking|to)\s+(?:the\s+|my\s+|a\s+|that\s+)?$/i;
const WRAPPER = [
  /\b(?:got|received|get|getting|have|had)\s+(?:(?:this|an?|the|that|same|their)\s+)?(?:email|mail|message|text|letter|note|reply|dm|call)\b/i,
  /\bis\s+this\s+(?:a\s+|an\s+)?(?:pre\s?-?match|prematch|offer|pressure|allowed|normal|ok|okay|legit|real|binding|violation|red\s+flag|interest|signal|a\s+good)/i,
  /\bwhat\s+does\s+(?:this|it)\s+mean\b/i,
  /\b(?:this|the\s+following)\s+(?:email|mail|message|text|note|letter)\b/i,
];
/** "US" the country (capital letters) is not "us" the program. */
const COUNTRY_US = /\bU\.?S\.?A?\b/g;
const SALUTATION = /^\s*(?:dear|hello|hi|good\s+(?:morning|afternoon|evening))\b/i;
const LETTER_START = /^\s*(?:attached|please\s+find|enclosed|this\s+is\s+a\s+reminder|thank\s+you\s+for|we\s+are\s+(?:writing|pleased|happy|delighted)|we\s+would\s+like)\b/i;
const WE = /\b(?:we|we're|we'll|we've|our|ours|us)\b/;
const YOU = /\b(?:you|your|you're|you'll|yours)\b/;
const FIRST_SINGULAR = /\b(?:i|i'm|im|i've|ive|my|me|mine)\b/;
const POLITE = /\b(?:please|kindly)\b/;
/** The user asks about writing an email ("which greeting is correct"), which a program's own message never does. */
const ABOUT_WRITING = /\b(?:which|what)\s+(?:greeting|salutation|subject(?:\s+line)?|sign-?off|opening|closing|title)\b/;
const QUESTION_START = /^\s*(?:please\s+)?(?:can|could|should|shall|is|are|am|do|does|did|how|what|when|why|where|which|who|may|will|would|must|any)\b/;

/** Every pattern the detector uses (for the linear-time check in the tests). */
export const DETECT_PATTERNS: readonly RegExp[] = [
  ATTRIBUTION, OBJECT_BEFORE, ...WRAPPER, ABOUT_WRITING, SALUTATION, LETTER_START, WE, YOU, FIRST_SINGULAR, POLITE, QUESTION_START, COUNTRY_US,
];

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Quoted stretches ("…", “…”, '…'), found in one pass; apostrophes inside words are not quotes. */
export function quotedSpans(text: string): string[] {
  const spans: string[] = [];
  let open: { char: string; at: number } | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const prev = text[i - 1] ?? " ";
    const next = text[i + 1] ?? " ";
    if (open) {
      const closes =
        (open.char === '"' && (c === '"' || c === "\u201d")) ||
        (open.char === "'" && (c === "'" || c === "\u2019") && !/[\p{L}\p{N}]/u.test(next));
      if (closes) {
        const span = text.slice(open.at + 1, i).trim();
        if (wordCount(span) >= MIN_QUOTE_WORDS) spans.push(span);
        open = null;
      }
    } else if (c === '"' || c === "\u201c") open = { char: '"', at: i };
    else if ((c === "'" || c === "\u2018") && !/[\p{L}\p{N}]/u.test(prev) && /[\p{L}\p{N}]/u.test(next)) open = { char: "'", at: i };
  }
  return spans;
}

/** Where the first attribution ("the PD said", "they emailed") ends, or -1. */
function attributionEnd(text: string): number {
  for (const m of text.matchAll(ATTRIBUTION)) {
    if (!OBJECT_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index))) return m.index + m[0].length;
  }
  return -1;
}

function isProgramVoice(text: string): boolean {
  const t = normalizeMessage(text.replace(COUNTRY_US, "usa"));
  if (ABOUT_WRITING.test(t)) return false;
  if (SALUTATION.test(t) || LETTER_START.test(t)) return true;
  const we = WE.test(t);
  const you = YOU.test(t);
  const me = FIRST_SINGULAR.test(t);
  if (we && you) return true;
  if (me) return false;
  if (we && !QUESTION_START.test(t)) return true;
  return you && ((POLITE.test(t) && !QUESTION_START.test(t)) || hasLabelCue(t));
}

/** Finds a program's message in the user's text, or null when the text is a question of their own. */
export function findProgramMessage(input: string): ProgramMessage | null {
  const text = input.trim();
  const end = attributionEnd(text);
  const wrapped = end >= 0 || WRAPPER.some((w) => w.test(text));
  const quotes = quotedSpans(text);
  if (quotes.length && (wrapped || quotes.some(isProgramVoice))) return { text: quotes.join("\n"), delimited: true };
  if (wrapped) {
    const colon = text.indexOf(":");
    if (colon >= 0 && colon < text.length - 1 && wordCount(text.slice(colon + 1)) >= MIN_QUOTE_WORDS) {
      return { text: text.slice(colon + 1).trim(), delimited: true };
    }
  }
  if (wordCount(text) >= MIN_PASTE_WORDS && isProgramVoice(text)) return { text, delimited: true };
  if (end >= 0) return { text: text.slice(end).trim(), delimited: false };
  return null;
}
