import MiniSearch from "minisearch";
import type { Guide } from "../../content/schemas.js";
import { OUTSIDE_CLASS, questionModel, type QuestionModelData } from "./model.js";
import { MAX_QUERY_WORDS, analyze, buildCueTable, buildSynonymTable, matchCues, phraseTerms, type SynonymTable } from "./text.js";

/** How much each guide field counts in the ranking. */
export const FIELD_BOOSTS = {
  title: 3,
  keywords: 3,
  summary: 1.5,
  keyPoints: 1.2,
  headings: 1.2,
  body: 1,
} as const;

type FieldName = keyof typeof FIELD_BOOSTS;

/** One guide as indexed. Its example questions are not: they train the question model (model.ts) instead. */
type GuideDoc = { id: string } & Record<FieldName, string>;

/** A topic's score is multiplied by 1 + this for each of its anchor words (title words no other title has) in the question. */
export const ANCHOR_BOOST = 0.5;
/** At most this many anchor words count, so long titles do not win by size. */
export const ANCHOR_CAP = 1;

/** At most this many cue phrases of one topic (content/cues.yaml) count. */
export const CUE_CAP = 2;

/**
 * Weight of the question model's probability (0–1) against the text match, which is scaled so the best topic has 1:
 * a topic's score is `match / best match + MODEL_WEIGHT * probability`. Chosen by 5-fold cross-validation over
 * content/questions (0.25, 0.5, 0.75, 1 and 1.5 tried, three fold splits; 1 best), never on the eval sets. Rechecked
 * with 3,898 questions (four writing rounds): 0.75, 1, 1.25, 1.5 and 2 scored 77.6, 78.7, 79.0, 79.0 and 79.1%, a
 * plateau within the folds' noise, so 1 stays (1.5 was tried on the eval sets too: top-1 −2 and top-3 +2 of 1,081).
 */
export const MODEL_WEIGHT = 1;

/** A ranked topic with how strongly and how fully it matched the question. */
export interface TopicHit {
  id: string;
  /** The ranking score: the scaled text match plus the weighted question-model probability. */
  score: number;
  /** The text match alone (boosted BM25 over the guide's fields, times anchor and cue boosts). */
  match: number;
  /** Share of the question's distinct search terms that this topic matched (0–1). */
  coverage: number;
}

/** Ranks guide topics for a question. */
export interface GuideIndex {
  /** Topics best first; empty when no word of the question is known. */
  search(question: string, limit?: number): TopicHit[];
  /** The question's search terms after synonyms, stop words and stemming. */
  terms(question: string): string[];
  /** The question model's probability that the question lies outside every topic (0 without a model or an outside class). */
  outside(question: string): number;
}

function toDoc(g: Guide): GuideDoc {
  return {
    id: g.id,
    title: g.title,
    keywords: g.keywords.join(" ; "),
    summary: g.summary,
    keyPoints: g.key_points.join(" ; "),
    headings: g.sections.map((s) => s.heading).join(" ; "),
    body: g.sections.map((s) => s.text).join("\n"),
  };
}

/** Per topic, the words of its title that no other title uses. */
function titleAnchors(guides: readonly Guide[], table: SynonymTable): Map<string, Set<string>> {
  const titles = new Map(guides.map((g) => [g.id, new Set(analyze(g.title, table))]));
  const uses = new Map<string, number>();
  for (const words of titles.values()) for (const w of words) uses.set(w, (uses.get(w) ?? 0) + 1);
  return new Map([...titles].map(([id, words]) => [id, new Set([...words].filter((w) => uses.get(w) === 1))]));
}

/** Fuzzy distance allowed for a (stemmed) query term: none for short words, one or two edits for longer ones. */
function fuzziness(term: string): number | false {
  if (term.length < 5 || /\d/.test(term)) return false;
  return term.length < 9 ? 1 : 2;
}

/** Builds the BM25 index (field boosts, stemming, synonyms, typo tolerance) over the guides; with a question model, its probabilities join the ranking. */
export function buildGuideIndex(
  guides: Iterable<Guide>,
  synonymGroups: readonly (readonly string[])[],
  tuning: {
    boosts?: Partial<Record<FieldName, number>>;
    anchorBoost?: number;
    anchorCap?: number;
    cueCap?: number;
    modelWeight?: number;
  } = {},
  cueData: { boost: number; topics: Readonly<Record<string, readonly string[]>> } = { boost: 0, topics: {} },
  modelData?: QuestionModelData,
): GuideIndex {
  const modelWeight = tuning.modelWeight ?? MODEL_WEIGHT;
  const cueCap = tuning.cueCap ?? CUE_CAP;
  const anchorBoost = tuning.anchorBoost ?? ANCHOR_BOOST;
  const anchorCap = tuning.anchorCap ?? ANCHOR_CAP;
  const table: SynonymTable = buildSynonymTable(synonymGroups);
  /** Every indexed term: only words outside it get typo tolerance and prefix matching. */
  const vocabulary = new Set<string>();
  const fields = Object.keys(FIELD_BOOSTS) as FieldName[];
  const mini = new MiniSearch<GuideDoc>({
    fields,
    tokenize: (text) => {
      const terms = analyze(text, table);
      for (const t of terms) vocabulary.add(t);
      return terms;
    },
    processTerm: (term) => term,
    searchOptions: {
      boost: { ...FIELD_BOOSTS, ...tuning.boosts },
      fuzzy: (term) => !vocabulary.has(term) && fuzziness(term),
      prefix: (term) => !vocabulary.has(term) && term.length >= 5,
      weights: { fuzzy: 0.3, prefix: 0.3 },
      combineWith: "OR",
      tokenize: (text) => analyze(text, table, MAX_QUERY_WORDS),
    },
  });
  const list = [...guides];
  mini.addAll(list.map(toDoc));
  const anchors = titleAnchors(list, table);
  const cues = buildCueTable(cueData.topics, table);
  const model = modelData && questionModel(modelData, table);

  const terms = (question: string) => analyze(question, table, MAX_QUERY_WORDS);

  return {
    terms,
    outside: (question) => (model ? (model.predictTerms(terms(question)).get(OUTSIDE_CLASS) ?? 0) : 0),
    search(question, limit = 26) {
      const analyzed = terms(question);
      const queryTerms = [...new Set(analyzed)];
      if (queryTerms.length === 0) return [];
      const cued = matchCues(phraseTerms(question, table, MAX_QUERY_WORDS), cues);
      const matched = mini.search(question).map((r) => {
        const id = r.id as string;
        const anchored = Math.min(anchorCap, queryTerms.filter((q) => anchors.get(id)?.has(q)).length);
        const cue = cueData.boost * Math.min(cueCap, cued.get(id) ?? 0);
        const match = r.score * (1 + anchorBoost * anchored) * (1 + cue);
        return { id, match, coverage: new Set(r.queryTerms).size / queryTerms.length };
      });
      const best = Math.max(0, ...matched.map((m) => m.match));
      const probability = model && modelWeight > 0 ? model.predictTerms(analyzed) : new Map<string, number>();
      const hits = new Map(matched.map((m) => [m.id, { ...m, score: best > 0 ? m.match / best : 0 }]));
      for (const [id, p] of probability) {
        if (id === OUTSIDE_CLASS) continue;
        const hit = hits.get(id) ?? { id, match: 0, coverage: 0, score: 0 };
        hit.score += modelWeight * p;
        hits.set(id, hit);
      }
      return [...hits.values()]
        .filter((h) => h.score > 0)
        .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
        .slice(0, limit)
        .map(({ id, score, match, coverage }) => ({ id, score, match, coverage }));
    },
  };
}
