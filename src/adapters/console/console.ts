import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { CommandCall } from "../../core/command.js";
import { isUserError } from "../../core/errors.js";
import { errorReply } from "../../core/dispatch.js";
import { parseCommandText } from "../../core/parse-text.js";
import { execute, type Runtime } from "../../runtime.js";
import { renderPlain } from "../text.js";

/** The line that ends a pasted draft. */
export const PASTE_END = ".";

const GREETING =
  "matchguide local console. Type /help, /ask <question>, /template <id> key=\"value\" …, or /check and paste a draft ending with a line holding only \".\".";

/** Runs the local console over a line stream until end of input (the embedded default of `npm start`). */
export async function runConsole(runtime: Runtime, input: Readable, output: Writable, user = "console"): Promise<void> {
  const interactive = Boolean((input as { isTTY?: boolean }).isTTY);
  const rl = createInterface({ input, terminal: false, crlfDelay: Infinity });
  const write = (s: string) => output.write(`${s}\n`);
  if (interactive) write(GREETING);
  let paste: { call: CommandCall; lines: string[] } | null = null;
  const run = async (call: CommandCall) => {
    const reply = await execute(runtime, { id: `console:${user}`, platform: "console" }, call);
    const draft = typeof call.options.draft === "string" ? call.options.draft : undefined;
    write(renderPlain(reply, draft));
  };
  for await (const line of rl) {
    if (paste) {
      if (line.trim() === PASTE_END) {
        const call: CommandCall = { ...paste.call, options: { ...paste.call.options, draft: paste.lines.join("\n") } };
        paste = null;
        await run(call);
      } else paste.lines.push(line);
      continue;
    }
    const text = line.trim();
    if (!text) continue;
    try {
      const call = parseCommandText(runtime.registry, text.startsWith("/") ? text : `/ask ${text}`);
      if (call.name === "check" && call.options.draft === undefined) {
        paste = { call, lines: [] };
        if (interactive) write(`Paste your draft, then a line with only "${PASTE_END}".`);
        continue;
      }
      await run(call);
    } catch (err) {
      if (!isUserError(err)) throw err;
      write(renderPlain(errorReply(err)));
    }
  }
  if (paste && paste.lines.length) await run({ ...paste.call, options: { ...paste.call.options, draft: paste.lines.join("\n") } });
}
