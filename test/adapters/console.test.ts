import { describe, expect, it } from "vitest";
import { runNode } from "../helpers/cli.js";

const NO_TOKENS = {
  DISCORD_TOKEN: "",
  DISCORD_PUBLIC_KEY: "",
  SLACK_BOT_TOKEN: "",
  SLACK_SIGNING_SECRET: "",
  SLACK_APP_TOKEN: "",
};

describe("local console (npm start with no tokens)", () => {
  it("prints the filled letter for piped /template input and exits 0 at end of input", async () => {
    const r = await runNode("dist/src/main.js", [], '/template first-choice program="Lakeside Pediatrics"\n', NO_TOKENS);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Lakeside Pediatrics");
    expect(r.stdout).toMatch(/Subject: /);
    expect(r.stdout).toMatch(/\[Your full name\]|\[[A-Z][^\]]*name[^\]]*\]/i);
  });

  it("answers /help with every command", async () => {
    const r = await runNode("dist/src/main.js", [], "/help\n", NO_TOKENS);
    expect(r.code).toBe(0);
    for (const name of ["/ask", "/template", "/check", "/help"]) expect(r.stdout).toContain(name);
  });

  it("keeps going after a bad line and says what was wrong", async () => {
    const r = await runNode("dist/src/main.js", [], '/tempate first-choice\n/template thank-you program="Riverside IM"\n', NO_TOKENS);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/did you mean \/template/i);
    expect(r.stdout).toContain("Riverside IM");
  });

  it("collects a pasted /check draft until a line holding only '.'", async () => {
    const r = await runNode("dist/src/main.js", [], "/check\nDear Dr. Zebrafish,\n/help\n.\n/help\n", NO_TOKENS);
    expect(r.code).toBe(0);
    // The /help inside the paste is part of the draft; only the one after "." runs.
    expect(r.stdout.match(/== matchguide commands ==/g)).toHaveLength(1);
  });

  it("rejects a malformed configuration with one line and exit 2", async () => {
    const r = await runNode("dist/src/main.js", [], "", { ...NO_TOKENS, PORT: "not-a-port" });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/PORT/);
  });
});
