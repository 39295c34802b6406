import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../../src/content/load.js";
import { createChecker, type CheckContext } from "../../../src/core/checker/check.js";

interface RuleCases {
  context: CheckContext;
  pass_context?: CheckContext;
  fail: string[];
  pass: string[];
}

const dir = fileURLToPath(new URL("../../fixtures/rules/", import.meta.url));
const content = loadContent();
const checker = createChecker(content);
const cases = new Map(
  readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(dir + f, "utf8")) as RuleCases]),
);

const rulesFound = (text: string, context: CheckContext) => checker.check(text, context).findings.map((f) => f.rule);

it("has cases for every rule in content/rules", () => {
  expect([...cases.keys()].sort()).toEqual([...content.rules.keys()].sort());
});

for (const [id, c] of cases) {
  describe(id, () => {
    for (const text of c.fail) {
      it(`flags ${JSON.stringify(text.slice(0, 60))}`, () => {
        expect(rulesFound(text, c.context)).toContain(id);
      });
    }
    for (const text of c.pass) {
      it(`leaves alone ${JSON.stringify(text.slice(0, 60))}`, () => {
        expect(rulesFound(text, c.pass_context ?? c.context)).not.toContain(id);
      });
    }
  });
}
