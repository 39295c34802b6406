import { describe, expect, it } from "vitest";
import { loadContent } from "../../../src/content/load.js";
import { CHECK_MAX_CHARS, createChecker } from "../../../src/core/checker/check.js";

// Linear-time behaviour on real inputs: every rule runs over each hostile draft. A super-linear pattern
// turns these into minutes; the test's own timeout is the bound (no timing assertions).
const content = loadContent();
const checker = createChecker(content);
const context = { program: "Riverside Internal Medicine", firstChoicePrograms: ["Lakeside Pediatrics"], sentToProgram: 9 };
const fill = (unit: string) => unit.repeat(Math.ceil(CHECK_MAX_CHARS / unit.length)).slice(0, CHECK_MAX_CHARS);

/** Literal words of the rules' patterns, repeated: the shape of the attack strings ReDoS fuzzers build. */
function keywordAttacks(): string[] {
  const out: string[] = [];
  for (const rule of content.rules.values()) {
    const words = [...rule.patterns.join(" ").matchAll(/[A-Za-z][A-Za-z'-]{1,}/g)].map((m) => m[0]).filter((w) => w.length > 1);
    if (words.length === 0) continue;
    out.push(fill(`${words.slice(0, 12).join(" ")} `), fill(`${words.slice(0, 6).join(" ")}, `), fill(`I'd ${words[0]} it '${words[1] ?? "if"}' `));
  }
  return out;
}

const hostile: Array<[string, string]> = [
  ["one letter", fill("a")],
  ["one capital letter", fill("A")],
  ["spaces", `${fill(" ").slice(1)}x`],
  ["tabs and spaces", `${fill(" \t").slice(1)}x`],
  ["nested spaces and punctuation", fill(" , . ; ! ? ")],
  ["newlines", `${fill("\n").slice(1)}x`],
  ["CRLF lines", fill("Hey\r\n")],
  ["quote lines", fill("> ")],
  ["open quotation marks", fill('you wrote "')],
  ["brackets", fill("[[[{{{<<<")],
  ["underscores and X", fill("_X")],
  ["capitalised words", fill("Riverside Lakeside ")],
  ["one long word", fill("abcdefghij")],
  ["zero-width joiners", fill("a\u200D")],
  ["emoji", fill("👩‍⚕️")],
  ["if you I will", fill("if you rank I will ")],
  ["I will rank you", fill("I will rank you ")],
  ["unless you", fill("unless you ")],
  ["where how", fill("where how I ")],
];

describe("hostile 10,000-character drafts", () => {
  it("every rule finishes on each hostile draft", { timeout: 20_000 }, () => {
    for (const [, text] of hostile) {
      expect(text.length).toBeLessThanOrEqual(CHECK_MAX_CHARS);
      const result = checker.check(text, context);
      expect(result.words).toBeGreaterThanOrEqual(0);
    }
  });
  it("every rule finishes on keyword-repeat attacks built from the rules' own words", { timeout: 20_000 }, () => {
    const attacks = keywordAttacks();
    expect(attacks.length).toBeGreaterThan(40);
    for (const text of attacks) checker.check(text, context);
  });
});

describe("1 MB of random text", () => {
  it("is checked in 10,000-character drafts without stalling", { timeout: 30_000 }, () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const alphabet = "aeiou tnsrhl.,;!?'\"\n>[]{}<>_X#1-I you rank me if will 👍\u200D\r\t";
    let total = 0;
    let findings = 0;
    while (total < 1_000_000) {
      let text = "";
      for (let i = 0; i < CHECK_MAX_CHARS; i++) text += alphabet[Math.floor(rand() * alphabet.length)];
      text = text.slice(0, CHECK_MAX_CHARS).replace(/[\uD800-\uDBFF]$/, "");
      if (!text.trim()) continue;
      findings += checker.check(text, context).findings.length;
      total += text.length;
    }
    expect(total).toBeGreaterThanOrEqual(1_000_000);
    expect(findings).toBeGreaterThan(0);
  });
});
