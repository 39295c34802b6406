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
