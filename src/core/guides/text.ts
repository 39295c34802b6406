import { stemmer } from "stemmer";

/** Most words of a question that is looked at; longer input is cut (keeps /ask fast on hostile input). */
export const MAX_QUERY_WORDS = 120;

/** Words that carry no topic (English function words and chat fillers). */
const STOPWORDS = new Set(
  (
    "a an the and or but if then than so as of at by for from in into on onto to with without about above below over under " +
    "again further once here there when where why how what which who whom whose this that these those am is are was were be been being " +
    "have has had having do does did doing done can could should would will shall may might must need i me my mine myself we us our ours " +
    "you your yours u ur he him his she her hers it its they them their theirs im ive id youre theyre dont doesnt didnt isnt arent wasnt " +
    "not no nor only own same too very just also any all both each few more most other some such up down out off even still yet " +
    "s t d ll m o re ve y pls plz please hi hello hey bro guys ok okay yes yeah like get got go going want wanna gonna know really thing things " +
    "anyone someone something anything one ever " +
    // chat fillers
    "lol lmao haha omg btw tho idk ya kinda pls plss sorry n enough"
  ).split(" "),
);

/** Lower-case, accents off, apostrophes inside words dropped (didn't → didnt), typographic quotes made plain. */
export function normalizeText(text: string): string {
  const plain = /[^\x00-\x7f]/.test(text) ? text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "") : text;
  return plain
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
    .replace(/([a-z0-9])'([a-z])/g, "$1$2");
}

/** Raw word tokens: letters and digits, with a leading # kept (`#1`). */
export function rawTokens(text: string, limit = Infinity): string[] {
  const out: string[] = [];
  for (const m of normalizeText(text).matchAll(/#?[a-z0-9]+/g)) {
    out.push(m[0]);
    if (out.length >= limit) break;
  }
  return out;
}

/** A phrase table built from `content/synonyms.yaml`: each variant (one or more words) → its canonical words. */
export interface SynonymTable {
  phrases: Map<string, string[]>;
  /** First words of the variants longer than one word. */
  starts: Set<string>;
  longest: number;
  /** One-word variants of one-word terms (spellings such as "intrest" → "interest"), read before phrases are matched. */
  words: Map<string, string>;
}

/** Compiles synonym groups; the first term of each group is the canonical form. */
export function buildSynonymTable(groups: readonly (readonly string[])[]): SynonymTable {
  const phrases = new Map<string, string[]>();
  const starts = new Set<string>();
  let longest = 1;
  for (const group of groups) {
    const canonical = rawTokens(group[0]);
    for (const term of group) {
      const words = rawTokens(term);
      if (words.length === 0) continue;
      phrases.set(words.join(" "), canonical);
      if (words.length > 1) starts.add(words[0]);
      longest = Math.max(longest, words.length);
    }
  }
  const inPhrases = new Set([...phrases.keys()].filter((k) => k.includes(" ")).flatMap((k) => k.split(" ")));
  const words = new Map<string, string>();
  for (const [variant, canonical] of phrases) {
    if (!variant.includes(" ") && canonical.length === 1 && !inPhrases.has(variant)) words.set(variant, canonical[0]);
  }
  return { phrases, starts, longest, words };
}

/**
 * Replaces every known variant by its canonical words, longest phrase first, left to right. One-word spellings
 * are read first, so a phrase matches with a variant inside it ("letters of intrest").
 */
export function applySynonyms(raw: readonly string[], table: SynonymTable): string[] {
  const tokens = raw.map((t) => table.words.get(t) ?? t);
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    let key = "";
    let best: string[] | undefined;
    let bestLen = 0;
    const longest = table.starts.has(tokens[i]) ? table.longest : 1;
    for (let len = 1; len <= longest && i + len <= tokens.length; len++) {
      key = len === 1 ? tokens[i] : `${key} ${tokens[i + len - 1]}`;
      const canonical = table.phrases.get(key);
      if (canonical) {
        best = canonical;
        bestLen = len;
      }
    }
    if (best) {
      out.push(...best);
      i += bestLen;
    } else out.push(tokens[i++]);
  }
  return out;
}

const stems = new Map<string, string>();
/** Most distinct words whose stems are remembered. */
const STEM_CACHE_MAX = 50_000;

/** Porter stem of a term; short tokens and numbers are kept as they are. */
export function stemTerm(term: string): string {
  if (term.length <= 3 || /\d/.test(term)) return term;
  let stem = stems.get(term);
  if (stem === undefined) {
    stem = stemmer(term);
    if (stems.size < STEM_CACHE_MAX) stems.set(term, stem);
  }
  return stem;
}

/** Text → index terms: tokens, synonyms to canonical, stop words out, stemmed. */
export function analyze(text: string, table: SynonymTable, limit = Infinity): string[] {
  const out: string[] = [];
  for (const token of applySynonyms(rawTokens(text, limit), table)) {
    if (!STOPWORDS.has(token)) out.push(stemTerm(token));
  }
  return out;
}

/** Text → stemmed words after synonyms, stop words kept (for phrase cues such as "not in the match"). */
export function phraseTerms(text: string, table: SynonymTable, limit = Infinity): string[] {
  return applySynonyms(rawTokens(text, limit), table).map(stemTerm);
}

/** Cue phrases by first word (each with its words and topic), and cues made of parts that must all occur. */
export interface CueTable {
  phrases: Map<string, { words: string[]; topic: string }[]>;
  combos: { parts: string[][]; topic: string }[];
}

/** Compiles `content/cues.yaml` topics (topic → phrases) into a lookup; "a + b" means both a and b occur, anywhere. */
export function buildCueTable(topics: Readonly<Record<string, readonly string[]>>, table: SynonymTable): CueTable {
  const cues: CueTable = { phrases: new Map(), combos: [] };
  for (const [topic, phrases] of Object.entries(topics)) {
    for (const phrase of phrases) {
      const parts = phrase.split("+").map((p) => phraseTerms(p, table)).filter((w) => w.length > 0);
      if (parts.length > 1) cues.combos.push({ parts, topic });
      else if (parts.length === 1) {
        const list = cues.phrases.get(parts[0][0]) ?? [];
        list.push({ words: parts[0], topic });
        cues.phrases.set(parts[0][0], list);
      }
    }
  }
  for (const list of cues.phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
  return cues;
}

function occursAt(words: readonly string[], phrase: readonly string[], i: number): boolean {
  return phrase.every((w, k) => words[i + k] === w);
}

/** Topics whose cues occur in the words, with how many distinct cues each; at each position the longest phrase wins. */
export function matchCues(words: readonly string[], cues: CueTable): Map<string, number> {
  const found = new Map<string, number>();
  let i = 0;
  while (i < words.length) {
    const hit = cues.phrases.get(words[i])?.find((c) => occursAt(words, c.words, i));
    if (hit) {
      found.set(hit.topic, (found.get(hit.topic) ?? 0) + 1);
      i += hit.words.length;
    } else i++;
  }
  for (const combo of cues.combos) {
    if (combo.parts.every((part) => words.some((w, j) => w === part[0] && occursAt(words, part, j)))) {
      found.set(combo.topic, (found.get(combo.topic) ?? 0) + 1);
    }
  }
  return found;
}
