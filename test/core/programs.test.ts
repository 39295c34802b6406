import { describe, expect, it } from "vitest";
import { programKey, sameProgram } from "../../src/core/programs.js";

describe("program identity", () => {
  it.each([
    ["Riverside IM", "Riverside Internal Medicine"],
    ["Riverside Internal Medicine Residency Program", "riverside internal medicine"],
    ["St. Mary's Pediatrics", "Saint Marys Peds"],
    ["The Lakeside  Program", "lakeside"],
    ["Café Général Hospital", "cafe general hosp"],
    ["Riverside", "Riverside Internal Medicine"],
  ])("%s and %s are one program", (a, b) => {
    expect(sameProgram(a, b)).toBe(true);
  });

  it.each([
    ["Riverside Pediatrics", "Riverside Internal Medicine"],
    ["Riverside IM", "Riverside FM"],
    ["Lakeside Pediatrics", "Lakeview Pediatrics"],
    ["Riverside Med-Peds", "Riverside Pediatrics"],
  ])("%s and %s are different programs", (a, b) => {
    expect(sameProgram(a, b)).toBe(false);
  });

  it("stores a program under one key however it is written, and two programs of one hospital under two", () => {
    expect(programKey("Riverside IM")).toBe(programKey("  riverside internal medicine residency PROGRAM "));
    expect(programKey("Riverside Pediatrics")).not.toBe(programKey("Riverside Internal Medicine"));
    expect(programKey("The Program")).toBe("");
  });

  it("runs in linear time on a hostile 10,000-character name", () => {
    const key = programKey(`${"a ".repeat(2500)}${"-".repeat(5000)}program`);
    expect(key.startsWith("a a")).toBe(true);
  });
});

describe("program identity in /check against the log", () => {
  const draft = "Subject: First choice\n\nDear Dr. Lee,\n\nRiverside Internal Medicine is my first choice, and I will rank it first.\n\nSincerely,\nAmara Okafor\nAAMC ID: 12345678";

  it.each([
    ["Riverside Pediatrics", true],
    ["Riverside IM", false],
  ])("with a first-choice letter to %s logged, flags a first-choice draft to Riverside Internal Medicine: %s", async (logged, flagged) => {
    const { createRuntime, execute } = await import("../../src/runtime.js");
    const { openStore } = await import("../../src/store/open.js");
    const runtime = createRuntime({ store: await openStore("sqlite://:memory:"), now: () => new Date("2026-02-01T12:00:00Z") });
    const caller = { id: "cli:identity", platform: "cli" as const };
    await execute(runtime, caller, { name: "log", subcommand: "add", options: { program: logged, kind: "first-choice", date: "2026-01-20" } });
    const check = await execute(runtime, caller, { name: "check", options: { draft, program: "Riverside Internal Medicine" } });
    const rules = (check.data as { findings: Array<{ rule: string }> }).findings.map((f) => f.rule);
    expect(rules.includes("multiple-first-choice")).toBe(flagged);
    await runtime.store?.close();
  });
});
