import type { Content } from "../../content/schemas.js";
import { analyze, MAX_QUERY_WORDS, type SynonymTable } from "./text.js";

/**
 * The question model: multinomial logistic regression (softmax) over a question's search terms and adjacent term
 * pairs, trained on each guide's example questions and content/questions. Training is deterministic (fixed seed),
 * so the copy the build writes (src/content/question-model.ts) and one trained at start-up answer alike.
 */
export const MODEL_PARAMS = {
  /** Passes over the training questions. */
  epochs: 15,
  /** Step size of the first pass; each later pass uses 0.9 of the one before. */
  learningRate: 0.5,
  decay: 0.9,
  /** L2 penalty on the weights. */
  l2: 1e-4,
  /** A feature must occur in at least this many training questions to get weights (rarer ones are noise). */
  minCount: 2,
  seed: 1,
} as const;

/** Bumped whenever training or features change, so a stale build cache is never used. */
export const MODEL_VERSION = 1;

/** A trained model as plain data (what the build cache holds). */
export interface QuestionModelData {
  version: number;
  topics: string[];
  features: string[];
  /** One bias per topic. */
  bias: number[];
  /** Weights, feature-major: `weights[f * topics.length + k]`. */
  weights: Float64Array;
}

/** A question model: how likely each topic is, given the words of a question. */
export interface QuestionModel {
  /** Probability of each topic (summing to 1); empty when no word of the question was seen in training. */
  predict(question: string): Map<string, number>;
  /** The same from the question's search terms, in order (`analyze` output), when the caller has them already. */
  predictTerms(terms: readonly string[]): Map<string, number>;
}

/** A question's features: its search terms (synonyms, stop words and stemming as for the index) and adjacent pairs. */
export function questionFeatures(question: string, table: SynonymTable): string[] {
  return termFeatures(analyze(question, table, MAX_QUERY_WORDS));
}

/** Features from search terms in order: the terms and each adjacent pair. */
function termFeatures(terms: readonly string[]): string[] {
  const out = new Set(terms);
  for (let i = 0; i + 1 < terms.length; i++) out.add(`${terms[i]} ${terms[i + 1]}`);
  return [...out];
}

/** What the model learns from, per topic: the guide's example questions, then content/questions. */
export function trainingQuestions(content: Pick<Content, "guides" | "questions">): Map<string, string[]> {
  return new Map([...content.guides.values()].map((g) => [g.id, [...g.examples, ...(content.questions.get(g.id) ?? [])]]));
}

/** Softmax of `scores` in place. */
function softmax(scores: Float64Array): void {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) sum += scores[k] = Math.exp(scores[k] - max);
  for (let k = 0; k < scores.length; k++) scores[k] /= sum;
}

/** Topic scores for feature indexes `xs` (probabilities after softmax). */
function scoresFor(xs: readonly number[], bias: readonly number[], weights: Float64Array, out: Float64Array): Float64Array {
  const k = bias.length;
  for (let t = 0; t < k; t++) out[t] = bias[t];
  for (const f of xs) {
    const row = f * k;
    for (let t = 0; t < k; t++) out[t] += weights[row + t];
  }
  softmax(out);
  return out;
}

/** Trains the model by stochastic gradient descent on the cross-entropy, in a fixed shuffled order. */
export function trainQuestionModel(examples: ReadonlyMap<string, readonly string[]>, table: SynonymTable): QuestionModelData {
  const p = MODEL_PARAMS;
  const topics = [...examples.keys()];
  const rows = topics.flatMap((topic, k) => examples.get(topic)!.map((q) => ({ k, features: questionFeatures(q, table) })));
  const counts = new Map<string, number>();
  for (const r of rows) for (const f of r.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const features = [...counts].filter(([, n]) => n >= p.minCount).map(([f]) => f);
  const index = new Map(features.map((f, i) => [f, i]));
  const xs = rows.map((r) => r.features.flatMap((f) => (index.has(f) ? [index.get(f)!] : [])));
  const K = topics.length;
  const bias = new Array<number>(K).fill(0);
  const weights = new Float64Array(features.length * K);
  const probs = new Float64Array(K);
  const order = rows.map((_, i) => i);
  let seed = p.seed;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  let rate: number = p.learningRate;
  for (let epoch = 0; epoch < p.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) {
      scoresFor(xs[i], bias, weights, probs);
      for (let t = 0; t < K; t++) {
        const g = probs[t] - (t === rows[i].k ? 1 : 0);
        bias[t] -= rate * g;
        for (const f of xs[i]) {
          const w = f * K + t;
          weights[w] -= rate * (g + p.l2 * weights[w]);
        }
      }
    }
    rate *= p.decay;
  }
  return { version: MODEL_VERSION, topics, features, bias, weights };
}

/** A model over trained data. */
export function questionModel(data: QuestionModelData, table: SynonymTable): QuestionModel {
  const index = new Map(data.features.map((f, i) => [f, i]));
  function predictTerms(terms: readonly string[]): Map<string, number> {
    const xs: number[] = [];
    for (const f of termFeatures(terms)) {
      const i = index.get(f);
      if (i !== undefined) xs.push(i);
    }
    if (xs.length === 0 || data.topics.length === 0) return new Map();
    const probs = scoresFor(xs, data.bias, data.weights, new Float64Array(data.topics.length));
    return new Map(data.topics.map((t, k) => [t, probs[k]]));
  }
  return {
    predictTerms,
    predict: (question) => predictTerms(analyze(question, table, MAX_QUERY_WORDS)),
  };
}
