import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

// Spawns the built CLI (dist/, compiled by `npm test`'s tsc step) exactly as the SPEC's contract uses it.

const FINDING_KEYS = ["rule", "severity", "start", "end", "excerpt", "message", "suggestion", "topic"];
const DRAFT = "Hey Dr. Lee,\r\n\r\nThank you 🙏 for the interview. Can you guarantee me a spot?\r\nI will rank you #1 if you rank me highly.\r\n";

describe("cli check", () => {
  it("prints the SPEC JSON shape for a draft on stdin, offsets into the text as given", async () => {
    const r = await runCli(["check", "--json"], DRAFT);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["findings", "words"]);
    expect(out.words).toBe(24);
    const rules = out.findings.map((f: { rule: string }) => f.rule);
    expect(rules).toEqual(["missing-subject", "informal-salutation", "requests-guarantee", "conditional-ranking"]);
    for (const f of out.findings) {
      expect(Object.keys(f)).toEqual("replacement" in f ? [...FINDING_KEYS, "replacement"] : FINDING_KEYS);
      expect(DRAFT.slice(f.start, f.end)).toBe(f.excerpt);
    }
  });

  it("flags another program's name with --program", async () => {
    const r = await runCli(["check", "--json", "--program", "Riverside Internal Medicine"], "I look forward to training at Lakeside Internal Medicine.");
    const f = JSON.parse(r.stdout).findings.find((x: { rule: string }) => x.rule === "wrong-program");
    expect(f.excerpt).toBe("Lakeside Internal Medicine");
    expect(f.severity).toBe("violation");
  });

  it("prints a readable report with the excerpt underlined without --json", async () => {
    const r = await runCli(["check"], "Dear Dr. Lee,\n\nCould you tell me where I stand on your list?");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    const at = lines.findIndex((l) => l.includes("Could you tell me where I stand"));
    expect(lines[at + 1]).toMatch(/^ +\^+$/);
    expect(lines[at + 1].indexOf("^")).toBe(lines[at].indexOf("Could you tell me where I stand"));
    expect(r.stdout).toContain("asks-rank-position");
  });

  it("exits 2 with one line on stderr for an empty draft or one over 10,000 characters", async () => {
    const empty = await runCli(["check", "--json"], "  \n");
    expect(empty.code).toBe(2);
    expect(empty.stderr.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(empty.stdout)).toEqual({ error: expect.stringMatching(/empty/) });
    const long = await runCli(["check", "--json"], "word ".repeat(2_001));
    expect(long.code).toBe(2);
    expect(long.stderr.trim().split("\n")).toHaveLength(1);
    expect(long.stderr).toMatch(/10,000/);
  });

  it("answers check lines in batch, in order, with errors inline", async () => {
    const input = [
      JSON.stringify({ command: "check", text: "Can you guarantee me a spot?" }),
      JSON.stringify({ command: "check", text: "" }),
      JSON.stringify({ command: "check", text: "I will train at Lakeside Pediatrics.", program: "Riverside Pediatrics" }),
    ].join("\n");
    const r = await runCli(["batch"], input);
    expect(r.code).toBe(0);
    const [a, b, c] = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(a.findings.map((f: { rule: string }) => f.rule)).toEqual(["requests-guarantee"]);
    expect(b).toEqual({ error: expect.any(String) });
    expect(c.findings.map((f: { rule: string }) => f.rule)).toEqual(["wrong-program"]);
  });
});

describe("cli check --user (the log)", () => {
  const dir = mkdtempSync(join(tmpdir(), "mg-check-"));
  const env = { STORE_URL: `sqlite://${join(dir, "log.sqlite")}` };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("flags a second first-choice letter to another program as multiple-first-choice", async () => {
    const add = await runCli(["log", "add", "--user", "u1", "--program", "Riverside Internal Medicine", "--kind", "first-choice", "--json"], "", env);
    expect(add.code).toBe(0);
    const draft = "Lakeside Internal Medicine is my first choice for residency.";
    const second = await runCli(["check", "--user", "u1", "--json", "--program", "Lakeside Internal Medicine"], draft, env);
    expect(JSON.parse(second.stdout).findings.map((f: { rule: string }) => f.rule)).toEqual(["multiple-first-choice"]);
    const same = await runCli(["check", "--user", "u1", "--json", "--program", "Riverside Internal Medicine"], "Riverside is my first choice.", env);
    expect(JSON.parse(same.stdout).findings.map((f: { rule: string }) => f.rule)).toEqual(["first-choice-claim"]);
    const other = await runCli(["check", "--user", "u2", "--json"], draft, env);
    expect(JSON.parse(other.stdout).findings.map((f: { rule: string }) => f.rule)).toEqual(["first-choice-claim"]);
  });
});
