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
  serverOnly: (cmd: string) => `/${cmd} works only in a Discord server or Slack workspace that installed matchguide; here the defaults apply.`,
  home: {
    title: "Your matchguide",
    logTitle: "Your communication log (latest first)",
    remove: "Remove",
    more: (n: number) => `…and ${n} older entr${n === 1 ? "y" : "ies"} (see /log list).`,
    resultTitle: "matchguide",
  },
  internalError: "Sorry, something went wrong on our side while answering. Please try again in a moment.",
  notAvailable: (what: string) => `${what} is not available yet in this version of matchguide.`,
  storeUnavailable:
    "Your saved data (log and settings) cannot be reached right now, so nothing was read or changed. Try again in a few minutes; /ask, /template and /check keep working meanwhile.",
  storeUnconfirmed:
    "Your saved data did not confirm this change in time, so it may have been saved — check /log list before trying again.",
  shutdownApology: "matchguide restarted before this answer was ready, so nothing more will come here. Please run the command again.",
  rateLimited: (seconds: number) =>
    `That is a lot of commands in a short time. Please wait about ${seconds} second${seconds === 1 ? "" : "s"} and try again.`,
  log: {
    addedTitle: "Logged",
    added: (kind: string, program: string, date: string) => `Logged a ${kind} message to ${program} on ${date}.`,
    firstChoiceClash: (programs: string[]) =>
      `Careful: your log already holds a first-choice letter to ${programs.join(", ")}. Only one program should ever be told it is your first choice.`,
    listTitle: "Your communication log",
    empty: 'Your log is empty. Record a sent message with /log add program:"Riverside IM" kind:thank-you.',
    counts: (entries: number, programs: number) => `${entries} message${entries === 1 ? "" : "s"} to ${programs} program${programs === 1 ? "" : "s"}.`,
    removedTitle: "Removed",
    removed: (kind: string, program: string, date: string) => `Removed the ${kind} message to ${program} on ${date}.`,
    removeNeeds: 'Say which entry to remove: number:<n> from /log list, or program:"<name>" (with kind: or date: to narrow it down).',
    noSuchNumber: (n: number, count: number) => `There is no entry ${n}; your log has ${count} entr${count === 1 ? "y" : "ies"}.`,
    noMatch: (program: string) => `No entry in your log matches ${program}.`,
    clearedTitle: "Log deleted",
    cleared: (n: number) => `Deleted your whole log (${n} entr${n === 1 ? "y" : "ies"}) and everything else matchguide kept about you.`,
    exportTitle: "Your log as CSV",
    exportText: "Copy the lines below into a spreadsheet.",
    full: (max: number) => `Your log already holds ${max} entries, the most it can keep. Export it and remove old entries first.`,
    badDate: (value: string) => `date must be a real day written YYYY-MM-DD (e.g. 2026-01-15); "${value}" is not.`,
    futureDate: (value: string) => `${value} is in the future; log a message once it has been sent.`,
    badProgram: "program must name the program in letters, e.g. Riverside Internal Medicine.",
  },
  settings: {
    title: "Server settings",
    adminOnly: "Only server admins can change matchguide's settings (Discord: Manage Server; Slack: workspace admins and owners).",
    saved: "Saved. These settings apply to everyone on this server.",
    visibility: (command: string, visibility: string) => `/${command} replies: ${visibility === "public" ? "visible to the channel" : "only the asker sees them"}`,
    disclaimer: (text?: string) => (text ? `Extra line under answers: ${text}` : "Extra line under answers: none"),
    disabled: (rules: string[]) => `Rules turned off: ${rules.length ? rules.join(", ") : "none"}`,
    unknownRule: (id: string, close: string[]) => `There is no rule "${id}".${close.length ? ` Did you mean ${close.join(", ")}?` : ""}`,
    violationLocked: (id: string) => `${id} flags a violation of the Match rules or of honesty; violations cannot be turned off.`,
  },
  timeline: {
    title: (phase: string) => `Match calendar: ${phase}`,
    seasonName: (season: string, matchYear: number) => `Season ${season} (Match ${matchYear})`,
    countdown: (days: number, event: string, date: string) =>
      days === 0 ? `Today: ${event} (${date}).` : `${days} day${days === 1 ? "" : "s"} to ${event} (${date}).`,
    nextName: "Next date",
    sendName: "What to send now",
    avoidName: "Hold off on",
    templatesName: "Templates for this phase",
    estimated:
      "These dates are estimates: the official calendar for this season is not confirmed here yet. They follow the usual pattern of past seasons and can move by days. Confirm every deadline on NRMP's Main Residency Match calendar (nrmp.org) and AAMC's ERAS timeline (students-residents.aamc.org) before you plan around it.",
    outside: (date: string, first: string, last: string) =>
      `The Match calendar here covers ${first} to ${last}; ${date} is outside it.`,
  },
  templateListTitle: "Email templates",
  templateListText: "Use /template <id> with key=\"value\" fields, e.g. /template first-choice program=\"Riverside IM\".",
  templateMissing: (labels: string[]) => `Still to fill: ${labels.join(", ")}.`,
  cautionsName: "Before you send",
  checkActionName: "Check draft",
  checkActionDescription: "Review this message as a draft email; only you see the result",
  checkModalTitle: "Check a draft",
  checkModalLabel: "Paste your draft email",
  slackModalSubmit: "Check",
  slackModalClose: "Cancel",
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
  discordRegisterUsage: "usage: npm run register [-- --guild <guild id>] [-- --dry-run] (needs DISCORD_TOKEN and DISCORD_APPLICATION_ID, except --dry-run, which prints the JSON without sending it)",
  helpTitle: "matchguide commands",
  helpText: "Guidance for the residency Match: answers, email templates and draft checks. Private text (drafts, your log) is only shown to you.",
  silenceHint: (rule: string) => `A server admin can turn this rule off for everyone with /settings rule-off rule:${rule}.`,
  checkTitle: "Draft check",
  checkSummary: (findings: number, words: number) => `${findings} finding(s), ${words} words`,
  checkSkipped: (rules: string[]) =>
    `Your log could not be read just now, so these log-based checks were skipped: ${rules.join(", ")}. Check again in a few minutes to include them.`,
  applyFixesLabel: "Apply fixes",
  fixedTitle: "Corrected draft",
  fixedText: (applied: number) =>
    `${applied} fix${applied === 1 ? "" : "es"} applied. Copy the draft below; what is listed under it is still yours to decide.`,
  fixedNothingLeft: "Nothing is left to decide: the draft below passed the check.",
  fixedExpired: "That draft is no longer kept (drafts are kept for 15 minutes and for one use). Run /check again to get the button back.",
  checkEmpty: "The draft is empty: paste the text of your email after /check.",
  checkTooLong: (length: number, max: number) =>
    `The draft is ${length.toLocaleString("en-US")} characters long; /check takes at most ${max.toLocaleString("en-US")} characters (about 1,500 words). Check it in parts.`,
  reviewed: (day: string) =>
    `Reviewed ${new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "long", year: "numeric", timeZone: "UTC" })}`,
  reminder:
    "Guidance, not legal advice — ask NRMP, ECFMG, the program or your dean's office for a binding answer.",
  ask: {
    modalTitle: "Ask",
    modalLabel: "Your question, or the program's message",
    emptyQuestion: "Type a question after /ask, or paste what a program wrote to you.",
    notSureTitle: "I'm not sure",
    notSure: "I'm not sure which topic you mean. These are the closest; pick one, or ask again in other words:",
    relatedName: "Related topics",
    quoteName: "What I read as the program's words",
    questionName: "Your question",
    sourcesName: "Sources",
    templateName: "Suggested template",
    templateFollowup: (title: string) => `Template: ${title}`,
    topicFollowup: (title: string) => `Read: ${title}`,
    doubt: (cue: string) =>
      `The wording is not fully clear, so I read it on the cautious side because it mentions “${cue}”.`,
    doubtWording:
      "No single phrase settles it, but the message is worded like ones that press for a commitment or an offer, so I read it on the cautious side.",
    labels: {
      routine: {
        title: "Routine logistics",
        verdict: "This reads as a routine logistics message (scheduling, links, paperwork or a survey). It asks nothing about your rank list and promises nothing.",
        advice: "Do what it asks, on time, with a short polite reply if one is needed. Nothing here raises a Match-rules concern.",
      },
      "interest-signal": {
        title: "Interest signal",
        verdict: "This is a friendly interest signal: the program enjoyed meeting you. It is allowed, but it is not a promise and binds no one.",
        advice: "Reply briefly with genuine thanks if you wish. Keep ranking programs in your true order of preference; a kind note is no reason to move a program up.",
      },
      "rank-highly": {
        title: "“We will rank you highly”",
        verdict: "The program says it will rank you highly. NRMP lets programs volunteer their interest like this, but it binds no one: only the certified rank lists decide the result.",
        advice: "A short thank-you is enough; do not ask where exactly you stand and do not promise a rank back. Rank in your real order of preference and keep enough other programs on your list.",
      },
      "asks-ranking": {
        title: "The program asks how you will rank it",
        verdict: "The program is asking how you will rank it, or for a promise to rank it first. NRMP's Match Participation Agreement and its Match Code of Conduct for Programs do not let programs ask this, and you never have to answer.",
        advice: "Answer in general terms: you are very interested and your rank list will reflect your preferences. Do not reveal your list or promise a position. Keep the message; if it goes on, NRMP gives confidential advice.",
      },
      "commitment-pressure": {
        title: "Pressure to commit",
        verdict: "This trades a place or a good rank for a commitment from you, or demands one (such as cancelling other interviews). Programs in the Match may not do this, and such a promise binds neither side.",
        advice: "Do not promise, cancel interviews or withdraw anything. Say politely that you will rank programs by your true preferences, save the message with its date, and ask NRMP or your dean's office for confidential advice if the pressure continues.",
      },
      "prematch-offer": {
        title: "A pre-match offer",
        verdict: "This looks like a pre-match offer: a contract or position outside the Match. A program taking part in the NRMP Main Residency Match may not make one; only positions outside the Match can.",
        advice: "Sign nothing yet. Ask in writing whether the position is filled through the NRMP Match and, if it is not, for the full terms and a fair time to decide. Get advice (NRMP, ECFMG, your dean's office) before you accept anything; if you do accept a genuine outside position, you must withdraw from the Match in R3 before the rank-list certification deadline.",
      },
    },
  },
} as const;
