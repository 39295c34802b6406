/**
 * What the fuzz suite asserts about every answer: the core's reply invariants, and Discord's and Slack's
 * documented limits (written out here independently of the adapters' constants).
 */
import type { Reply } from "../../src/core/reply.js";
import { discordLimitProblems } from "./discord-limits.js";

const KINDS = new Set(["answer", "classification", "template", "check", "list", "notice", "error"]);
const SEVERITIES = new Set(["violation", "warning", "tip"]);

const isString = (v: unknown): v is string => typeof v === "string";

/** Every way a check reply breaks the SPEC's finding contract for `draft` (the text as given). */
export function findingProblems(reply: Extract<Reply, { kind: "check" }>, draft: string): string[] {
  const problems: string[] = [];
  const { findings, words } = reply.data;
  if (!Array.isArray(findings)) return ["findings is not an array"];
  if (!Number.isInteger(words) || words < 0) problems.push(`words is ${words}`);
  let previous = -1;
  for (const [i, f] of findings.entries()) {
    const at = `finding ${i} (${f.rule})`;
    if (!isString(f.rule) || f.rule === "") problems.push(`${at}: no rule id`);
    if (!SEVERITIES.has(f.severity)) problems.push(`${at}: severity ${f.severity}`);
    // An empty span is an insertion: only a finding whose fix inserts text (a missing subject line) has one.
    const insertion = f.start === f.end && isString(f.replacement) && f.replacement !== "";
    if (!Number.isInteger(f.start) || !Number.isInteger(f.end) || !(f.start >= 0 && (f.start < f.end || insertion) && f.end <= draft.length)) {
      problems.push(`${at}: span ${f.start}-${f.end} outside 0 <= start < end <= ${draft.length}`);
    } else if (f.excerpt !== draft.slice(f.start, f.end)) {
      problems.push(`${at}: excerpt ${JSON.stringify(f.excerpt)} is not text.slice(${f.start}, ${f.end}) = ${JSON.stringify(draft.slice(f.start, f.end))}`);
    }
    if (!isString(f.message) || f.message === "" || !isString(f.suggestion) || !isString(f.topic) || f.topic === "") problems.push(`${at}: message, suggestion or topic missing`);
    if (f.start < previous) problems.push(`${at}: not sorted by position (start ${f.start} after ${previous})`);
    previous = f.start;
  }
  return problems;
}

/** Every way a reply breaks the reply model (shape, privacy, errors); `draft` enables the finding checks. */
export function replyProblems(reply: Reply, options: { draft?: string; mustBePrivate?: boolean } = {}): string[] {
  const problems: string[] = [];
  if (!reply || typeof reply !== "object") return [`reply is ${typeof reply}`];
  if (!KINDS.has(reply.kind)) problems.push(`unknown kind ${String(reply.kind)}`);
  if (!isString(reply.title) || !isString(reply.text)) problems.push("title or text is not a string");
  if (typeof reply.private !== "boolean") problems.push("private is not a boolean");
  if (reply.footer !== undefined && !isString(reply.footer)) problems.push("footer is not a string");
  if (!Array.isArray(reply.fields) || reply.fields.some((f) => !isString(f?.name) || !isString(f?.value))) problems.push("fields are malformed");
  if (
    !Array.isArray(reply.followups) ||
    reply.followups.some((f) => !isString(f?.label) || !isString(f?.command) || !f.options || Object.values(f.options).some((v) => !isString(v)))
  ) {
    problems.push("followups are malformed");
  }
  try {
    JSON.stringify(reply);
  } catch (err) {
    problems.push(`reply does not serialise: ${(err as Error).message}`);
  }
  if (options.mustBePrivate && !reply.private) problems.push("a private command answered publicly");
  if (reply.kind === "error") {
    if (!reply.private) problems.push("an error reply is public");
    if (reply.data.code === "internal") problems.push("internal error (a bug) instead of an answer or a user error");
    if (!isString(reply.data.error) || reply.data.error.trim() === "") problems.push("an error without a message");
    if (/\n\s+at |\.ts:\d+|node_modules/.test(reply.text)) problems.push("an error reply shows a stack trace");
  }
  if (reply.kind === "check" && options.draft !== undefined) problems.push(...findingProblems(reply, options.draft));
  if (reply.kind === "answer" && (!Array.isArray(reply.data.related) || reply.data.related.length > 3)) problems.push("answer.related is not a list of at most 3");
  return problems;
}

/** Every way one Slack message (ack body, response_url post or chat.postEphemeral arguments) breaks Slack's limits. */
export function slackMessageProblems(message: any): string[] {
  const problems: string[] = [];
  if (!message || typeof message !== "object") return [`message is ${typeof message}`];
  const blocks: any[] = message.blocks ?? [];
  if (!Array.isArray(blocks)) return ["blocks is not an array"];
  if (blocks.length > 50) problems.push(`${blocks.length} blocks > 50`);
  if (typeof message.text === "string" && message.text.length > 40_000) problems.push(`text ${message.text.length} > 40000`);
  if (blocks.length === 0 && !(typeof message.text === "string" && message.text.trim())) problems.push("empty message");
  for (const [i, b] of blocks.entries()) {
    const text: string | undefined = b.text?.text;
    if (b.block_id !== undefined && String(b.block_id).length > 255) problems.push(`block ${i} block_id > 255`);
    switch (b.type) {
      case "header":
        if (b.text?.type !== "plain_text") problems.push(`block ${i} header is not plain_text`);
        if (!text || text.length > 150) problems.push(`block ${i} header length ${text?.length}`);
        break;
      case "section":
        if (!text || text.length > 3000) problems.push(`block ${i} section length ${text?.length}`);
        if ((b.fields ?? []).length > 10) problems.push(`block ${i} has more than 10 fields`);
        break;
      case "context":
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10) problems.push(`block ${i} context has ${b.elements?.length} elements`);
        for (const e of b.elements ?? []) if (!e.text || e.text.length > 3000) problems.push(`block ${i} context text length ${e.text?.length}`);
        break;
      case "actions":
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25) problems.push(`block ${i} actions has ${b.elements?.length} elements`);
        for (const e of b.elements ?? []) {
          if (!e.text?.text || e.text.text.length > 75) problems.push(`block ${i} button text length ${e.text?.text?.length}`);
          if (e.value !== undefined && String(e.value).length > 2000) problems.push(`block ${i} button value > 2000`);
          if (!e.action_id || e.action_id.length > 255) problems.push(`block ${i} action_id length ${e.action_id?.length}`);
        }
        break;
      case "divider":
        break;
      default:
        problems.push(`block ${i} has unexpected type ${b.type}`);
    }
  }
  return problems;
}

/** Every way a Slack modal view breaks Slack's limits. */
export function slackModalProblems(view: any): string[] {
  const problems: string[] = [];
  if (!view || view.type !== "modal") return ["not a modal"];
  const title: string = view.title?.text ?? "";
  if (!title || title.length > 24) problems.push(`modal title length ${title.length}`);
  if ((view.blocks ?? []).length > 100) problems.push("modal has more than 100 blocks");
  if ((view.private_metadata ?? "").length > 3000) problems.push("private_metadata > 3000");
  if ((view.callback_id ?? "").length > 255) problems.push("callback_id > 255");
  for (const b of view.blocks ?? []) {
    if (b.type !== "input") continue;
    if (!b.label?.text || b.label.text.length > 2000) problems.push(`input label length ${b.label?.text?.length}`);
    const max = b.element?.max_length;
    if (max !== undefined && (max < 1 || max > 3000)) problems.push(`input max_length ${max}`);
  }
  return problems;
}

/** Every way an interaction response (the HTTP answer to Discord) breaks Discord's limits. */
export function discordResponseProblems(response: any): string[] {
  if (!response || typeof response !== "object") return [`response is ${typeof response}`];
  switch (response.type) {
    case 1:
      return [];
    case 4:
      return discordLimitProblems(response.data ?? {});
    case 5:
      return [];
    case 8: {
      const choices: any[] = response.data?.choices;
      if (!Array.isArray(choices)) return ["autocomplete without choices"];
      const problems = choices.length > 25 ? [`${choices.length} choices > 25`] : [];
      for (const c of choices) {
        if (!c.name || c.name.length > 100) problems.push(`choice name length ${c.name?.length}`);
        if (typeof c.value === "string" && (c.value.length === 0 || c.value.length > 100)) problems.push(`choice value length ${c.value.length}`);
      }
      return problems;
    }
    case 9: {
      const d = response.data ?? {};
      const problems: string[] = [];
      if (!d.custom_id || d.custom_id.length > 100) problems.push("modal custom_id length");
      if (!d.title || d.title.length > 45) problems.push(`modal title length ${d.title?.length}`);
      const rows: any[] = d.components ?? [];
      if (rows.length === 0 || rows.length > 5) problems.push(`modal has ${rows.length} components`);
      for (const r of rows) {
        const input = r.component ?? r.components?.[0];
        const label: string = r.label ?? input?.label ?? "";
        if (!label || label.length > 45) problems.push(`modal label length ${label.length}`);
        if ((r.description ?? "").length > 100) problems.push("modal description > 100");
        if (!input?.custom_id || input.custom_id.length > 100) problems.push("text input custom_id length");
        const max = input?.max_length ?? 4000;
        if (max > 4000) problems.push(`text input max_length ${max}`);
        if (input?.value !== undefined && (input.value.length > max || input.value.length > 4000)) problems.push("text input value over its max_length");
      }
      return problems;
    }
    default:
      return [`unexpected response type ${response.type}`];
  }
}
