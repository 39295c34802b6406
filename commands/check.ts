import { randomBytes } from "node:crypto";
import { defineCommand, stringOption, type CommandContext } from "../src/core/command.js";
import { UserError } from "../src/core/errors.js";
import { logContextFor } from "../src/core/log-context.js";
import { MESSAGES } from "../src/core/messages.js";
import { makeReply, type CheckData, type Followup, type Reply } from "../src/core/reply.js";
import { DRAFT_KEEP_MS } from "../src/core/store.js";

/** Longest draft accepted, in characters. */
export const DRAFT_MAX = 10_000;

/** Platforms whose check replies carry an "Apply fixes" button. */
const BUTTON_PLATFORMS = new Set(["discord", "slack"]);

/** Keeps the draft for the "Apply fixes" button; no button when the store does not answer. */
async function applyButton(ctx: CommandContext, draft: string, program: string | undefined, data: CheckData): Promise<Followup[]> {
  if (!ctx.store || !BUTTON_PLATFORMS.has(ctx.caller.platform)) return [];
  if (!data.findings.some((f) => f.replacement !== undefined)) return [];
  const token = randomBytes(12).toString("base64url");
  const kept = await ctx.store.keepDraft(ctx.caller.id, token, { draft, ...(program ? { program } : {}) }, DRAFT_KEEP_MS).then(
    () => true,
    () => false,
  );
  return kept ? [{ label: MESSAGES.applyFixesLabel, command: "check", options: { apply: token } }] : [];
}

/** The "Apply fixes" answer: the corrected draft, and the findings still open in it (what is left to decide). */
async function applyFixes(ctx: CommandContext, token: string): Promise<Reply> {
  const kept = ctx.store ? await ctx.store.takeDraft(ctx.caller.id, token) : undefined;
  if (!kept) throw new UserError("not-found", MESSAGES.fixedExpired);
  const context = { ...(await logContextFor(ctx, kept.program)), ...(kept.program ? { program: kept.program } : {}) };
  const first = ctx.core.checker.check(kept.draft, context, { fix: true });
  const fixed = first.fixed ?? kept.draft;
  const left = fixed.trim() === "" ? { findings: [], words: 0 } : ctx.core.checker.check(fixed, context);
  const applied = first.findings.filter((f) => f.replacement !== undefined).length;
  const text = [MESSAGES.fixedText(applied), ...(left.findings.length ? [] : [MESSAGES.fixedNothingLeft])].join("\n");
  return makeReply("check", { title: MESSAGES.fixedTitle, text }, { findings: left.findings, words: left.words, fixed });
}

/** /check: reviews a pasted draft email against the rules. Always private. */
export default defineCommand({
  name: "check",
  description: "Review a draft email for Match rule problems (only you see the result)",
  example: "/check Dear Dr. Lee, ... (paste your draft)",
  options: [
    { name: "draft", description: "The draft email (leave empty to paste it in a form)", type: "string", maxLength: DRAFT_MAX, multiline: true },
    { name: "program", description: "The program the draft is meant for", type: "string", maxLength: 200 },
    { name: "fix", description: "Also return the draft with every mechanical fix applied", type: "boolean" },
    { name: "apply", description: "The kept draft an Apply fixes button stands for", type: "string", maxLength: 40, hidden: true },
  ],
  rest: "draft",
  privacy: "private",
  store: "reads",
  disclaimer: true,
  modal: { option: "draft", title: MESSAGES.checkModalTitle, label: MESSAGES.checkModalLabel },
  messageAction: { name: MESSAGES.checkActionName, option: "draft", description: MESSAGES.checkActionDescription },
  async run(ctx, call) {
    const token = stringOption(call, "apply");
    if (token) return applyFixes(ctx, token);
    const program = stringOption(call, "program");
    const draft = stringOption(call, "draft") ?? "";
    const context = { ...(await logContextFor(ctx, program)), ...(program ? { program } : {}) };
    const data = ctx.core.checker.check(draft, context, { fix: call.options.fix === true });
    const text = [MESSAGES.checkSummary(data.findings.length, data.words), ...(data.skipped?.length ? [MESSAGES.checkSkipped(data.skipped)] : [])].join("\n");
    const followups = await applyButton(ctx, draft, program, data);
    return makeReply("check", { title: MESSAGES.checkTitle, text, followups }, data);
  },
});
