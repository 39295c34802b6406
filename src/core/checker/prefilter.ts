import { createRequire } from "node:module";
import type { CharacterClass, CharacterClassEscape, RootNode } from "regjsparser";

/**
 * Literal prefilter: from a rule's regex sources, derive a few literal strings at least one of which every
 * match must contain; one pass over the draft (an Aho–Corasick automaton over all rules' strings) tells which
 * rules can match at all, and the others skip their regex scan. Derivation is conservative: a construct the
 * analysis does not understand means "no requirement", so the rule always runs. Patterns are parsed by
 * regjsparser (the grammar of ECMAScript regular expressions, Annex B included, as the rules are compiled).
 */

/** A set of literal strings: a match contains at least one of them. */
type Clause = Set<string>;

/** What the analysis knows about a regex node. `exact`: every match is one of these strings (lower-cased).
 *  `cnf`: every match contains a string of each clause; empty means nothing is known. */
interface Info {
  exact: Set<string> | null;
  cnf: Clause[];
}

/** Largest set of exact strings kept before it is turned into a clause. */
const MAX_EXACT = 16;
/** Longest literal kept: a match holding a literal holds each of its parts, so a prefix is enough (and keeps the automaton small). */
const MAX_LITERAL = 12;
/** Largest character class expanded into exact strings. */
const MAX_CLASS = 8;

const EMPTY: Info = { exact: new Set([""]), cnf: [] };
const UNKNOWN: Info = { exact: null, cnf: [] };

/** Words so common in letters that requiring one of them filters almost nothing. */
const COMMON = new Set(
  "i i'm i'll i'd i've a an the to of in on at for and or my me you your we our is am are be it this that with as if do will would can have has not no so".split(" "),
);

/** regjsparser, loaded on first analysis (a one-shot CLI check never builds the prefilter, so never pays for it). */
let regjsparser: typeof import("regjsparser") | undefined;
const requireCjs = createRequire(import.meta.url);
/** Syntax the rules may use beyond ES5: look-behind and named groups (what Node compiles). */
const FEATURES = { lookbehind: true, namedGroups: true };

/** Characters a class escape stands for: `\d` is ten digits; any other escape is a wide set (null). */
function escapeChars(escape: CharacterClassEscape): string[] | null {
  return escape.value === "d" ? "0123456789".split("") : null;
}

/** What the analysis knows about one node of a parsed pattern. */
function infoOf(node: RootNode): Info {
  switch (node.type) {
    case "disjunction":
      return alternation(node.body.map(infoOf));
    case "alternative":
      return concat(node.body.map(infoOf));
    case "anchor":
      return EMPTY;
    case "group":
      return node.behavior === "normal" || node.behavior === "ignore" ? concat(node.body.map(infoOf)) : EMPTY;
    case "quantifier":
      return repeat(infoOf(node.body[0]), node.min, node.max ?? Infinity);
    case "value":
      return charSet([String.fromCodePoint(node.codePoint)]);
    case "characterClassEscape": {
      const chars = escapeChars(node);
      return chars ? charSet(chars) : UNKNOWN;
    }
    case "characterClass":
      return classInfo(node);
    default:
      // dot, back-reference, unicode property: any character, or unknown text.
      return UNKNOWN;
  }
}

/** A character class: its members when it is small, positive and spelt out; otherwise unknown. */
function classInfo(node: CharacterClass): Info {
  if (node.negative) return UNKNOWN;
  const members: string[] = [];
  for (const part of node.body) {
    if (part.type === "value") members.push(String.fromCodePoint(part.codePoint));
    else if (part.type === "characterClassRange") {
      if (part.max.codePoint - part.min.codePoint + 1 > MAX_CLASS) return UNKNOWN;
      for (let k = part.min.codePoint; k <= part.max.codePoint; k++) members.push(String.fromCodePoint(k));
    } else if (part.type === "characterClassEscape") {
      const chars = escapeChars(part);
      if (!chars) return UNKNOWN;
      members.push(...chars);
    } else return UNKNOWN;
  }
  return charSet(members);
}

/** A set of literal characters: ASCII only (case-insensitive matching of other letters is not modelled). */
function charSet(chars: string[]): Info {
  const set = new Set<string>();
  for (const c of chars) {
    if (c.charCodeAt(0) > 127) return UNKNOWN;
    set.add(c.toLowerCase());
  }
  if (set.size === 0 || set.size > MAX_CLASS) return UNKNOWN;
  return { exact: set, cnf: [] };
}

/** The clauses a node puts on any match: its exact strings as one clause, or what it knew already. */
function toCnf(info: Info): Clause[] {
  if (!info.exact) return info.cnf;
  for (const s of info.exact) if (s === "") return [];
  return [info.exact];
}

/** How selective a string is: letters of its uncommon words, plus one per common word. */
function weight(s: string): number {
  let w = 0;
  for (const word of s.split(/[^a-z0-9']+/)) if (word) w += COMMON.has(word) ? 1 : word.length;
  return w;
}

/** How selective a clause is: its weakest string's weight, then fewer strings. */
function score(clause: Clause): number {
  let min = Infinity;
  for (const s of clause) min = Math.min(min, weight(s));
  return min * 1000 - clause.size;
}

function best(cnf: Clause[]): Clause {
  let out = cnf[0];
  for (const c of cnf) if (score(c) > score(out)) out = c;
  return out;
}

function product(a: Set<string>, b: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

function concat(terms: Info[]): Info {
  let cur = new Set([""]);
  const cnf: Clause[] = [];
  let exactAll = true;
  for (const t of terms) {
    if (t.exact && cur.size * t.exact.size <= MAX_EXACT) {
      cur = product(cur, t.exact);
      continue;
    }
    exactAll = false;
    cnf.push(...toCnf({ exact: cur, cnf: [] }));
    if (t.exact) cur = t.exact;
    else {
      cnf.push(...t.cnf);
      cur = new Set([""]);
    }
  }
  if (exactAll) return { exact: cur, cnf: [] };
  cnf.push(...toCnf({ exact: cur, cnf: [] }));
  return { exact: null, cnf };
}

function alternation(alts: Info[]): Info {
  if (alts.every((a) => a.exact)) {
    const union = new Set<string>();
    for (const a of alts) for (const s of a.exact as Set<string>) union.add(s);
    if (union.size <= MAX_EXACT) return { exact: union, cnf: [] };
  }
  // (A1 and A2) or (B1 and B2) implies (best A or best B): one clause.
  const union = new Set<string>();
  for (const a of alts) {
    const cnf = toCnf(a);
    if (cnf.length === 0) return UNKNOWN;
    for (const s of best(cnf)) union.add(s);
  }
  return { exact: null, cnf: [union] };
}

function repeat(atom: Info, min: number, max: number): Info {
  if (max === 0 || (atom.exact?.size === 1 && atom.exact.has(""))) return EMPTY;
  if (min === 1 && max === 1) return atom;
  if (min === 0) {
    if (max === 1 && atom.exact) return { exact: new Set([...atom.exact, ""]), cnf: [] };
    return UNKNOWN;
  }
  return { exact: null, cnf: toCnf(atom) };
}

/** A string found in nearly every draft (a space, one letter or digit, a lone common word): its clause is not worth checking. */
function isWeak(s: string): boolean {
  const core = s.trim();
  return core === "" || (core.length === 1 && /[a-z0-9]/.test(core)) || COMMON.has(core);
}

/** Drops strings that contain another string of the clause (the shorter one is present whenever the longer is). */
function minimise(clause: Clause): string[] {
  const sorted = [...new Set([...clause].map((s) => s.slice(0, MAX_LITERAL)))].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const kept: string[] = [];
  for (const s of sorted) if (!kept.some((k) => s.includes(k))) kept.push(s);
  return kept;
}

/**
 * Clauses of literal strings (lower-case ASCII) for one regex source: every match contains at least one string
 * of each clause. Null when nothing useful is known (the pattern must always be run).
 */
export function patternLiterals(source: string): string[][] | null {
  let cnf: Clause[];
  try {
    regjsparser ??= requireCjs("regjsparser") as typeof import("regjsparser");
    cnf = toCnf(infoOf(regjsparser.parse(source, "", FEATURES) as RootNode));
  } catch {
    return null;
  }
  const seen = new Set<string>();
  const clauses: string[][] = [];
  for (const c of cnf) {
    if ([...c].some(isWeak)) continue;
    const lits = minimise(c);
    const key = lits.join("\u0000");
    if (!seen.has(key)) clauses.push(lits), seen.add(key);
  }
  return clauses.length ? clauses : null;
}

/** Patterns per list tracked one by one; longer lists are only open or closed as a whole. */
const MAX_MASK_PATTERNS = 30;

/**
 * One automaton over the literals of many pattern lists. `scan` marks which clauses a draft holds; `mask` then
 * tells, for a registered list, which of its patterns can match at all: all clauses of a pattern present.
 * The analysis and the automaton are built by the first `scan`.
 */
export class Prefilter {
  /** Registered pattern lists, analysed on first use (the analysis costs a few milliseconds, too much for one-shot runs). */
  private readonly lists: Array<readonly string[]> = [];
  private readonly listIds = new Map<string, number>();
  /** Distinct clauses, each a list of literals. */
  private clauses: string[][] = [];
  /** Per gate (registered list): per pattern, the clause numbers that must all be present, or null (always open). */
  private gates: Array<Array<number[] | null>> = [];
  private built: { row: Int32Array; width: number; cls: Uint16Array; out: number[][] } | null = null;

  /** Registers a pattern list and returns its gate number (cheap: nothing is analysed yet). */
  register(sources: readonly string[]): number {
    const key = sources.join("\u0000");
    const known = this.listIds.get(key);
    if (known !== undefined) return known;
    const gate = this.lists.push([...sources]) - 1;
    this.listIds.set(key, gate);
    this.built = null;
    return gate;
  }

  /** Derives every list's clauses. */
  private analyse(): void {
    const clauseIds = new Map<string, number>();
    this.clauses = [];
    this.gates = this.lists.map((sources) =>
      sources.map(
        (src) =>
          patternLiterals(src)?.map((lits) => {
            const ck = lits.join("\u0000");
            let id = clauseIds.get(ck);
            if (id === undefined) {
              id = this.clauses.push(lits) - 1;
              clauseIds.set(ck, id);
            }
            return id;
          }) ?? null,
      ),
    );
  }

  /** A gate's clauses per pattern, as literals; null for a pattern that is always run (for tests and inspection). */
  describe(gate: number): Array<string[][] | null> {
    if (!this.built) this.build();
    return (this.gates[gate] ?? []).map((p) => p?.map((c) => this.clauses[c]) ?? null);
  }

  /**
   * Which patterns of the list behind `gate` can match a draft whose `scan` gave `present`: 0 none (skip the
   * list), -1 all or unknown (run it whole), otherwise bit i set for each pattern i that can.
   */
  mask(gate: number, present: Uint8Array | undefined): number {
    if (gate < 0 || !present || !this.built) return -1;
    const patterns = this.gates[gate];
    let mask = 0;
    for (let p = 0; p < patterns.length; p++) {
      const clauses = patterns[p];
      let all = true;
      if (clauses) for (let c = 0; c < clauses.length && all; c++) all = present[clauses[c]] === 1;
      if (!all) continue;
      if (patterns.length > MAX_MASK_PATTERNS) return -1;
      mask |= 1 << p;
    }
    return mask === 0 ? 0 : mask === 2 ** patterns.length - 1 ? -1 : mask;
  }

  private build() {
    this.analyse();
    // Alphabet: the characters the literals use; every other character is class 0.
    const cls = new Uint16Array(128);
    let width = 1;
    for (const lits of this.clauses)
      for (const s of lits)
        for (const ch of s) {
          const code = ch.charCodeAt(0);
          if (!cls[code]) cls[code] = width++;
        }
    for (let c = 65; c <= 90; c++) cls[c] = cls[c + 32];
    // Trie.
    const goto: Array<Map<number, number>> = [new Map()];
    const outSets: Array<Set<number>> = [new Set()];
    this.clauses.forEach((lits, clause) => {
      for (const s of lits) {
        let state = 0;
        for (const ch of s) {
          const k = cls[ch.charCodeAt(0)];
          let next = goto[state].get(k);
          if (next === undefined) {
            next = goto.push(new Map()) - 1;
            outSets.push(new Set());
            goto[state].set(k, next);
          }
          state = next;
        }
        outSets[state].add(clause);
      }
    });
    // Failure links, breadth first, filling a complete transition table.
    const n = goto.length;
    const trans = new Int32Array(n * width);
    const fail = new Int32Array(n);
    const queue: number[] = [];
    for (let k = 0; k < width; k++) {
      const next = goto[0].get(k);
      if (next !== undefined) {
        trans[k] = next;
        queue.push(next);
      }
    }
    for (let q = 0; q < queue.length; q++) {
      const state = queue[q];
      for (const u of outSets[fail[state]]) outSets[state].add(u);
      for (let k = 0; k < width; k++) {
        const next = goto[state].get(k);
        if (next === undefined) trans[state * width + k] = trans[fail[state] * width + k];
        else {
          fail[next] = trans[fail[state] * width + k];
          trans[state * width + k] = next;
          queue.push(next);
        }
      }
    }
    // Rows pre-multiplied by the width; a state with outputs is stored negated (its clauses in `out`).
    const row = new Int32Array(n * width);
    for (let i = 0; i < row.length; i++) {
      const t = trans[i];
      row[i] = outSets[t].size ? -(t * width) - 1 : t * width;
    }
    const out = outSets.map((s) => [...s]);
    this.built = { row, width, cls, out };
    return this.built;
  }

  /** Which clauses occur in `text` (ASCII letters compared without case; other characters never match a letter). */
  scan(text: string): Uint8Array {
    const { row, width, cls, out } = this.built ?? this.build();
    const present = new Uint8Array(this.clauses.length);
    let at = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const code = text.charCodeAt(i);
      at = row[at + (code < 128 ? cls[code] : 0)];
      if (at < 0) {
        at = -at - 1;
        const o = out[at / width];
        for (let k = 0; k < o.length; k++) present[o[k]] = 1;
      }
    }
    return present;
  }
}
