import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { formOption, type CommandCall } from "../../core/command.js";
import { isUserError } from "../../core/errors.js";
import { errorReply } from "../../core/dispatch.js";
import { parseCommandText } from "../../core/parse-text.js";
import { execute, type Runtime } from "../../runtime.js";
import { renderPlain, restText } from "../text.js";

/** The line that ends a pasted draft. */
export const PASTE_END = ".";

/** The first line of an interactive session: how to get help, and which commands take a pasted text. */
function greeting(runtime: Runtime): string {
  const forms = [...runtime.registry.values()].filter((d) => d.modal).map((d) => `/${d.name}`);
  return `matchguide local console. Type /help for every command${forms.length ? `; ${forms.join(", ")} alone takes a pasted text ending with a line holding only "${PASTE_END}"` : ""}.`;
}

/** Runs the local console over a line stream until end of input (the embedded default of `npm start`). */
export async function runConsole(runtime: Runtime, input: Readable, output: Writable, user = "console"): Promise<void> {
  const interactive = Boolean((input as { isTTY?: boolean }).isTTY);
  const rl = createInterface({ input, terminal: false, crlfDelay: Infinity });
  const write = (s: string) => output.write(`${s}\n`);
  if (interactive) write(greeting(runtime));
  let paste: { call: CommandCall; option: string; lines: string[] } | null = null;
  const run = async (call: CommandCall) => {
    const reply = await execute(runtime, { id: `console:${user}`, platform: "console" }, call);
    write(renderPlain(reply, restText(runtime.registry.get(call.name), call)));
  };
  for await (const line of rl) {
    if (paste) {
      if (line.trim() === PASTE_END) {
        const call: CommandCall = { ...paste.call, options: { ...paste.call.options, [paste.option]: paste.lines.join("\n") } };
        paste = null;
        await run(call);
      } else paste.lines.push(line);
      continue;
    }
    const text = line.trim();
    if (!text) continue;
    try {
      const call = parseCommandText(runtime.registry, text.startsWith("/") ? text : `/ask ${text}`);
      const def = runtime.registry.get(call.name);
      const form = def ? formOption(def, call) : null;
      if (form) {
        paste = { call, option: form.name, lines: [] };
        if (interactive) write(`Paste the ${form.name}, then a line with only "${PASTE_END}".`);
        continue;
      }
      await run(call);
    } catch (err) {
      if (!isUserError(err)) throw err;
      write(renderPlain(errorReply(err)));
    }
  }
  if (paste && paste.lines.length) await run({ ...paste.call, options: { ...paste.call.options, [paste.option]: paste.lines.join("\n") } });
}
