import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os, { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { text as alexText } from "alex";
import { loadContent } from "../src/content/load.js";
import { createChecker } from "../src/core/checker/check.js";

const EVAL_FILE = fileURLToPath(new URL("../../test/eval/dev/check.jsonl", import.meta.url));
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

/** Per-call samples in milliseconds: wall clock, and CPU time of the process (excludes time it was not scheduled). */
interface Samples {
  wall: number[];
  cpu: number[];
}

const samples = (): Samples => ({ wall: [], cpu: [] });

/** Runs `fn(d)` once and records its wall-clock and CPU time. */
function sample(into: Samples, fn: (d: string) => unknown, d: string): void {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn(d);
  const t1 = performance.now();
  const c = process.cpuUsage(c0);
  into.wall.push(t1 - t0);
  into.cpu.push((c.user + c.system) / 1000);
}

const sorted = (s: Samples): Samples => ({ wall: [...s.wall].sort((a, b) => a - b), cpu: [...s.cpu].sort((a, b) => a - b) });

const fmt = (ms: number) => `${ms.toFixed(4)} ms`;
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");

/**
 * Prints check p50/p99 on 300-word drafts beside write-good and alex. check and write-good are measured
 * interleaved (five check calls, then one write-good call, draft by draft), so a burst of load from other
 * processes hits both alike. Wall-clock p99 on a shared 2-core machine mostly measures preemption (a call
 * that loses the CPU for a scheduler slice); CPU time per call is printed beside it to tell the two apart.
 */
export async function runCheckBench(): Promise<void> {
  const checker = createChecker(loadContent());
  const drafts = makeDrafts();
  const avgWords = drafts.reduce((a, d) => a + checker.check(d).words, 0) / drafts.length;
  const findings = drafts.reduce((a, d) => a + checker.check(d).findings.length, 0);
  const loadBefore = load();
  // Warm-up: JIT and regex tier-up for every draft, well past the first calls.
  for (let r = 0; r < 50; r++) for (const d of drafts) checker.check(d);
  for (let r = 0; r < 3; r++) for (const d of drafts) writeGood(d);
  for (const d of drafts) alexText(d);
  const empty = samples();
  for (let i = 0; i < 2000; i++) sample(empty, () => 0, "");
  const check = samples();
  const wg = samples();
  const CHECK_PER_WG = 5;
  for (let r = 0; r < 50; r++) {
    for (const d of drafts) {
      for (let k = 0; k < CHECK_PER_WG; k++) sample(check, (x) => checker.check(x), d);
      sample(wg, writeGood, d);
    }
  }
  const alex = samples();
  for (let r = 0; r < 10; r++) for (const d of drafts) sample(alex, alexText, d);
  const long = "I will rank you first if you rank me highly. ".repeat(220).slice(0, 10_000);
  const longTimes = samples();
  for (let r = 0; r < 20; r++) sample(longTimes, (d) => checker.check(d), long);
  const loadAfter = load();

  const [c, w, a, e, l] = [check, wg, alex, empty, longTimes].map(sorted);
  const q = (list: number[], p: number) => quantile(list, p);
  console.log(`check bench: ${drafts.length} drafts of ~${avgWords.toFixed(0)} words (${findings} findings in all), ${os.cpus().length} cores`);
  console.log(`  load average (1/5/15 min) before ${loadBefore}, after ${loadAfter}`);
  const row = (name: string, s: Samples) =>
    `  ${name.padEnd(11)} wall p50 ${fmt(q(s.wall, 0.5))}  p99 ${fmt(q(s.wall, 0.99))}   cpu p50 ${fmt(q(s.cpu, 0.5))}  p99 ${fmt(q(s.cpu, 0.99))}  (${s.wall.length} runs)`;
  console.log(row("check", c));
  console.log(row("write-good", w));
  console.log(row("alex", a));
  const preempted = check.wall.filter((t, i) => t - check.cpu[i] > 0.5).length;
  console.log(`  timer overhead: cpu p50 ${fmt(q(e.cpu, 0.5))}; check calls that lost the CPU for > 0.5 ms: ${preempted} of ${check.wall.length}`);
  const ratio = (other: number[], mine: number[], p: number) => (q(other, p) / q(mine, p)).toFixed(1);
  console.log(
    `  check vs write-good: ${ratio(w.wall, c.wall, 0.5)}x (p50) / ${ratio(w.wall, c.wall, 0.99)}x (p99) faster on wall clock, ${ratio(w.cpu, c.cpu, 0.5)}x / ${ratio(w.cpu, c.cpu, 0.99)}x on CPU time`,
  );
  console.log(`  check vs alex: ${ratio(a.wall, c.wall, 0.5)}x (p50) / ${ratio(a.wall, c.wall, 0.99)}x (p99) faster on wall clock`);
  const met = (t: number[], o: number[]) => q(t, 0.99) <= 0.3 && q(o, 0.5) / q(t, 0.5) >= 5 && q(o, 0.99) / q(t, 0.99) >= 5;
  console.log(
    `  target (p99 <= 0.3 ms, >= 5x write-good at p50 and p99): wall clock ${met(c.wall, w.wall) ? "met" : "NOT met"}, CPU time ${met(c.cpu, w.cpu) ? "met" : "NOT met"}`,
  );
  console.log(`  10,000-character draft: wall p50 ${fmt(q(l.wall, 0.5))}  max ${fmt(l.wall[l.wall.length - 1])}`);
}
