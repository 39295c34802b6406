import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os, { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { text as alexText } from "alex";
import { loadContent } from "../src/content/load.js";
import { runBatch } from "../src/adapters/cli/cli.js";
import { createChecker, type Checker } from "../src/core/checker/check.js";
import { createRuntime, type Runtime } from "../src/runtime.js";

const EVAL_FILE = fileURLToPath(new URL("../../test/eval/dev/check.jsonl", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WRITE_GOOD_BATCH = fileURLToPath(new URL("./write-good-batch.js", import.meta.url));
const PREFILTER_SOURCE = fileURLToPath(new URL("../../src/core/checker/prefilter.ts", import.meta.url));
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

/** Median of a list. */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The command `npm run cli` runs, as [executable, ...arguments] (the same node flags). */
function cliCommand(): [string, string[]] {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL("../../package.json", import.meta.url)), "utf8")) as { scripts: { cli: string } };
  const [, ...args] = pkg.scripts.cli.split(/\s+/);
  return [process.execPath, args];
}

/** CPU time (user + system) of this process's finished children in milliseconds, from /proc (Linux); null elsewhere. */
function childrenCpuMs(): number | null {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    // Fields 16 and 17 of stat (cutime, cstime) are the 14th and 15th after the command name; clock ticks of 10 ms.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

/** Wall-clock and CPU milliseconds of one process run with `input` on stdin (throws when it fails). */
function timeProcess(cmd: string, args: string[], input: string): { wall: number; cpu: number | null } {
  const c0 = childrenCpuMs();
  const t0 = performance.now();
  const run = spawnSync(cmd, args, { input, encoding: "utf8", cwd: ROOT, maxBuffer: 1 << 28 });
  const wall = performance.now() - t0;
  const c1 = childrenCpuMs();
  if (run.status !== 0) throw new Error(`${args.join(" ")} exited ${run.status}: ${run.stderr.split("\n")[0]}`);
  return { wall, cpu: c0 === null || c1 === null ? null : c1 - c0 };
}

/**
 * Per-draft cost of a batch process: (time of a run with 1 + n drafts − time of a run with 1 draft) / n, each the
 * median of `reps` runs, so start-up and the first call (loading, compiling) drop out and the steady per-line cost
 * stays; on wall clock and, where /proc tells it, on CPU time (robust to other processes on a shared machine).
 */
function perDraftInProcess(cmd: string, args: string[], lines: string[], reps: number): { wall: number; cpu: number | null } {
  const small = `${lines[0]}\n`;
  const big = `${lines.join("\n")}\n`;
  const runs = { small: [] as Array<{ wall: number; cpu: number | null }>, big: [] as Array<{ wall: number; cpu: number | null }> };
  for (let r = 0; r < reps; r++) {
    runs.small.push(timeProcess(cmd, args, small));
    runs.big.push(timeProcess(cmd, args, big));
  }
  const per = (pick: (t: { wall: number; cpu: number | null }) => number | null) => {
    const s = runs.small.map(pick);
    const b = runs.big.map(pick);
    if (s.some((v) => v === null) || b.some((v) => v === null)) return null;
    return (median(b as number[]) - median(s as number[])) / (lines.length - 1);
  };
  return { wall: per((t) => t.wall) as number, cpu: per((t) => t.cpu) };
}

/** A runtime whose /check uses `checker` (everything else as `npm run cli` builds it). */
function runtimeWith(base: Runtime, checker: Checker): Runtime {
  const core = base.core;
  return {
    ...base,
    core: {
      content: core.content,
      checker,
      get asker() {
        return core.asker;
      },
      warm: () => undefined,
    },
  };
}

/**
 * Prints check p50/p99 on 300-word drafts beside write-good and alex, with the literal prefilter on and off,
 * in-process and through the CLI batch path. check and write-good are measured interleaved (five calls of each
 * checker, then one write-good call, draft by draft), so a burst of load from other processes hits all alike.
 * Wall-clock p99 on a shared 2-core machine mostly measures preemption (a call that loses the CPU for a
 * scheduler slice); CPU time per call is printed beside it to tell the two apart.
 */
export async function runCheckBench(): Promise<void> {
  const content = loadContent();
  const checker = createChecker(content);
  const noPrefilter = createChecker(content, { prefilter: false });
  const drafts = makeDrafts();
  const avgWords = drafts.reduce((a, d) => a + checker.check(d).words, 0) / drafts.length;
  const findings = drafts.reduce((a, d) => a + checker.check(d).findings.length, 0);
  const loadBefore = load();
  // Warm-up: JIT and regex tier-up for every draft, well past the first calls (and past the prefilter's start).
  for (let r = 0; r < 50; r++) for (const d of drafts) checker.check(d), noPrefilter.check(d);
  for (let r = 0; r < 3; r++) for (const d of drafts) writeGood(d);
  for (const d of drafts) alexText(d);
  const empty = samples();
  for (let i = 0; i < 2000; i++) sample(empty, () => 0, "");
  const check = samples();
  const checkOff = samples();
  const wg = samples();
  const CHECK_PER_WG = 5;
  for (let r = 0; r < 50; r++) {
    for (const d of drafts) {
      for (let k = 0; k < CHECK_PER_WG; k++) sample(check, (x) => checker.check(x), d), sample(checkOff, (x) => noPrefilter.check(x), d);
      sample(wg, writeGood, d);
    }
  }
  const alex = samples();
  for (let r = 0; r < 10; r++) for (const d of drafts) sample(alex, alexText, d);
  const long = "I will rank you first if you rank me highly. ".repeat(220).slice(0, 10_000);
  const longTimes = samples();
  for (let r = 0; r < 20; r++) sample(longTimes, (d) => checker.check(d), long);

  // The CLI batch path in-process (JSON line in, dispatch, check, JSON line out), prefilter on and off.
  const lines = drafts.map((text) => JSON.stringify({ command: "check", text }));
  const base = createRuntime({ store: null });
  const batchOn = runtimeWith(base, createChecker(content));
  const batchOff = runtimeWith(base, createChecker(content, { prefilter: false }));
  for (let r = 0; r < 20; r++) for (const l of lines) await runBatch(batchOn, l), await runBatch(batchOff, l);
  const viaBatch = samples();
  const viaBatchOff = samples();
  for (let r = 0; r < 25; r++) {
    for (const l of lines) {
      for (const [into, rt] of [[viaBatch, batchOn], [viaBatchOff, batchOff]] as const) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await runBatch(rt, l);
        const t1 = performance.now();
        const c = process.cpuUsage(c0);
        into.wall.push(t1 - t0);
        into.cpu.push((c.user + c.system) / 1000);
      }
    }
  }

  // Whole processes: `npm run cli -- batch` and write-good over the same drafts, per draft past start-up.
  const REPEAT = 25;
  const batchLines = Array.from({ length: REPEAT }, () => lines).flat();
  const [cli, cliArgs] = cliCommand();
  const cliPerDraft = perDraftInProcess(cli, [...cliArgs, "batch"], batchLines, 5);
  const wgPerDraft = perDraftInProcess(process.execPath, [WRITE_GOOD_BATCH], batchLines, 5);
  const loadAfter = load();

  const [c, off, w, a, e, l, b, bOff] = [check, checkOff, wg, alex, empty, longTimes, viaBatch, viaBatchOff].map(sorted);
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
  const share = (mine: number | null, theirs: number | null) => (mine === null || theirs === null ? null : mine / theirs);
  const wallShare = share(cliPerDraft.wall, wgPerDraft.wall) as number;
  const cpuShare = share(cliPerDraft.cpu, wgPerDraft.cpu);
  console.log(
    `  CLI batch (whole process, per draft past start-up, median of 5 runs of ${batchLines.length} drafts): ` +
      `check ${fmt(cliPerDraft.wall)} wall${cliPerDraft.cpu === null ? "" : ` / ${fmt(cliPerDraft.cpu)} cpu`}, ` +
      `write-good ${fmt(wgPerDraft.wall)} wall${wgPerDraft.cpu === null ? "" : ` / ${fmt(wgPerDraft.cpu)} cpu`}`,
  );
  const verdict = (x: number) => `${x.toFixed(3)} (${x <= 0.2 ? "met" : "NOT met"})`;
  console.log(
    `    a draft costs ${verdict(wallShare)} of write-good's time on wall clock${cpuShare === null ? "" : `, ${verdict(cpuShare)} on CPU time`} (target <= 0.2)`,
  );
  console.log(`  10,000-character draft: wall p50 ${fmt(q(l.wall, 0.5))}  max ${fmt(l.wall[l.wall.length - 1])}`);
  const lineCount = readFileSync(PREFILTER_SOURCE, "utf8").split("\n").length;
  console.log(`  literal prefilter (${lineCount} lines in src/core/checker/prefilter.ts), per 300-word draft:`);
  console.log(`    ${"prefilter".padEnd(10)} ${"in-process p50".padStart(15)} ${"p99".padStart(11)} ${"cpu p99".padStart(11)}   ${"CLI batch path p50".padStart(18)} ${"p99".padStart(11)} ${"cpu p99".padStart(11)}`);
  const cells = (s: Samples) => [q(s.wall, 0.5), q(s.wall, 0.99), q(s.cpu, 0.99)].map((v) => fmt(v).padStart(11));
  const [onIn, onBatch, offIn, offBatch] = [c, b, off, bOff].map(cells);
  console.log(`    ${"on".padEnd(10)} ${onIn[0].padStart(15)} ${onIn[1]} ${onIn[2]}   ${onBatch[0].padStart(18)} ${onBatch[1]} ${onBatch[2]}`);
  console.log(`    ${"off".padEnd(10)} ${offIn[0].padStart(15)} ${offIn[1]} ${offIn[2]}   ${offBatch[0].padStart(18)} ${offBatch[1]} ${offBatch[2]}`);
}
