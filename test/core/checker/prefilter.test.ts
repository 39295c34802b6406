import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../../src/content/load.js";
import { createChecker, type CheckContext } from "../../../src/core/checker/check.js";
import { Prefilter, patternLiterals } from "../../../src/core/checker/prefilter.js";

// The literal prefilter may only skip work, never change a finding. Three layers: the derivation on hand-made
// regexes, the derived literals against every real match of every rule pattern, and the whole checker with and
// without the prefilter over thousands of varied drafts.

const content = loadContent();
const evalDrafts = readFileSync(fileURLToPath(new URL("../../eval/dev/check.jsonl", import.meta.url)), "utf8")
  .split(/\r?\n/)
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text);
const fixtureDir = fileURLToPath(new URL("../../fixtures/rules/", import.meta.url));
const fixtures = readdirSync(fixtureDir).map(
  (f) => JSON.parse(readFileSync(fixtureDir + f, "utf8")) as { context: CheckContext; fail: string[]; pass: string[] },
);
const sentences = [
  ...evalDrafts.flatMap((t) => t.split(/(?<=[.?!])\s+|\n+/)),
  ...fixtures.flatMap((f) => [...f.fail, ...f.pass]),
].filter((s) => s.trim());

/** ASCII-only lower-casing: the prefilter compares ASCII letters without case and nothing else. */
const lowerAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Deterministic variations that stress case, spacing, quoting and letters that lower-case to ASCII. */
function variants(seedStart: number, count: number): string[] {
  let seed = seedStart;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const mutate = (s: string): string => {
    const r = rand();
    if (r < 0.1) return s.toUpperCase();
    if (r < 0.2) return s.replace(/[a-z]/g, (c) => (rand() < 0.3 ? c.toUpperCase() : c));
    if (r < 0.28) return s.replace(/ /g, () => pick([" ", "  ", "\t", " \u200B", "\u00A0"]));
    if (r < 0.34) return s.replace(/'/g, "\u2019").replace(/"/g, "\u201C");
    if (r < 0.4) return `> ${s}`;
    if (r < 0.45) return `You wrote "${s}"`;
    if (r < 0.55) return s.replace(/(\w)\b/g, (m, c: string) => (rand() < 0.15 ? c + pick(["\u0130", "\u212A", "é", "\u017F", "_", "1"]) : m));
    if (r < 0.6) return s.replace(/[.,!?]/g, "");
    if (r < 0.65) return s.split(" ").reverse().join(" ");
    return s;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const parts = Array.from({ length: 1 + Math.floor(rand() * 10) }, () => mutate(pick(sentences)));
    let text = parts.join(pick([" ", "\n", "\r\n", "\n\n"]));
    if (rand() < 0.3) text = pick(["Subject: hi\n\n", "Dear Dr. Lee,\n", "Hey there,\n", "Hi John,\n", ""]) + text + pick(["\nSincerely,\nAmara", "\nBest,\nX\nAAMC ID 123", ""]);
    out.push(text.slice(0, 10_000));
  }
  return out;
}

describe("patternLiterals (derivation)", () => {
  it("takes the words of an alternation, lower-cased, with optional parts spelt out", () => {
    // "pleading" contains "plead", so "plead" alone stands for both.
    expect(patternLiterals("\\b(?:Begging|plead(?:ing)?)\\b")).toEqual([["plead", "begging"]]);
    expect(patternLiterals("[Hh]ey there")).toEqual([["hey there"]]);
  });
  it("keeps every clause of a concatenation around a gap", () => {
    expect(patternLiterals("\\bguarantee\\b[^.?!\\n]{0,30}?\\binterview")).toEqual([["guarantee"], ["interview"]]);
  });
  it("knows nothing (null) when a pattern has no literal it must contain", () => {
    expect(patternLiterals("\\w+")).toBeNull();
    expect(patternLiterals("[^a]{2,}")).toBeNull();
    expect(patternLiterals("(?:abc)?")).toBeNull();
    expect(patternLiterals("caf\u00E9")).toEqual([["caf"]]);
    expect(patternLiterals("\u00E9")).toBeNull();
  });
  it("drops clauses every draft satisfies (a space, one letter, a lone common word)", () => {
    expect(patternLiterals("\\bI [a-z]+ you\\b")).toBeNull();
    expect(patternLiterals("\\bmy\\b.{0,9}\\bdesperate\\b")).toEqual([["desperate"]]);
  });
  it("ignores look-arounds and anchors, and gives up on syntax it does not parse", () => {
    expect(patternLiterals("^(?!Dr\\b)Dear\\b(?<=r)$")).toEqual([["dear"]]);
    expect(patternLiterals("(unbalanced")).toBeNull();
    expect(patternLiterals("(abc)\\1")).toEqual([["abc"]]);
  });
});

describe("Prefilter (automaton)", () => {
  const pf = new Prefilter();
  const visa = pf.register(["\\b(?:visa|sponsorship)\\b[^.]{0,40}?\\bburden", "\\bsorry\\b", "\\w+ hassle"]);
  const never = pf.register(["\\w+"]);
  const mask = (text: string) => pf.mask(visa, pf.scan(text));
  it("marks a pattern as possible only when every one of its clauses is present, ignoring ASCII case", () => {
    expect(mask("My VISA is a Burden.")).toBe(0b001);
    expect(mask("my visa is fine")).toBe(0);
    expect(mask("a burden")).toBe(0);
    expect(mask("Sorry, my visa is a burden")).toBe(0b011);
    expect(mask("a hassle")).toBe(0b100);
  });
  it("answers -1 (run the whole list) when every pattern can match or nothing was scanned", () => {
    expect(mask("sorry: visa burden hassle")).toBe(-1);
    expect(pf.mask(visa, undefined)).toBe(-1);
  });
  it("treats non-ASCII characters as separators, never as letters", () => {
    expect(mask("vİsa burden")).toBe(0);
    expect(mask("\u212Aisa visa\u0130 burden")).toBe(0b001);
  });
  it("answers -1 for a list it cannot filter (run it whole), and before anything was scanned", () => {
    const fresh = new Prefilter();
    expect(fresh.mask(fresh.register(["sorry"]), new Uint8Array(1))).toBe(-1);
    expect(pf.mask(never, pf.scan("anything at all"))).toBe(-1);
  });
});

describe("derived literals against real matches", () => {
  const corpus = [...evalDrafts, ...sentences, ...variants(99, 600)];
  for (const rule of content.rules.values()) {
    for (const list of ["patterns", "anchors"] as const) {
      rule[list].forEach((source, i) => {
        const derived = patternLiterals(source);
        if (!derived) return;
        it(`${rule.id} ${list}[${i}]: every match holds a literal of each clause`, () => {
          const re = new RegExp(source, rule.case_sensitive ? "gm" : "gim");
          for (const text of corpus) {
            for (const m of text.matchAll(re)) {
              const hit = lowerAscii(m[0]);
              for (const clause of derived) expect(clause.some((lit) => hit.includes(lit)), `${JSON.stringify(m[0])} vs ${JSON.stringify(clause)}`).toBe(true);
            }
          }
        });
      });
    }
  }
  it("filters most rule patterns (the derivation is not vacuous)", () => {
    const all = [...content.rules.values()].flatMap((r) => r.patterns);
    const filtered = all.filter((s) => patternLiterals(s) !== null);
    expect(filtered.length / all.length).toBeGreaterThan(0.8);
  });
});

describe("the checker finds the same with and without the prefilter", () => {
  const fast = createChecker(content, { prefilterAfter: 0 });
  const plain = createChecker(content, { prefilter: false });
  const contexts: CheckContext[] = [
    {},
    { program: "Riverside Internal Medicine" },
    { program: "Lakeside Pediatrics", firstChoicePrograms: ["Riverside Internal Medicine"] },
    { program: "Hillcrest", sentToProgram: 5, disabledRules: ["attachment", "first-choice-claim"] },
  ];
  it("on the eval drafts and rule fixtures, in every context", () => {
    let findings = 0;
    for (const text of [...evalDrafts, ...sentences])
      for (const context of contexts) {
        const expected = plain.check(text, context);
        expect(fast.check(text, context)).toEqual(expected);
        findings += expected.findings.length;
      }
    expect(findings).toBeGreaterThan(1000);
  });
  it("on 3,000 varied drafts", () => {
    let skippedAll = 0;
    variants(7, 3000).forEach((text, i) => {
      if (!text.trim()) return;
      const context = contexts[i % contexts.length];
      const expected = plain.check(text, context);
      expect(fast.check(text, context)).toEqual(expected);
      if (expected.findings.length === 0) skippedAll++;
    });
    expect(skippedAll).toBeGreaterThan(0);
  });
});
