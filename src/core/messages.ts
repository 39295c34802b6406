/** Every sentence of the core that the applicant reads, in one place. */
export const MESSAGES = {
  unknownTemplate: (id: string, close: string[]) =>
    `There is no template "${id}".${close.length ? ` Did you mean ${close.join(", ")}?` : ""} Try /template with no id to see the list.`,
  unknownField: (key: string, id: string, keys: string[]) =>
    `The template ${id} has no field "${key}"; its fields are ${keys.join(", ")}.`,
  fieldTooLong: (key: string, length: number, max: number) =>
    `The value of ${key} is ${length} characters long; the limit is ${max}.`,
  unknownCommand: (name: string, close: string[]) =>
    `There is no command /${name}.${close.length ? ` Did you mean /${close.join(", /")}?` : ""} Type /help to see them all.`,
  unknownSubcommand: (cmd: string, sub: string, subs: string[]) =>
    `/${cmd} has no "${sub}"; choose one of: ${subs.join(", ")}.`,
  missingSubcommand: (cmd: string, subs: string[]) => `/${cmd} needs one of: ${subs.join(", ")}.`,
  unknownOption: (cmd: string, key: string, keys: string[]) =>
    `/${cmd} has no option "${key}"; its options are ${keys.join(", ") || "(none)"}.`,
  missingOption: (cmd: string, name: string) => `/${cmd} needs ${name}.`,
  optionTooLong: (name: string, length: number, max: number) =>
    `${name} is ${length.toLocaleString("en-US")} characters long; the limit is ${max.toLocaleString("en-US")}.`,
  badChoice: (name: string, value: string, choices: readonly string[]) =>
    `${name} cannot be "${value}"; choose one of: ${choices.join(", ")}.`,
  badType: (name: string, type: string) => `${name} must be ${type === "integer" ? "a whole number" : type === "boolean" ? "true or false" : "text"}.`,
  unclosedQuote: "A quote is not closed: check the \" marks in your command.",
  unexpectedWord: (cmd: string, word: string) =>
    `/${cmd} did not expect "${word}"; write options as key="value".`,
  internalError: "Sorry, something went wrong on our side while answering. Please try again in a moment.",
  notAvailable: (what: string) => `${what} is not available yet in this version of matchguide.`,
  templateListTitle: "Email templates",
  templateListText: "Use /template <id> with key=\"value\" fields, e.g. /template first-choice program=\"Riverside IM\".",
  templateMissing: (labels: string[]) => `Still to fill: ${labels.join(", ")}.`,
  cautionsName: "Before you send",
  slackShortcutName: "Check draft",
  slackShortcutDescription: "Review this message as a draft email; only you see the result",
  slackModalTitle: "Check a draft",
  slackModalSubmit: "Check",
  slackModalClose: "Cancel",
  slackModalDraftLabel: "Paste your draft email",
  slackShortcutNoText: "That message has no text to check.",
  slackFixLabel: "Fix",
  slackTrimmed: (n: number) =>
    `…and ${n} more not shown here: a Slack message holds at most 50 blocks. Fix what is above, then check again.`,
  slackManifestUsage:
    "usage: npm run slack:manifest -- --url https://your-host [--out manifest.json], or --socket for Socket Mode",
  discordFixLabel: "Fix",
  discordTrimmed: (n: number) =>
    `…and ${n} more not shown here: one Discord answer has room for only so much. Fix what is above, then check again.`,
  discordShortened: "… (shortened to fit Discord)",
  discordStaleInteraction: "This button or form is no longer available; run the command again.",
  discordNoMessageText: "That message has no text to check.",
  discordRegisterUsage: "usage: npm run register [-- --guild <guild id>] (needs DISCORD_TOKEN and DISCORD_APPLICATION_ID)",
  helpTitle: "matchguide commands",
  helpText: "Guidance for the residency Match: answers, email templates and draft checks. Private text (drafts, your log) is only shown to you.",
  silenceHint: (rule: string) => `A server admin can turn this ${"rule"} off for everyone with /settings rule-off rule:${rule}.`,
  reminder:
    "Guidance, not legal advice — ask NRMP, ECFMG, the program or your dean's office for a binding answer.",
} as const;
