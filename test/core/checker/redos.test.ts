import { checkSync } from "recheck";
import safeRegex from "safe-regex2";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../../src/content/load.js";
import { ruleRegexSources } from "../../../src/content/schemas.js";
import { createClassifier } from "../../../src/core/classify/classify.js";

// Two ReDoS checkers. safe-regex2 is fast and strict (any repetition nested in another counts, even `(?:a?)?`);
// a pattern it rejects must then be proved safe by recheck's exact automaton analysis (pure-JS backend).
// recheck's fuzzing mode is not used: it needs minutes for these patterns and reports bounded gaps such as
// [^.?!\n]{0,40}? as polynomial, although V8 runs its attack strings in under a millisecond.
// Real timings on hostile inputs are exercised in hostile-input.test.ts.
process.env.RECHECK_BACKEND ??= "pure";

const content = loadContent();
const sources = [...content.rules.values()].flatMap((rule) =>
  ruleRegexSources(rule).map(({ where, source }) => ({ where: `${rule.file} ${where}`, source, flags: rule.case_sensitive ? "gm" : "gim" })),
);

function verdict(source: string, flags: string): string {
  if (safeRegex(source, { limit: 200 })) return "safe";
  const d = checkSync(source, flags, { checker: "automaton", timeout: 10_000 });
  return d.status === "vulnerable" ? `vulnerable (${d.complexity.type}): ${d.attack.pattern}` : d.status;
}

describe("every pattern in content/rules passes a ReDoS check", () => {
  it("has the patterns of every rule file to vet", () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(new Set(sources.map((s) => s.where.split(" ")[0])).size).toBe([...content.rules.values()].filter((r) => ruleRegexSources(r).length > 0).length);
  });
  for (const { where, source, flags } of sources) {
    it(`${where} is linear-time`, { timeout: 30_000 }, () => {
      expect(verdict(source, flags)).toBe("safe");
    });
  }
  it("catches a catastrophic pattern (the checkers work)", () => {
    expect(verdict("^(?:a+)+$", "")).toMatch(/^vulnerable \(exponential\)/);
    expect(verdict("^(\\w+\\s?)*$", "")).toMatch(/^vulnerable/);
  });
});

/**
 * Whether every unbounded quantifier (`*`, `+`, `{n,}`) in a regex source applies to a single atom (a character, a class,
 * an escape) and never to a group. Then repetition nests only through bounded quantifiers (`?`, `{0,n}`), which cannot
 * backtrack exponentially; recheck's automaton proof takes minutes on the classifier's long word alternations, so this
 * is what they are held to, together with the 10,000-character hostile inputs in test/core/classify.
 */
function unboundedOnAtomsOnly(source: string): boolean {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    const unbounded = c === "*" || c === "+" || (c === "{" && /^\{\d+,\}/.test(source.slice(i)));
    if (unbounded && source[i - 1] === ")" && source[i - 2] !== "\\") return false;
  }
  return true;
}

describe("every pattern of content/classifier.yaml (labels and speaker analysis) is linear-time", () => {
  const classifier = createClassifier(content.classifier);
  const compiled = [
    ...classifier.labeler.patterns.map((p, i) => ({ where: `labels #${i}`, p })),
    ...classifier.speaker.patterns.map((p, i) => ({ where: `speaker #${i}`, p })),
  ];
  it("has the compiled patterns to vet", () => {
    expect(compiled.length).toBeGreaterThan(100);
  });
  for (const { where, p } of compiled) {
    it(`${where} /${p.source.slice(0, 50)}…/ repeats without bound only single atoms`, () => {
      expect(safeRegex(p.source, { limit: 200 }) || unboundedOnAtomsOnly(p.source)).toBe(true);
    });
  }
  it("tells a group repeated without bound from one repeated a bounded number of times (the check works)", () => {
    expect(unboundedOnAtomsOnly(String.raw`(?:\s+(?:also|then)){0,3}\s+said`)).toBe(true);
    expect(unboundedOnAtomsOnly(String.raw`(?:\s*said)+`)).toBe(false);
    expect(unboundedOnAtomsOnly(String.raw`(?:a|b){2,}`)).toBe(false);
    expect(unboundedOnAtomsOnly(String.raw`\(+x`)).toBe(true);
  });
});
