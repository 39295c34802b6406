import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

describe("CLI: ask", () => {
  it("classifies a quoted pre-match offer as a pressure or offer label (SPEC acceptance)", async () => {
    const r = await runCli(["ask", 'is this a pre-match offer: "if you commit to us now we can skip the match"', "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["kind", "label", "topic", "verdict", "advice", "template", "quote", "related"]);
    expect(out.quote).toBe("if you commit to us now we can skip the match");
    expect(out.kind).toBe("classification");
    expect(["asks-ranking", "commitment-pressure", "prematch-offer"]).toContain(out.label);
  });

  it("answers the applicant's own plan with a topic instead of reading it as a program's message (SPEC acceptance)", async () => {
    const r = await runCli(["ask", "I want to tell my favourite program it's my #1, is that allowed?", "--json"]);
    const out = JSON.parse(r.stdout);
    expect(out.kind).toBe("answer");
    expect(out.topic).toBe("first-choice-letter");
  });

  it("gives one reply for a retold call: the verdict on the program's words and topics for the question (SPEC acceptance)", async () => {
    const question = "on the phone the PD said if I really want to come they can do something about it. what does that mean and what do I say?";
    const out = JSON.parse((await runCli(["ask", question, "--json"])).stdout);
    expect(out.kind).toBe("classification");
    expect(["asks-ranking", "commitment-pressure", "prematch-offer"]).toContain(out.label);
    expect(out.quote).toContain("they can do something about it");
    expect([out.topic, ...out.related]).toEqual(expect.arrayContaining(["responding-to-offer"]));
  });

  it("prints exactly the SPEC answer shape for a guide question", async () => {
    const r = await runCli(["ask", "how soon should I send a thank-you email after my interview?", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["kind", "topic", "title", "answer", "related", "sources", "links", "reviewed"]);
    expect(out.topic).toBe("thank-you-email");
    expect(out.links).toHaveLength(out.sources.length);
    expect(out.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("answers ask lines in batch, in order, with the same shapes", async () => {
    const input = [
      JSON.stringify({ command: "ask", text: "do I need Step 3 for an H-1B?" }),
      JSON.stringify({ command: "ask", text: 'the PD asked me "Will you rank us first?"' }),
      JSON.stringify({ command: "ask", text: "" }),
    ].join("\n");
    const r = await runCli(["batch"], input);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ kind: "answer", topic: "h1b-requirements" });
    expect(lines[1]).toMatchObject({ kind: "classification", label: "asks-ranking", template: "answer-rank-question" });
    expect(Object.keys(lines[2])).toEqual(["error"]);
  });

  it("prints the answer as text with the guidance reminder without --json", async () => {
    const r = await runCli(["ask", "what is a second look"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Second looks/);
    expect(r.stdout).toMatch(/not legal advice/);
  });

  it("exits 2 with one line on stderr for an empty question", async () => {
    const r = await runCli(["ask", "   ", "--json"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
