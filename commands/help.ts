import { defineCommand } from "../src/core/command.js";
import { MESSAGES } from "../src/core/messages.js";
import { makeReply } from "../src/core/reply.js";

/** /help: every command with one example. */
export default defineCommand({
  name: "help",
  description: "Every command, with one example each",
  example: "/help",
  options: [],
  privacy: "private",
  run(ctx) {
    const commands = ctx.commands.map((c) => ({ name: c.name, description: c.description, example: c.example }));
    return makeReply(
      "list",
      {
        title: MESSAGES.helpTitle,
        text: MESSAGES.helpText,
        fields: commands.map((c) => ({ name: `/${c.name}`, value: `${c.description}\n${c.example}` })),
        footer: MESSAGES.reminder,
      },
      { commands },
    );
  },
});
