import type { SpeakerLexicon } from "../../content/schemas.js";

/** How the program's words were marked off in what the user typed. */
export type ProgramForm = "quote" | "paste" | "transcript" | "retold";

/** What the user typed, split by who is speaking. */
export interface Voices {
  /** The applicant's own words: everything that is not the program's. */
  applicant: string;
  /** The program's words as the user gave them (quoted, pasted, transcribed or retold), or null when there are none. */
  quote: string | null;
  /** The program's words as the program would have put them (retold speech turned back to "we" and "you"), for labelling. */
  program: string | null;
  /** How the program's words were marked off (null when there are none). */
  form: ProgramForm | null;
}

/** The speaker analysis, compiled once from content/classifier.yaml's `speaker` lexicon. */
export interface SpeakerAnalyzer {
  /** Splits a user's text into the applicant's words and the program's. */
  split(text: string): Voices;
  /**
   * What a program did or will do, told without a speech verb ("the PD at his hospital will give me a position if …"):
   * each statement whose subject is a program, from the program on, in the program's own persons. Not a question, not a
   * hypothetical, not the applicant's own plan. The caller decides whether it carries a warning sign worth a verdict.
   */
  described(text: string): Voices | null;
  /** Whether someone who is not the program (a friend, an adviser, "someone in the group") is quoted or retold in the text. */
  othersSpeak(text: string): boolean;
  /** Every compiled pattern (for the linear-time check in the tests). */
  patterns: readonly RegExp[];
}

/** A possessive word ("my friend's PD" is still the program speaking). */
const POSSESSIVE = /[\p{L}-]+['’]s\b/gu;

/** A quotation mark, removed with the quotation from the applicant's part. */
const QUOTE_MARK = /["“”'‘’]/;

/** Fewest words a quotation needs to count as someone's message. */
export const MIN_QUOTE_WORDS = 3;
/** Fewest words an unmarked paste needs to be read as a program's message ("hello" alone is not one). */
export const MIN_PASTE_WORDS = 5;
/** How far before a quotation (in characters, within its sentence) its attribution is looked for. */
export const ATTRIBUTION_REACH = 120;
/** At most this many sentences after a retold one are read as its continuation. */
export const CONTINUATION_MAX = 3;

interface Span {
  start: number;
  end: number;
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const alt = (list: readonly string[]) => list.map((w) => w.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+")).join("|");

/** Sentences with their offsets: ends at . ? ! (not after a known abbreviation such as "Dr.") or a line break. */
/** A short aside in parentheses, with no quotation inside ("the PD (who is also the APD) said …"). */
const ASIDE = /\([^()"“”\n]{0,80}\)/g;

/** The text with every short aside blanked out, same length, so spans found in it hold in the text too. */
export function maskAsides(text: string): string {
  return text.replace(ASIDE, (m) => " ".repeat(m.length));
}

function sentences(text: string, abbreviation: RegExp): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const lineEnd = c === "\n";
    const stop = (c === "." || c === "?" || c === "!") && /\s/.test(text[i + 1] ?? " ") && !(c === "." && abbreviation.test(text.slice(Math.max(start, i - 6), i + 1)));
    if (!lineEnd && !stop) continue;
    const end = lineEnd ? i : i + 1;
    if (text.slice(start, end).trim()) out.push({ start, end });
    start = end + (lineEnd ? 1 : 0);
  }
  if (text.slice(start).trim()) out.push({ start, end: text.length });
  return out;
}

/** Quoted stretches ("…", “…”, '…', and lines starting with ">"), found in one pass; apostrophes inside words are not quotes. */
function quotedSpans(text: string): Span[] {
  const spans: Span[] = [];
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
        if (words(text.slice(open.at + 1, i)) >= MIN_QUOTE_WORDS) spans.push({ start: open.at + 1, end: i });
        open = null;
      }
    } else if (c === '"' || c === "\u201c") open = { char: '"', at: i };
    else if ((c === "'" || c === "\u2018") && !/[\p{L}\p{N}]/u.test(prev) && /[\p{L}\p{N}]/u.test(next)) open = { char: "'", at: i };
  }
  let at = 0;
  for (const line of text.split("\n")) {
    const m = /^\s*>\s?/.exec(line);
    if (m && words(line.slice(m[0].length)) >= 1) spans.push({ start: at + m[0].length, end: at + line.length });
    at += line.length + 1;
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Swaps the persons of retold speech back to the program's own: I/me/my → you/your, they/them/their → we/us/our, he/she → I. */
function toProgramPerson(text: string, lexicon: SpeakerLexicon): string {
  return text.replace(/\b[\p{L}']+\b/gu, (w) => {
    const swap = lexicon.person_swap[w.toLowerCase()];
    return swap === undefined ? w : swap;
  });
}

/** Compiles the speaker analysis from its lexicon. */
export function createSpeakerAnalyzer(lexicon: SpeakerLexicon, hasCue: (text: string) => boolean = () => false): SpeakerAnalyzer {
  const flags = "i";
  /** A program person or body, or a doctor named by title ("Dr. M", "Dr Alvarez"). */
  const role = `(?:${alt(lexicon.program_roles)}|dr\\.?\\s+[\\p{L}'’-]+)`;
  const pronoun = `(?:${alt(lexicon.pronouns)})`;
  const verb = `(?:${alt(lexicon.speech_verbs)})`;
  const filler = `(?:\\s+(?:${alt(lexicon.fillers)})|\\s+(?:on|over|at|in|during|after|via|by|from)\\s+(?:the\\s+|a\\s+|my\\s+|our\\s+|their\\s+|his\\s+|her\\s+|its\\s+)?[\\p{L}-]+|\\s+(?:of|at|from)\\s+(?:a|an|the|this|that|one|my)\\s+(?:[\\p{L}\\p{N}'’-]+\\s+){0,4}?(?:program|programs|hospital|residency|place|department|team|clinic|institution|center|centre|university|one|i\\s+(?:ived|interviewed)\\s+(?:at|with))){0,3}`;
  const det = `(?:(?:${alt(lexicon.determiners)})\\s+(?:[\\p{L}\\p{N}'’&.-]+\\s+){0,3}?)`;
  /** A reported verb in base form, only after "to", "and" or a comma ("called to say", "rang me and asked"). */
  const baseVerb = `(?:${alt(lexicon.speech_verbs_after_to)})`;
  /** A program speaker and a speech verb: "the PD said", "one program told me", "she basically asked", "the PC called me to say". */
  const ATTRIBUTION = new RegExp(
    `(?:\\b${det}${role}|\\b${role}|\\b${pronoun})(?:'s)?(?:${filler}\\s+${verb}|\\s+(?:\\S+\\s+){1,16}?(?:and|to|then|that|who|\\S*,)(?:\\s+then)?(?:\\s+(?:also|kinda|casually|just|basically|later|suddenly|randomly)){0,3}\\s+(?:${verb}|${baseVerb}))\\b`,
    `g${flags}u`,
  );

  /** Someone else speaking (a mentor, a friend), whose "he"/"she" is not the program's. */
  const OTHER = new RegExp(`\\b(?:${alt(lexicon.other_people)})\\b`, `${flags}u`);
  /** A non-program person and a speech verb or a colon: "my senior said", "a friend told me", "adviser:". */
  const OTHER_SPEECH = `\\b(?:${alt(lexicon.other_people)})\\b(?:[\\s,]+(?:[\\p{L}'’]+\\s+){0,3}?(?:${verb})\\b|\\s*:)`;
  const ROLE_ONLY = new RegExp(`\\b${role}\\b`, `${flags}u`);
  const OTHER_ALL = new RegExp(OTHER.source, `g${flags}u`);
  const ROLE_ALL = new RegExp(ROLE_ONLY.source, `g${flags}u`);
  const VERB_AT_END = new RegExp(`${verb}\\s*$`, `${flags}u`);
  const PRONOUN_ONLY = new RegExp(`^${pronoun}$`, `${flags}u`);
  /** The attribution sits in a hypothetical or a question ("if a PD asks", "can a program say"): nobody said it yet. */
  const HYPOTHETICAL = new RegExp(`\\b(?:${alt(lexicon.hypothetical_before)})\\s+(?:[\\p{L}'’]+\\s+){0,2}$`, `${flags}u`);
  const MODAL = new RegExp(`\\b(?:${alt(lexicon.modals)})\\b`, `${flags}u`);
  /** The speaker is the object of the applicant's verb ("I asked the PD", "emailed the program saying"). */
  const OBJECT_BEFORE = new RegExp(`(?<!\\b(?:the|a|an|that|this|my|our|their|each|every)\\s+)\\b(?:${alt(lexicon.object_verbs)})\\s+$`, `${flags}u`);
  /** The applicant quoting their own words ("should I write '…'", "I told them '…'", "my draft says '…'"). */
  const OWN_WORDS = new RegExp(`(?:${lexicon.own_words.join("|")})[^.?!\\n]{0,40}$`, `${flags}u`);
  /** "what do I say to this: '…'" — the quotation is what the applicant got. */
  const RESPOND_TO = new RegExp(`(?:${lexicon.respond_to.join("|")})`, `${flags}u`);
  /** "…", she said — the attribution after a quotation. */
  const AFTER_ATTRIBUTION = new RegExp(`^\\s*[,—–-]?\\s*(?:${det}?${role}|${pronoun})${filler}\\s+${verb}\\b`, `${flags}u`);
  /** The user says they got a message ("got this email", "is this a pre-match offer"). */
  const WRAPPER = new RegExp(`(?:${lexicon.wrappers.join("|")})`, `${flags}u`);
  /** Speech told first and attributed after: "they're going to rank me in the top 5, said the APD over lunch". */
  const INVERTED = new RegExp(`[,—–-]\\s*(?:${alt(lexicon.speech_verbs)})\\s+(?:${det}?${role})\\b`, `${flags}u`);
  /** The applicant describing a message they got ("got an email from the PD saying …"). */
  /** A retold speaker acting towards a program for the applicant (content/classifier.yaml `advocacy`): an advocate, not the program. */
  const ADVOCACY = new RegExp(`(?:${lexicon.advocacy.join("|")})`, `${flags}u`);
  const RECEIVED = new RegExp(`(?:${lexicon.received.join("|")})`, `g${flags}u`);
  const LETTER_START = new RegExp(`^\\s*(?:${alt(lexicon.letter_starts)})\\b`, `${flags}u`);
  const SALUTATION = new RegExp(`^\\s*(?:${alt(lexicon.salutations)})\\b[^\\n]{0,60}[,!:]?\\s*$`, `${flags}u`);
  const INLINE_GREETING = new RegExp(`^\\s*(?:${alt(lexicon.salutations)})\\s+(?:dr\\.?\\s+)?[\\p{L}.'’-]+(?:\\s+[\\p{L}.'’-]+)?\\s*[,!]`, `${flags}u`);
  const HEADER = /^\s*(?:from|to|subject|sent|date|cc|re)\s*:/i;
  const SIGN_OFF = new RegExp(`^\\s*(?:${alt(lexicon.sign_offs)})\\b[^\\n]{0,30}$`, `${flags}u`);
  /** "PD: where are we on your list?" — a transcript line, and the applicant's own lines ("Me: …"). */
  const TRANSCRIPT = new RegExp(`^\\s*(?:${det}?${role}|dr\\.?\\s+[\\p{L}'-]+)\\s*:\\s*(?=\\S)`, `${flags}u`);
  const OWN_LINE = /^\s*(?:me|i|myself)\s*:/i;
  const WE = /\b(?:we|we're|we'll|we've|we'd|our|ours|us)\b/i;
  const YOU = /\b(?:you|your|you're|you'll|yours|u|ur)\b/i;
  const FIRST_SINGULAR = /\b(?:i|i'm|im|i've|ive|i'll|i'd|my|me|mine)\b/i;
  const POLITE = /\b(?:please|kindly)\b/i;
  const QUESTION_START = new RegExp(`^\\s*(?:please\\s+)?(?:${alt(lexicon.question_starts)})\\b`, `${flags}u`);
  const ABOUT_WRITING = new RegExp(
    `\\b(?:which|what)\\s+(?:greeting|salutation|subject(?:\\s+line)?|sign-?off|opening|closing|title)\\b|\\b(?:dear|hi|hello)\\b[^?!\\n]{0,40}\\bor\\s+(?:dear|hi|hello)\\b`,
    flags,
  );
  const ABBREVIATION = new RegExp(`\\b(?:${alt(lexicon.abbreviations)})\\.$`, flags);
  const US_COUNTRY = /\bU\.?S\.?A?\b/g;
  /** Where the applicant takes over again inside a sentence that retells the program's words. */
  const OWN_TURN = new RegExp(`\\?|(?:[,;:(]\\s*|\\s+(?:so|but|and|&|now|then|pls|please)\\s+|\\s+[-–—]+\\s*|\\.{2,}\\s*)(?=(?:${alt(lexicon.own_turns)})\\b)`, "giu");
  const CONDITION_START = /^\s*(?:that\s+)?(?:if|once|when|as\s+long\s+as|provided|unless)\b/i;
  /** A signed message: a dash and a name (or a role) on its last line ("- Dr. Huang", "— Jenna, coordinator"). */
  const SIGNED = /(?:^|\n|\s)[-–—~]\s*(?:dr\.?\s*)?\p{Lu}[\p{L}.'’-]*(?:[ ,]+[\p{L}.'’-]+){0,6}\s*$/u;
  /** A sentence that goes on with what the program said ("They would rank me to match if …"). */
  const CONTINUES = new RegExp(`^\\s*(?:and\\s+|also\\s+|then\\s+|but\\s+)?(?:${verb}\\s|(?:${alt(lexicon.pronouns)}|${det}?${role})(?:'d|'ll|\\s+(?:would|will|can|could|are|were|want|wanted|need|needed|only|also|really|don't|won't|do|did|is|was|have|had|might))\\b)`, `${flags}u`);

  /** A program's voice: "we … you", a letter's greeting or opening, a polite request to "you". */
  function soundsLikeProgram(text: string): boolean {
    const t = text.replace(US_COUNTRY, "usa");
    if (ABOUT_WRITING.test(t)) return false;
    if (SALUTATION.test(t.split("\n")[0] ?? "") || LETTER_START.test(t)) return true;
    const we = WE.test(t);
    const you = YOU.test(t);
    if (we && you) return true;
    if (you && SIGNED.test(text.trim())) return true;
    if (you && hasCue(t) && !QUESTION_START.test(t) && !t.includes("?")) return true;
    if (FIRST_SINGULAR.test(t)) return false;
    if (we && !QUESTION_START.test(t)) return true;
    return you && POLITE.test(t) && !QUESTION_START.test(t);
  }

  /** Whether a pronoun speaker refers to someone other than the program (the last person named before it). */
  function pronounIsOther(text: string, at: number): boolean {
    const before = text.slice(Math.max(0, at - 200), at);
    const other = [...before.matchAll(OTHER_ALL)].pop();
    if (!other) return false;
    const program = [...before.matchAll(ROLE_ALL)].filter((m) => !PRONOUN_ONLY.test(m[0])).pop();
    return !program || (program.index ?? 0) < (other.index ?? 0);
  }

  /** Reported speech in one sentence: where the program's words start, or -1. */
  function reportedStart(text: string, s: Span): number {
    const sentence = text.slice(s.start, s.end);
    // A rejected attribution ("… people who pick them early and asked") may hide a shorter one inside it ("PD … said"):
    // the search goes on from the next word, not from the end of the rejected match.
    ATTRIBUTION.lastIndex = 0;
    for (let m = ATTRIBUTION.exec(sentence); m; m = ATTRIBUTION.exec(sentence)) {
      const reject = () => {
        const next = sentence.slice(m!.index + 1).search(/\s\S/);
        ATTRIBUTION.lastIndex = next < 0 ? sentence.length : m!.index + 2 + next;
      };
      const before = sentence.slice(0, m.index);
      if (HYPOTHETICAL.test(before) || OBJECT_BEFORE.test(before) || MODAL.test(m[0])) {
        reject();
        continue;
      }
      const subject = m[0].trim().split(/\s+/)[0];
      if ((PRONOUN_ONLY.test(subject) && pronounIsOther(text, s.start + m.index)) || (!PRONOUN_ONLY.test(subject) && OTHER.test(m[0].replace(POSSESSIVE, "")))) {
        reject();
        continue;
      }
      ATTRIBUTION.lastIndex = 0;
      return s.start + m.index + m[0].length;
    }
    const inverted = INVERTED.exec(sentence);
    if (inverted && !QUESTION_START.test(sentence)) return s.start;
    for (const m of sentence.matchAll(RECEIVED)) {
      if (!HYPOTHETICAL.test(sentence.slice(0, m.index))) return s.start + m.index + m[0].length;
    }
    return -1;
  }

  /**
   * Where retold words end inside their sentence: at a question mark, or where the applicant starts speaking again
   * (", should I …", " - is this …", " so what do I …"); a leading "if …," condition is kept with its main clause.
   */
  function reportedEnd(text: string, start: number, end: number): number {
    const part = text.slice(start, end);
    const conditional = CONDITION_START.test(part);
    let skipped = !conditional;
    for (const m of part.matchAll(OWN_TURN)) {
      if (!skipped && m[0].trim().startsWith(",")) {
        skipped = true;
        continue;
      }
      return start + m.index;
    }
    return end;
  }

  /** Someone not of the program, then what marks their speech, at the end of `before` ("my mock IV coach says", "someone in discord:"). */
  const OTHER_SAID_AT_END = new RegExp(`(?:${OTHER_SPEECH})\\s*(?:[^\\p{L}\\p{N}\\s]{1,3}\\s*)?$`, `${flags}u`);
  const OTHER_SAID = new RegExp(`(?:${OTHER_SPEECH})`, `g${flags}u`);
  /** Whether the speech that ends `before` is a non-program person's: the last person named before it is not the program. */
  function otherSaid(before: string): boolean {
    const m = OTHER_SAID_AT_END.exec(before);
    if (!m) return false;
    const role = [...before.slice(0, m.index + m[0].length).matchAll(ROLE_ALL)].pop();
    return !role || (role.index ?? 0) < m.index;
  }
  /** Whether a non-program person speaks anywhere in the text, with no program person named after them in that sentence. */
  function othersSpeak(text: string): boolean {
    for (const m of text.matchAll(OTHER_SAID)) if (otherSaid(text.slice(0, m.index + m[0].length))) return true;
    return false;
  }

  /** Who said a quotation: the program, the applicant, or nobody said (decided by its voice). */
  function quoteSpeaker(text: string, q: Span): "program" | "applicant" | "unknown" {
    const lineStart = text.lastIndexOf("\n", q.start - 1) + 1;
    const before = text.slice(Math.max(lineStart, q.start - ATTRIBUTION_REACH), Math.max(lineStart, q.start - 1));
    const after = text.slice(q.end + 1, q.end + 60);
    if (RESPOND_TO.test(before)) return "program";
    if (OWN_WORDS.test(before) || otherSaid(before)) return "applicant";
    ATTRIBUTION.lastIndex = 0;
    const attributed = [...before.matchAll(ATTRIBUTION)].some((m) => !HYPOTHETICAL.test(before.slice(0, m.index)) && !OBJECT_BEFORE.test(before.slice(0, m.index)));
    if (attributed || AFTER_ATTRIBUTION.test(after) || /:\s*$/.test(before + text.slice(Math.max(lineStart, q.start - 1), q.start - 1))) return "program";
    return "unknown";
  }

  /** A pasted letter: from its headers or greeting to its sign-off and signature. */
  function pastedLetter(text: string): Span | null {
    const lines = text.split("\n");
    let at = 0;
    let start = -1;
    let end = -1;
    let signed = -1;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (start < 0 && (HEADER.test(line) || SALUTATION.test(line))) start = at;
      else if (start >= 0 && signed < 0 && SIGN_OFF.test(line)) signed = i;
      if (start >= 0 && (signed < 0 || i <= signed + 2)) end = at + line.length;
      at += line.length + 1;
    }
    if (start < 0) return null;
    return { start, end: Math.max(end, start) };
  }

  function split(input: string): Voices {
    const text = input.replace(/\r\n?/g, "\n");
    const none: Voices = { applicant: text.trim(), quote: null, program: null, form: null };
    if (!text.trim()) return none;
    /** Asides blanked out: retold speech is read around them ("the PD (I think) said …"). */
    const masked = maskAsides(text);
    /** Each piece of the program's words, and what it takes out of the applicant's part (a retold sentence's report too). */
    const found: { span: Span; form: ProgramForm; cut?: Span }[] = [];

    // Transcript lines: "PD: …" (the applicant's own lines, "Me: …", stay theirs).
    let at = 0;
    for (const line of text.split("\n")) {
      const m = TRANSCRIPT.exec(line);
      if (m && !OWN_LINE.test(line) && !HEADER.test(line)) found.push({ span: { start: at + m[0].length, end: at + line.length }, form: "transcript" });
      at += line.length + 1;
    }

    // Quotations attributed to the program, or in its voice when nobody is named.
    const quotes = quotedSpans(text);
    const wrapped = WRAPPER.test(text);
    for (const q of quotes) {
      if (found.some((f) => q.start < f.span.end && f.span.start < q.end)) continue;
      const who = quoteSpeaker(text, q);
      const body = text.slice(q.start, q.end);
      if (who === "program" || (who === "unknown" && (wrapped || soundsLikeProgram(body) || hasCue(body)))) found.push({ span: q, form: "quote" });
    }

    // A pasted letter (headers or a greeting, to the signature), when it is in the program's voice.
    if (!found.length) {
      const letter = pastedLetter(text);
      if (letter && words(text.slice(letter.start, letter.end)) >= MIN_PASTE_WORDS && soundsLikeProgram(text.slice(letter.start, letter.end))) {
        found.push({ span: letter, form: "paste" });
      }
    }

    // A message pasted on one line, greeting first ("Hi Dr. Lopez, the PD asked me to reach out …"), in the program's voice.
    if (!found.length && INLINE_GREETING.test(text) && words(text) >= MIN_PASTE_WORDS && soundsLikeProgram(text.replace(INLINE_GREETING, ""))) {
      found.push({ span: { start: 0, end: text.length }, form: "paste" });
    }

    // Speech retold in the applicant's words: "the PD said (that) …", "one program told me to …", and what follows it.
    if (!found.length) {
      const list = sentences(masked, ABBREVIATION);
      let follow = 0;
      for (const s of list) {
        const start = reportedStart(masked, s);
        if (start >= 0) {
          const inverted = start === s.start ? INVERTED.exec(masked.slice(s.start, s.end)) : null;
          const span = inverted ? { start, end: s.start + inverted.index } : { start, end: reportedEnd(masked, start, s.end) };
          const told = masked.slice(span.start, span.end);
          if (words(told) >= 2 && !ADVOCACY.test(told)) found.push({ span, form: "retold", cut: { start: s.start, end: span.end } });
          follow = CONTINUATION_MAX;
        } else if (follow > 0 && CONTINUES.test(masked.slice(s.start, s.end)) && !masked.slice(s.start, s.end).trim().endsWith("?")) {
          found.push({ span: s, form: "retold" });
          follow--;
        } else follow = 0;
      }
    }

    // The whole text as a program's message: a paste with no marks at all, in the program's voice.
    // Not when the text quotes someone: the writer marked the voices, and what stays unquoted is their own.
    if (!found.length && !quotes.length && words(text) >= MIN_PASTE_WORDS && soundsLikeProgram(text)) found.push({ span: { start: 0, end: text.length }, form: "paste" });
    if (!found.length) return none;

    const source = (f: (typeof found)[number]) => (f.form === "retold" ? masked : text);
    const quote = found.map((f) => (f.form === "retold" ? masked.slice(f.span.start, f.span.end).replace(/\s+/g, " ") : text.slice(f.span.start, f.span.end)).trim()).join("\n");
    const program = found
      .map((f) => {
        const t = source(f).slice(f.span.start, f.span.end).trim();
        return f.form === "retold" ? toProgramPerson(retoldVerb(masked, f.span) + t.replace(/\s+/g, " "), lexicon) : t;
      })
      .join("\n");
    let applicant = "";
    let from = 0;
    for (const f of [...found].sort((a, b) => a.span.start - b.span.start)) {
      const quoted = f.form === "quote" && QUOTE_MARK.test(text[f.span.start - 1] ?? "");
      const cut = f.cut ?? { start: f.span.start - (quoted ? 1 : 0), end: f.span.end + (quoted ? 1 : 0) };
      applicant += `${text.slice(from, Math.max(from, cut.start))} `;
      from = Math.max(from, cut.end);
    }
    applicant += text.slice(from);
    const form = found.some((f) => f.form !== "retold") ? found.find((f) => f.form !== "retold")!.form : "retold";
    return { applicant: applicant.replace(/^\s*>/gm, " ").replace(/\s+/g, " ").replace(/^[\s,;:.—–-]+/, "").trim(), quote, program, form };
  }

  /** The speech verb of a retold span ("asked ", "offered "), kept so the labeller knows a question or offer was made. */
  function retoldVerb(text: string, span: Span): string {
    const before = text.slice(Math.max(0, span.start - 40), span.start);
    const m = VERB_AT_END.exec(before);
    return m ? `${m[0].trim()} ` : "";
  }

  /** A program as the subject of a statement: the program named, then what it does ("the PD at X will give me …"). */
  const PROGRAM_SUBJECT = new RegExp(`(?:\\b(?:they|she|he)(?:'re\\s+going\\s+to|'ll|'d|\\s+will|\\s+would|\\s+can|\\s+could|\\s+are\\s+going\\s+to|\\s+is\\s+going\\s+to)\\s+(?:\\S+\\s+){0,2}?(?:send|give|offer|hold|sign|take|hire|make\\s+sure|guarantee|rank|put)\\b)|\\b${role}\\b(?:'s)?(?:\\s+(?:at|from|of|in)\\s+(?:\\S+\\s+){0,3}?\\S+)?\\s+(?:${alt(lexicon.modals)}|is|are|was|were|has|have|had|wants|wanted|offered|offers|gave|gives|promised|guaranteed|plans|planned|only|just|also|really|basically|kinda)\\b`, `g${flags}u`);

  function described(input: string): Voices | null {
    const text = maskAsides(input.replace(/\r\n?/g, "\n"));
    const parts: { span: Span; cut: Span }[] = [];
    for (const s of sentences(text, ABBREVIATION)) {
      const sentence = text.slice(s.start, s.end);
      if (QUESTION_START.test(sentence)) continue;
      for (const m of sentence.matchAll(PROGRAM_SUBJECT)) {
        const before = sentence.slice(0, m.index);
        if (HYPOTHETICAL.test(before) || OBJECT_BEFORE.test(before) || OTHER.test(m[0])) continue;
        const start = s.start + m.index;
        const end = reportedEnd(text, start, s.end);
        if (words(text.slice(start, end)) >= MIN_QUOTE_WORDS && !ADVOCACY.test(text.slice(start, end))) parts.push({ span: { start, end }, cut: { start: s.start, end } });
        break;
      }
    }
    if (!parts.length) return null;
    const quote = parts.map((p) => text.slice(p.span.start, p.span.end).trim()).join("\n");
    let applicant = "";
    let from = 0;
    for (const p of parts) {
      applicant += `${text.slice(from, p.cut.start)} `;
      from = p.cut.end;
    }
    applicant += text.slice(from);
    return { applicant: applicant.replace(/\s+/g, " ").replace(/^[\s,;:.—–-]+/, "").trim(), quote, program: toProgramPerson(quote, lexicon), form: "retold" };
  }

  return {
    split,
    described,
    othersSpeak,
    patterns: [ADVOCACY, OTHER_SAID_AT_END, OTHER_SAID, RESPOND_TO, INVERTED, PROGRAM_SUBJECT, VERB_AT_END, INLINE_GREETING, RECEIVED, LETTER_START, OWN_TURN, CONDITION_START, SIGNED, ATTRIBUTION, OTHER, ROLE_ONLY, PRONOUN_ONLY, HYPOTHETICAL, MODAL, OBJECT_BEFORE, OWN_WORDS, AFTER_ATTRIBUTION, WRAPPER, SALUTATION, SIGN_OFF, TRANSCRIPT, QUESTION_START, ABOUT_WRITING, ABBREVIATION, CONTINUES],
  };
}
