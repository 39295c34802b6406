/** Hostile text and wrong-typed values for the fuzz suite. */
import type { Rng } from "./fuzz-random.js";

/** Words and phrases of the domain, so generated drafts and questions reach the rules, the classifier and the search. */
const DOMAIN = [
  "Dear Dr. Lee,",
  "Hey doc",
  "Hi guys",
  "Yo",
  "Subject: Thank you",
  "AAMC ID: 12345678",
  "ERAS ID 2025-123",
  "I will rank you #1 if you rank me highly",
  "Where will you rank me?",
  "Can you guarantee me a spot?",
  "can you guarantee me an interview",
  "I am happy to sign a contract before the Match",
  "your program is my first choice",
  "I will rank your program first",
  "I need this more than anyone",
  "I have no other option",
  "just checking in",
  "following up on my application",
  "[Program Name]",
  "XXX",
  "<name>",
  "{{field}}",
  "{{",
  "}}",
  "Please find my CV attached",
  "I am eligible for an H-1B visa",
  "I passed Step 3",
  "Sorry, I will need a J-1 visa",
  "Riverside Internal Medicine",
  "Lakeside Pediatrics",
  "we will rank you highly",
  "rank us #1 and we guarantee a position",
  "cancel your other interviews",
  "sign before rank lists are due",
  "we can take you outside the Match",
  "is this a pre-match offer:",
  "can I ask a program if they sponsor H-1B?",
  "what is a letter of intent",
  "thank you email timing",
  "SOAP",
  "second look",
  "NRMP",
  "ECFMG",
  "Match week",
  "Sincerely,",
  "Amara Okafor",
  "first-choice",
  "visa-inquiry",
  "thank-you",
  "program=",
  'program="Riverside IM"',
  'name="Amara"',
  "id=first-choice",
  "key=",
  "=value",
  '"',
  "\\\"",
  "\\",
  "\u201c",
  "\u201d",
  "\u201e",
  "'",
  "`",
  "```",
  "**bold**",
  "*",
  "_",
  "~",
  "|",
  ">",
  "#",
  "-#",
  "@everyone",
  "@here",
  "<@123456789012345678>",
  "<#555>",
  "<!channel>",
  "<!here>",
  "<@U0001>",
  "<http://example.com|a link>",
  "<mailto:a@b.c>",
  "&lt;",
  "&gt;",
  "&amp;",
  "&",
  "<",
  ">",
  "%",
  "%0A",
  "%zz",
  "+",
  "&payload=",
  "ssl_check=1",
];

/** Characters that break naive text handling: bidi controls, zero-width, controls, odd case mappings, surrogates. */
const ODD = [
  "\u202e", // right-to-left override
  "\u202d",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\u200f", // right-to-left mark
  "\u200e",
  "\u061c", // Arabic letter mark
  "\u200b", // zero-width space
  "\u200c", // zero-width non-joiner
  "\u200d", // zero-width joiner
  "\u2060", // word joiner
  "\ufeff", // BOM
  "\u00ad", // soft hyphen
  "\u0000",
  "\u0001",
  "\u0007",
  "\b",
  "\t",
  "\n",
  "\r",
  "\r\n",
  "\u000b",
  "\f",
  "\u001b[31m",
  "\u007f",
  "\u0085",
  "\u00a0",
  "\u2028",
  "\u2029",
  "\u3000",
  "\ud800", // lone high surrogate
  "\udfff", // lone low surrogate
  "\udc00\ud800", // reversed pair
  "\ud83d", // half an emoji
  "\u0130", // İ: lower-cases to two code units
  "\u0131",
  "\u1e9e", // ẞ
  "\u00df", // ß: upper-cases to SS
  "\ufb01", // ﬁ ligature
  "\u212a", // Kelvin sign, lower-cases to k
  "A\u030a", // A + combining ring
  "e\u0301\u0301\u0301\u0301",
  "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359", // combining pile-up
  "\u{1f469}\u200d\u2695\ufe0f", // 👩‍⚕️ ZWJ sequence
  "\u{1f468}\u200d\u{1f469}\u200d\u{1f467}\u200d\u{1f466}",
  "\u{1f3f3}\ufe0f\u200d\u{1f308}",
  "\u{1f1fa}\u{1f1f8}",
  "\u{1f600}",
  "\u{10ffff}",
  "\uffff",
  "\ufffd",
  "\ufe0f",
];

/** Runs of text in many scripts (RTL among them). */
const SCRIPTS = [
  "مرحبا، أنا طبيب دولي وأريد أن أسأل عن التأشيرة",
  "שלום, אני רופא ואני רוצה לשאול על הדירוג",
  "سلام، من پزشک هستم",
  "नमस्ते, मैं एक डॉक्टर हूँ",
  "您好，我是国际医学毕业生，想问关于签证的问题",
  "こんにちは、マッチについて質問があります",
  "안녕하세요 레지던트 지원자입니다",
  "Привет, я врач из-за рубежа",
  "Γειά σου, είμαι γιατρός",
  "Xin chào, tôi là bác sĩ",
  "ＦＵＬＬＷＩＤＴＨ　ＲＡＮＫ　ＭＥ　ＦＩＲＳＴ",
  "ⓇⒶⓃⓀ ⓜⓔ",
  "𝐑𝐚𝐧𝐤 𝐦𝐞 𝐟𝐢𝐫𝐬𝐭",
  "r\u0430nk m\u0435 first", // Cyrillic look-alikes
];

/** Inputs that stress regexes and loops. */
function stressRun(rng: Rng): string {
  const unit = rng.pick(["a", " ", "\n", "a ", "aa!", "[", "{{", "<", "\"", "\\", "=", "-", ".", "rank ", "I ", "x".repeat(50), "\u200b", "é", "\u{1f600}", "ab\u0301"]);
  return unit.repeat(rng.chance(0.8) ? rng.int(5, 100) : rng.int(100, 3000));
}

/** One piece of hostile text. */
export function hostilePiece(rng: Rng): string {
  return rng.weighted<() => string>([
    [6, () => rng.pick(DOMAIN)],
    [4, () => rng.pick(ODD)],
    [2, () => rng.pick(SCRIPTS)],
    [3, () => randomWord(rng)],
    [1, () => stressRun(rng)],
    [1, () => String.fromCharCode(rng.int(0, 0xffff))],
    [1, () => String.fromCodePoint(rng.int(0x10000, 0x10ffff))],
    [1, () => String(rng.int(-1e9, 1e9))],
  ])();
}

function randomWord(rng: Rng): string {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,;:!?'";
  let w = "";
  for (let i = rng.int(1, 12); i > 0; i--) w += letters[rng.int(0, letters.length - 1)];
  return w;
}

/** Text of hostile pieces joined by spaces or not, sometimes made huge (beyond every limit), else cut to `cap` now and then. */
export function hostileText(rng: Rng, maxPieces = 30, cap?: number, huge = true): string {
  const kind = rng.weighted<string>([
    [12, "mixed"],
    [1, "empty"],
    [1, "blank"],
    [huge ? 1.5 : 0, "huge"],
    [1, "one"],
  ]);
  if (kind === "empty") return "";
  if (kind === "blank") return rng.pick([" ", "\n\n", "\t \u200b", "\u3000", "\r\n", "\u2028"]);
  if (kind === "one") return hostilePiece(rng);
  let text = "";
  for (let i = rng.int(1, maxPieces); i > 0; i--) text += hostilePiece(rng) + rng.pick([" ", " ", " ", "", "\n", ". ", ", ", "\n\n"]);
  if (kind === "huge") {
    const target = rng.pick([2001, 3001, 4001, 4097, 6001, 10_001, 40_000]);
    while (text.length < target) text += text.length ? text : "x";
    return text.slice(0, target + rng.int(0, 50));
  }
  return cap !== undefined && rng.chance(0.8) ? text.slice(0, cap) : text;
}

/** A draft-shaped text: greeting, sentences with rule phrases and noise, signature. */
export function draftText(rng: Rng): string {
  const lines: string[] = [];
  if (rng.chance(0.5)) lines.push(`Subject: ${hostilePiece(rng)}`);
  lines.push(rng.pick(["Dear Dr. Lee,", "Hey doc,", "Hi guys,", "Dear Program Director,", hostilePiece(rng)]));
  for (let i = rng.int(1, 12); i > 0; i--) lines.push(hostileText(rng, 8, undefined, false));
  if (rng.chance(0.5)) lines.push(rng.pick(["Sincerely,\nAmara Okafor\nAAMC ID: 12345678", "Thanks", "Best,\n[Your Name]"]));
  return lines.join(rng.pick(["\n", "\n\n", "\r\n", " "]));
}

/** A value of any JSON type, nested a little. */
export function jsonValue(rng: Rng, depth = 0): unknown {
  const kind = rng.weighted<string>([
    [4, "string"],
    [2, "number"],
    [1, "boolean"],
    [1, "null"],
    [depth < 3 ? 1 : 0, "array"],
    [depth < 3 ? 1 : 0, "object"],
  ]);
  switch (kind) {
    case "string":
      return hostileText(rng, 6);
    case "number":
      return rng.pick([0, -1, 1, 1.5, -0, 2 ** 53, 2 ** 64, -(2 ** 63), 1e308, Number.MIN_VALUE, rng.int(-1e6, 1e6)]);
    case "boolean":
      return rng.chance(0.5);
    case "null":
      return null;
    case "array":
      return Array.from({ length: rng.int(0, 4) }, () => jsonValue(rng, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = rng.int(0, 4); i > 0; i--) o[optionKey(rng)] = jsonValue(rng, depth + 1);
      return o;
    }
  }
}

/** A value of the wrong type for a string option (or a right one, now and then). */
export function wrongValue(rng: Rng): unknown {
  return rng.pick<() => unknown>([
    () => rng.int(-1e9, 1e9),
    () => rng.pick([0, -0, 1.5, 2 ** 60, -1e21, Number.MAX_SAFE_INTEGER + 2]),
    () => rng.chance(0.5),
    () => null,
    () => undefined,
    () => [],
    () => [hostileText(rng, 3)],
    () => ({}),
    () => ({ value: hostileText(rng, 3) }),
    () => jsonValue(rng),
  ])();
}

/** Keys that collide with Object.prototype, or are odd in other ways. */
const ODD_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "", " ", "ID", "Program", "a-b", "a b", "é", "1", "x".repeat(300), "\u200b", "draft\n", "k\u0000"];

/** An option name: odd, or a random word. */
export function optionKey(rng: Rng): string {
  return rng.chance(0.5) ? rng.pick(ODD_KEYS) : randomWord(rng).toLowerCase();
}

/** Any generated value as the text a form field, a text input or a custom_id would carry (never throws). */
export function asText(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "";
  }
}
