/** Adding a command is one file in commands/ plus one line in commands/index.ts: everything else derives from it. */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
/** What a build of the project needs (never test/: the evaluation sets stay where they are). */
const COPIED = ["commands", "src", "content", "bench", "package.json", "tsconfig.json"];

const THROWAWAY = `import { defineCommand, stringOption } from "../src/core/command.js";
import { makeReply } from "../src/core/reply.js";

/** /shout: a throwaway command that says its words back. */
export default defineCommand({
  name: "shout",
  description: "Say some words back, loudly",
  example: "/shout hello",
  options: [{ name: "words", description: "What to shout", type: "string", maxLength: 500, multiline: true }],
  rest: "words",
  privacy: "public",
  modal: { option: "words", title: "Shout", label: "Your words" },
  messageAction: { name: "Shout this", option: "words", description: "Shout the message back" },
  run(_ctx, call) {
    return makeReply("notice", { title: "Shout", text: (stringOption(call, "words") ?? "").toUpperCase() }, {});
  },
});
`;

let dir: string;

function run(args: string[]): string {
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8", env: { ...process.env, STORE_URL: `sqlite://${join(dir, "store.sqlite")}` } });
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "matchguide-add-command-"));
  for (const entry of COPIED) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  writeFileSync(join(dir, "commands/shout.ts"), THROWAWAY);
  const index = readFileSync(join(dir, "commands/index.ts"), "utf8")
    .replace('import help from "./help.js";', 'import help from "./help.js";\nimport shout from "./shout.js";')
    .replace(/(export const COMMANDS: readonly CommandDef\[\] = \[[^\]]*)\]/, "$1, shout]");
  expect(index).toContain("shout]");
  writeFileSync(join(dir, "commands/index.ts"), index);
  const build = spawnSync("npm", ["run", "--silent", "build"], { cwd: dir, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a throwaway command added in a copy of the project (commands/shout.ts + one line in commands/index.ts)", () => {
  it("is listed by /help with its description and example", () => {
    const help = JSON.parse(run(["dist/src/adapters/cli/main.js", "help", "--json"])) as { commands: { name: string; description: string; example: string }[] };
    expect(help.commands).toContainEqual({ name: "shout", description: "Say some words back, loudly", example: "/shout hello" });
  });

  it("answers through the CLI", () => {
    expect(run(["dist/src/adapters/cli/main.js", "shout", "hello there"])).toContain("HELLO THERE");
  });

  it("is in the Discord registration payload, as a slash command and as its message action", () => {
    const script = "import { buildCommandPayload } from './dist/src/adapters/discord/deploy.js'; console.log(JSON.stringify(buildCommandPayload()));";
    const payload = JSON.parse(run(["--input-type=module", "-e", script])) as { type: number; name: string; options?: { name: string }[] }[];
    expect(payload.find((c) => c.type === 1 && c.name === "shout")?.options?.map((o) => o.name)).toEqual(["words"]);
    expect(payload.find((c) => c.type === 3 && c.name === "Shout this")).toBeDefined();
  });

  it("is in the Slack manifest, as a slash command and as its message shortcut", () => {
    const manifest = JSON.parse(run(["dist/src/adapters/slack/manifest.js", "--url", "https://bot.example.org"])) as {
      features: { slash_commands: { command: string; description: string }[]; shortcuts: { name: string; callback_id: string }[] };
    };
    expect(manifest.features.slash_commands).toContainEqual(expect.objectContaining({ command: "/shout", description: "Say some words back, loudly" }));
    expect(manifest.features.shortcuts).toContainEqual(expect.objectContaining({ name: "Shout this", callback_id: "shout_this" }));
  });
});
