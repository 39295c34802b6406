import { beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load.js";
import { runCli } from "../helpers/cli.js";

const content = loadContent();

describe("CLI: template", () => {
  it("lists the 14 SPEC template ids with --list --json", async () => {
    const r = await runCli(["template", "--list", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.templates.map((t: { id: string }) => t.id).sort()).toEqual([...content.templates.keys()].sort());
    expect(out.templates).toHaveLength(14);
  });

  it("prints the SPEC shape with the filled values, the one-program caution and the other fields missing", async () => {
    const r = await runCli(["template", "first-choice", "--field", "program=Lakeside Pediatrics", "--field", "name=Amara Okafor", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["id", "title", "subject", "body", "cautions", "missing"]);
    expect(out.id).toBe("first-choice");
    expect(out.body).toContain("Lakeside Pediatrics");
    expect(out.body).toContain("Amara Okafor");
    expect(out.cautions.join(" ")).toMatch(/one program/i);
    const declared = content.templates.get("first-choice")!.fields.map((f) => f.key).filter((k) => k !== "program" && k !== "name");
    expect(out.missing.sort()).toEqual(declared.sort());
  });

  it("exits 2 with one line naming the closest id for an unknown template", async () => {
    const r = await runCli(["template", "frist-choice", "--json"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/did you mean first-choice/i);
    expect(JSON.parse(r.stdout)).toEqual({ error: r.stderr.trim() });
  });

  it("exits 2 for a malformed --field", async () => {
    const r = await runCli(["template", "first-choice", "--field", "program", "--json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--field needs key=value/);
  });

  it("exits 2 for an unknown command", async () => {
    const r = await runCli(["tempalte", "--list"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did you mean \/template/i);
  });

  it("prints a readable letter without --json", async () => {
    const r = await runCli(["template", "thank-you", "--field", "program=Riverside IM"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Subject: /);
    expect(r.stdout).toContain("Riverside IM");
  });
});

describe("CLI: batch", () => {
  let lines: Record<string, unknown>[];
  beforeAll(async () => {
    const input = [
      JSON.stringify({ command: "template", id: "first-choice", fields: { program: "Lakeside Pediatrics" } }),
      "not json",
      JSON.stringify({ command: "template", id: "nope" }),
      JSON.stringify({ command: "template", id: "thank-you", fields: { name: "Amara Okafor" } }),
      JSON.stringify({ command: "template", id: "thank-you", fields: { name: 42 } }),
    ].join("\n");
    const r = await runCli(["batch"], input);
    expect(r.code).toBe(0);
    lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
  });

  it("answers one line per request, in order", () => {
    expect(lines).toHaveLength(5);
    expect(lines[0].id).toBe("first-choice");
    expect(lines[0].body).toContain("Lakeside Pediatrics");
    expect(lines[3].id).toBe("thank-you");
    expect(lines[3].body).toContain("Amara Okafor");
  });

  it("answers {error} for a bad line and goes on", () => {
    expect(lines[1]).toEqual({ error: expect.stringMatching(/line 2 is not valid JSON/i) });
    expect(lines[2]).toEqual({ error: expect.stringMatching(/no template "nope"/) });
    expect(lines[4]).toEqual({ error: expect.stringMatching(/fields\.name must be a string/) });
  });
});
