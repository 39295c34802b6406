/** What a command is lives in its definition: no code in src/ names a command (a list of them, or a test for one). */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../commands/index.js";

const ROOT = resolve(import.meta.dirname, "../..");
const NAMES = COMMANDS.map((c) => c.name);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith(".ts") ? [path] : [];
  });
}

/** Blanks out comments, keeping offsets and line breaks (strings are left alone; `//` inside one is rare here and only hides, never adds, a hit). */
function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " ")).replace(/(^|[^:"'`\\])\/\/[^\n]*/g, (c, lead: string) => lead + " ".repeat(c.length - lead.length));
}

/** True when the literal at `at` is a reply or rule kind (`kind: "check"`, `r.kind === "log"`, a case of `switch (reply.kind)`), not a command. */
function isKind(code: string, at: number): boolean {
  const lineStart = code.lastIndexOf("\n", at) + 1;
  const before = code.slice(lineStart, at);
  if (/\bkind\b/.test(before)) return true;
  if (!/^\s*case\s*$/.test(before)) return false;
  const switchAt = code.lastIndexOf("switch (", at);
  return switchAt >= 0 && /\bkind\b/.test(code.slice(switchAt, code.indexOf(")", switchAt)));
}

/** Every place in `code` that names a command as a string literal, as `line: text`; property tests (`"ask" in area`) are not names. */
export function commandNameUses(code: string, names: readonly string[] = NAMES): string[] {
  const clean = withoutComments(code);
  const literal = new RegExp(`(["'\`])/?(?:${names.join("|")})\\1(?!\\s+in\\b)`, "g");
  const hits: string[] = [];
  for (const m of clean.matchAll(literal)) {
    if (isKind(clean, m.index)) continue;
    const line = clean.slice(0, m.index).split("\n").length;
    hits.push(`${line}: ${code.split("\n")[line - 1].trim()}`);
  }
  return hits;
}

describe("the command-name detector", () => {
  it("finds lists of names, tests for one name, and switches over names", () => {
    expect(commandNameUses('export const ADMIN_COMMANDS = new Set(["settings"]);')).toHaveLength(1);
    expect(commandNameUses('const DISCLAIMED = ["ask", "template",\n  "check"];')).toHaveLength(3);
    expect(commandNameUses('if (call.name === "check" && !draft) openModal();')).toHaveLength(1);
    expect(commandNameUses("switch (call.name) {\n  case 'log':\n    return 1;\n}")).toHaveLength(1);
    expect(commandNameUses("const hint = name === `/help` ? 1 : 0;")).toHaveLength(1);
  });

  it("leaves reply and rule kinds, property tests and comments alone", () => {
    expect(commandNameUses('type C = Extract<Reply, { kind: "check" }>;')).toEqual([]);
    expect(commandNameUses('const logRules = rules.filter((r) => r.kind === "log");')).toEqual([]);
    expect(commandNameUses('switch (reply.kind) {\n  case "check":\n    return 1;\n  case "template":\n    return 2;\n}')).toEqual([]);
    expect(commandNameUses('const where = "ask" in area ? 1 : 0;')).toEqual([]);
    expect(commandNameUses('// the "check" command\n/* "log" and "settings" */ const x = 1;')).toEqual([]);
  });
});

describe("src/", () => {
  it("names no command outside commands/ (traits in the definitions say what adapters need)", () => {
    const found = sourceFiles(join(ROOT, "src")).flatMap((file) => commandNameUses(readFileSync(file, "utf8")).map((hit) => `${relative(ROOT, file)}:${hit}`));
    expect(found).toEqual([]);
  });
});
