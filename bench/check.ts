import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { text as alexText } from "alex";
import { loadContent } from "../src/content/load.js";
import { createChecker } from "../src/core/checker/check.js";

const EVAL_FILE = fileURLToPath(new URL("../../test/eval/check.jsonl", import.meta.url));
const require = createRequire(import.meta.url);
const writeGood = require("write-good") as (text: string) => unknown[];

const DRAFTS = 40;
const WORDS = 300;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** 300-word drafts: sentences of the eval set's clean letters, plus two problem sentences each (deterministic). */
function makeDrafts(): string[] {
  const cases = readFileSync(EVAL_FILE, "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { kind: string; text: string });
  const split = (kind: string) =>
    cases
      .filter((c) => c.kind === kind)
      .flatMap((c) => c.text.split(/(?<=[.?!])\s+|\n+/))
      .filter((s) => s.split(/\s+/).length >= 5 && !/^(?:Subject|Dear|Sincerely|AAMC)/.test(s));
  const clean = split("clean");
  const problems = split("positive").filter((s) => s.length < 200);
  let seed = 7;
  const pick = (list: string[]) => list[(seed = (seed * 1103515245 + 12345) >>> 0) % list.length];
  const drafts: string[] = [];
  for (let d = 0; d < DRAFTS; d++) {
    const body = [pick(problems), pick(problems)];
    let words = body.join(" ").split(/\s+/).length + 12;
    while (words < WORDS) {
      const s = pick(clean);
      body.splice((seed >>> 3) % (body.length + 1), 0, s);
      words += s.split(/\s+/).length;
    }
    drafts.push(["Subject: Continued interest – Amara Okafor, AAMC ID 14123456", "", "Dear Dr. Lee,", "", body.join(" "), "", "Sincerely,", "Amara Okafor", "AAMC ID: 14123456"].join("\n"));
  }
  return drafts;
}

/** Times `fn` on every draft for `rounds` rounds (after one warm-up round); returns sorted per-call milliseconds. */
function time(drafts: string[], rounds: number, fn: (d: string) => unknown): number[] {
  for (const d of drafts) fn(d);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const d of drafts) {
      const t0 = performance.now();
      fn(d);
      samples.push(performance.now() - t0);
    }
  }
  return samples.sort((a, b) => a - b);
}

const fmt = (ms: number) => `${ms.toFixed(4)} ms`;

/** Prints check p50/p99 on 300-word drafts beside write-good and alex. */
export async function runCheckBench(): Promise<void> {
  const checker = createChecker(loadContent());
  const drafts = makeDrafts();
  const avgWords = drafts.reduce((a, d) => a + checker.check(d).words, 0) / drafts.length;
  const findings = drafts.reduce((a, d) => a + checker.check(d).findings.length, 0);
  const check = time(drafts, 250, (d) => checker.check(d));
  const wg = time(drafts, 5, (d) => writeGood(d));
  const alex = time(drafts, 2, (d) => alexText(d));
  const long = "I will rank you first if you rank me highly. ".repeat(220).slice(0, 10_000);
  const longTimes = time([long], 20, (d) => checker.check(d));
  console.log(`check bench: ${drafts.length} drafts of ~${avgWords.toFixed(0)} words (${findings} findings in all); load average ${loadavg()[0].toFixed(2)} (p99 is sensitive to other processes)`);
  const row = (name: string, s: number[]) => `  ${name.padEnd(11)} p50 ${fmt(quantile(s, 0.5))}  p99 ${fmt(quantile(s, 0.99))}  (${s.length} runs)`;
  console.log(row("check", check));
  console.log(row("write-good", wg));
  console.log(row("alex", alex));
  const ratio = (other: number[], q: number) => (quantile(other, q) / quantile(check, q)).toFixed(1);
  console.log(`  check is ${ratio(wg, 0.5)}x (p50) / ${ratio(wg, 0.99)}x (p99) faster than write-good, ${ratio(alex, 0.5)}x / ${ratio(alex, 0.99)}x faster than alex`);
  console.log(`  target: check p99 <= 0.3 ms and >= 5x faster than write-good — ${quantile(check, 0.99) <= 0.3 && quantile(wg, 0.99) / quantile(check, 0.99) >= 5 ? "met" : "NOT met"}`);
  console.log(`  10,000-character draft: p50 ${fmt(quantile(longTimes, 0.5))}  max ${fmt(longTimes[longTimes.length - 1])}`);
}
