import type { Content } from "../../content/schemas.js";
import type { TopicHit } from "./search.js";
import { OUTSIDE_CLASS, type QuestionModelData } from "./model.js";
import { MAX_QUERY_WORDS, analyze, buildCueTable, buildSynonymTable, matchCues, phraseTerms } from "./text.js";

/** An area matchguide does not cover (content/scope.yaml): what it is and where to ask instead. */
export interface ScopeArea {
  id: string;
  title: string;
  ask: string;
}

/** The words of the "outside what I cover" answer (content/scope.yaml). */
export interface ScopeText {
  title: string;
  intro: string;
  area_line: string;
  nearest: string;
  general_ask: string;
  areas: (ScopeArea & { signals: string[] })[];
}

/**
 * With an area signal, the question is outside unless some guide matches it at least this strongly (the text match of
 * search.ts: boosted BM25 summed over the question's terms). A question that names an exam, a salary or a visa stamp in
 * passing but is plainly about an email, a second look or a program's message matches its guide far above this (in the
 * dev sets such questions scored 4,600 and more; off-domain questions with a signal at most about 1,100). Tuned on
 * test/eval/dev (offdomain-dev and the ask sets), never on sealed sets.
 */
export const SIGNAL_MATCH_MAX = 2500;
/** Without a signal, the question is outside when at least this share of its terms is unknown to the guides and training questions... */
export const UNKNOWN_SHARE_MIN = 0.5;
/** ...and it has at least this many terms (a two-word question with one typo is not off-domain). */
export const UNKNOWN_MIN_TERMS = 4;

/**
 * At or above this probability of the question model's outside class (content/outside.yaml, learnt among the topics),
 * a question is outside. Tuned on the dev sets (test/eval/dev: offdomain-dev*, and every
 * ask set for in-domain questions wrongly called outside), never on sealed sets.
 */
export const OUTSIDE_MIN = 0.5;

/** The terms the question model ties to some topic more than to its outside class: the guides' domain vocabulary. */
export function domainTerms(data: Pick<QuestionModelData, "classes" | "features" | "weights">): string[] {
  const k = data.classes.indexOf(OUTSIDE_CLASS);
  const n = data.classes.length;
  return data.features.filter((f, i) => {
    if (f.includes(" ")) return false;
    if (k < 0) return true;
    let best = -Infinity;
    for (let c = 0; c < n; c++) if (c !== k) best = Math.max(best, data.weights[i * n + c]);
    return best > data.weights[i * n + k];
  });
}

/** Decides whether a question lies outside what the guides cover. */
export interface ScopeCheck {
  /** The words of the "outside what I cover" answer. */
  text: Omit<ScopeText, "areas">;
  /** The uncovered area the question is about, or null when it is in scope. */
  /** `outsideProbability`: the question model's probability of its outside class for this question (search.ts). */
  outside(question: string, hits: readonly TopicHit[], outsideProbability?: number): ScopeArea | { id: "unknown" } | null;
  /** Share of the question's search terms that no guide or training question uses (0–1), with the term count. */
  novelty(question: string): { unknown: number; terms: number };
}

/**
 * Builds the scope check from content/scope.yaml and the domain vocabulary: the terms the question model learnt from the
 * guides' examples and training questions (`trainedTerms`, already loaded with the build's model), plus the words of each
 * guide's title, summary, key points and keywords. Reading every guide body and training question again here cost about
 * 250 ms at start-up.
 */
export function createScopeCheck(content: Pick<Content, "guides" | "questions" | "synonyms" | "extra">, trainedTerms: Iterable<string>): ScopeCheck | null {
  const scope = content.extra.get("scope.yaml") as ScopeText | undefined;
  if (!scope) return null;
  const table = buildSynonymTable(content.synonyms);
  const signals = buildCueTable(Object.fromEntries(scope.areas.map((a) => [a.id, a.signals])), table);
  const areas = new Map(scope.areas.map((a) => [a.id, { id: a.id, title: a.title, ask: a.ask }]));
  const vocabulary = new Set<string>();
  for (const t of trainedTerms) if (!t.includes(" ")) vocabulary.add(t);
  for (const g of content.guides.values()) {
    for (const t of analyze([g.title, g.summary, ...g.key_points, ...g.keywords].join("\n"), table)) vocabulary.add(t);
  }

  function novelty(question: string) {
    const terms = [...new Set(analyze(question, table, MAX_QUERY_WORDS))];
    return { unknown: terms.length ? terms.filter((t) => !vocabulary.has(t)).length / terms.length : 0, terms: terms.length };
  }

  const { areas: _, ...text } = scope;
  return {
    text,
    novelty,
    outside(question, hits, outsideProbability = 0) {
      const match = Math.max(0, ...hits.map((h) => h.match));
      const found = matchCues(phraseTerms(question, table, MAX_QUERY_WORDS), signals);
      const area = () => (found.size ? areas.get([...found].sort((a, b) => b[1] - a[1])[0][0])! : { id: "unknown" as const });
      if (found.size && match < SIGNAL_MATCH_MAX) return area();
      if (outsideProbability >= OUTSIDE_MIN) return area();
      const n = novelty(question);
      return n.terms >= UNKNOWN_MIN_TERMS && n.unknown >= UNKNOWN_SHARE_MIN ? { id: "unknown" } : null;
    },
  };
}
