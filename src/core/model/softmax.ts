/**
 * Multinomial logistic regression (softmax) over sparse string features, trained by stochastic gradient descent in a
 * fixed shuffled order. Training is deterministic, so the copy the build writes (src/content/models.ts) and one trained
 * at start-up answer alike. /ask's question model and the program-message model are both this.
 */
export const SOFTMAX_PARAMS = {
  /** Passes over the training examples. */
  epochs: 15,
  /** Step size of the first pass; each later pass uses `decay` of the one before. */
  learningRate: 0.5,
  decay: 0.9,
  /** L2 penalty on the weights. */
  l2: 1e-4,
  /** A feature must occur in at least this many training examples to get weights (rarer ones are noise). */
  minCount: 2,
  seed: 1,
} as const;

/** Bumped whenever training or features change, so a stale build cache is never used. */
export const MODEL_VERSION = 3;

/** A trained model as plain data (what the build cache holds). */
export interface SoftmaxData {
  version: number;
  classes: string[];
  features: string[];
  /** One bias per class. */
  bias: number[];
  /** Weights, feature-major: `weights[f * classes.length + k]`; single precision, which halves the build cache (and its parse time) at no cost in accuracy. */
  weights: Float32Array;
}

/** Class probabilities for a feature list. */
export interface SoftmaxModel {
  /** Probability of each class (summing to 1); empty when no feature was seen in training. */
  predict(features: readonly string[]): Map<string, number>;
}

/** Features from terms in order: each term and each adjacent pair, once. */
export function termFeatures(terms: readonly string[]): string[] {
  const out = new Set(terms);
  for (let i = 0; i + 1 < terms.length; i++) out.add(`${terms[i]} ${terms[i + 1]}`);
  return [...out];
}

/** Softmax of `scores` in place. */
function softmax(scores: Float64Array): void {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) sum += scores[k] = Math.exp(scores[k] - max);
  for (let k = 0; k < scores.length; k++) scores[k] /= sum;
}

/** Class probabilities for feature indexes `xs`, written into `out`. */
function probabilities(xs: readonly number[], bias: readonly number[], weights: Float32Array | Float64Array, out: Float64Array): Float64Array {
  const k = bias.length;
  for (let t = 0; t < k; t++) out[t] = bias[t];
  for (const f of xs) {
    const row = f * k;
    for (let t = 0; t < k; t++) out[t] += weights[row + t];
  }
  softmax(out);
  return out;
}

/** Trains on feature lists per class (each list one example). */
export function trainSoftmax(examples: ReadonlyMap<string, readonly (readonly string[])[]>): SoftmaxData {
  const p = SOFTMAX_PARAMS;
  const classes = [...examples.keys()];
  const rows = classes.flatMap((c, k) => examples.get(c)!.map((features) => ({ k, features: [...new Set(features)] })));
  const counts = new Map<string, number>();
  for (const r of rows) for (const f of r.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const features = [...counts].filter(([, n]) => n >= p.minCount).map(([f]) => f);
  const index = new Map(features.map((f, i) => [f, i]));
  const xs = rows.map((r) => r.features.flatMap((f) => (index.has(f) ? [index.get(f)!] : [])));
  const K = classes.length;
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
      probabilities(xs[i], bias, weights, probs);
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
  return { version: MODEL_VERSION, classes, features, bias, weights: Float32Array.from(weights) };
}

/** Trains on texts per class, each turned into features by `features`; classes without texts are left out. */
export function trainOnTexts(examples: ReadonlyMap<string, readonly string[]>, features: (text: string) => string[]): SoftmaxData {
  const withData = [...examples].filter(([, texts]) => texts.length > 0);
  return trainSoftmax(new Map(withData.map(([cls, texts]) => [cls, texts.map(features)])));
}

/** A model over trained data. */
export function softmaxModel(data: SoftmaxData): SoftmaxModel {
  const index = new Map<string, number>();
  for (let i = 0; i < data.features.length; i++) index.set(data.features[i], i);
  return {
    predict(features) {
      const xs: number[] = [];
      for (const f of new Set(features)) {
        const i = index.get(f);
        if (i !== undefined) xs.push(i);
      }
      if (xs.length === 0 || data.classes.length === 0) return new Map();
      const probs = probabilities(xs, data.bias, data.weights, new Float64Array(data.classes.length));
      return new Map(data.classes.map((c, k) => [c, probs[k]]));
    },
  };
}
