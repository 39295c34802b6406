/** A seeded pseudo-random source for the fuzz suite, so every failure reproduces from its seed and case number. */

/** The seed the fuzz suite starts from (`FUZZ_SEED`, or "random" for a fresh one), printed by every fuzz file. */
export function fuzzSeed(): number {
  const raw = process.env.FUZZ_SEED;
  if (raw === "random") return Math.floor(Math.random() * 2 ** 32);
  if (raw && /^\d+$/.test(raw)) return Number(raw) >>> 0;
  return 20_250_309;
}

/** Multiplies every fuzz file's case count (`FUZZ_SCALE`, default 1), for longer runs by hand. */
export function fuzzScale(): number {
  const n = Number(process.env.FUZZ_SCALE ?? "1");
  return Number.isFinite(n) && n > 0 ? n : 1;
}

function hash(text: string, seed: number): number {
  let h = seed ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x85ebca6b) >>> 0;
  return (h ^ (h >>> 13)) >>> 0;
}

/** sfc32-style generator with small helpers; one per case, derived from (seed, stream, index). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = seed >>> 0;
    this.b = hash("b", seed);
    this.c = hash("c", seed);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** The generator of case `index` of a named stream: independent of every other case. */
  static forCase(seed: number, stream: string, index: number): Rng {
    return new Rng(hash(`${stream}#${index}`, seed));
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 2 ** 32;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight: `[[weight, value], …]`. */
  weighted<T>(entries: readonly (readonly [number, T])[]): T {
    const total = entries.reduce((n, [w]) => n + w, 0);
    let r = this.next() * total;
    for (const [w, v] of entries) {
      r -= w;
      if (r < 0) return v;
    }
    return entries[entries.length - 1][1];
  }
}

/** Runs `cases` async jobs with at most `width` at once; resolves when all have settled (each job handles its own failures). */
export async function runPool(cases: number, width: number, job: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < cases) await job(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, cases) }, worker));
}
