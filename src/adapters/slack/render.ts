import type { types } from "@slack/bolt";
import type { CommandDef } from "../../core/command.js";
import { MESSAGES } from "../../core/messages.js";
import { LINK, type Field, type Finding, type Followup, type Reply } from "../../core/reply.js";
import { encodeFollowup, FOLLOWUP_ACTION_PREFIX, modalCallbackId } from "./parse.js";

type KnownBlock = types.KnownBlock;
type ModalView = types.ModalView;

/** Longest text of one section block (Slack's limit). */
export const SECTION_MAX = 3000;
/** Most blocks one message may hold (Slack's limit). */
export const BLOCKS_MAX = 50;
/** Longest header text (Slack's limit). */
export const HEADER_MAX = 150;
/** Longest button label (Slack's limit). */
export const BUTTON_TEXT_MAX = 75;
/** Longest button value (Slack's limit). */
export const BUTTON_VALUE_MAX = 2000;
/** Most elements of one actions block (Slack's limit). */
export const ACTIONS_MAX = 25;
/** Most elements of one context block (Slack's limit). */
export const CONTEXT_ELEMENTS_MAX = 10;
/** Longest plain-text input in a modal (Slack's limit). */
export const INPUT_MAX = 3000;
/** Longest modal title (Slack's limit). */
export const MODAL_TITLE_MAX = 24;
/** Longest notification text we send alongside the blocks. */
export const FALLBACK_TEXT_MAX = 3000;
/** Longest excerpt quoted in a finding. */
export const EXCERPT_MAX = 500;

/** A message for `ack()`, `respond()` or `chat.postEphemeral`. */
export interface SlackMessage {
  response_type: "ephemeral" | "in_channel";
  text: string;
  blocks: KnownBlock[];
}

const SEVERITY_ICON: Record<Finding["severity"], string> = {
  violation: ":no_entry:",
  warning: ":warning:",
  tip: ":bulb:",
};

/** Escapes the three characters Slack's mrkdwn treats as markup (`&`, `<`, `>`). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Turns the reply model's light markdown (`**bold**`, `[title](https://…)`) into Slack mrkdwn, escaped. */
export function toMrkdwn(text: string): string {
  return escapeMrkdwn(text)
    .replace(/\*\*([^*\n]+)\*\*/g, "*$1*")
    .replace(LINK, (_, title: string, url: string) => `<${url}|${title.replace(/\|/g, "/")}>`);
}

/** Cuts text to `max` UTF-16 units, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Splits text into pieces of at most `max` units, preferring line breaks, then spaces. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf("\n");
    if (cut < max / 2) cut = window.lastIndexOf(" ");
    if (cut < max / 2) cut = max;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, "");
  }
  if (rest.trim() !== "" || pieces.length === 0) pieces.push(rest);
  return pieces;
}

function section(mrkdwn: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text: truncate(mrkdwn, SECTION_MAX) } };
}

function textSections(mrkdwn: string): KnownBlock[] {
  if (mrkdwn.trim() === "") return [];
  return splitText(mrkdwn, SECTION_MAX).map(section);
}

/** Preformatted sections (copyable as is), each piece its own ``` block. */
function codeSections(text: string): KnownBlock[] {
  if (text.trim() === "") return [];
  return splitText(escapeMrkdwn(text), SECTION_MAX - 8).map((piece) => section(`\`\`\`${piece}\`\`\``));
}

function fieldSections(field: Field): KnownBlock[] {
  return textSections(`*${escapeMrkdwn(field.name)}*\n${toMrkdwn(field.value)}`);
}

function quote(text: string): string {
  return escapeMrkdwn(truncate(text, EXCERPT_MAX))
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}

/** One section for one finding: severity, rule, the quoted excerpt, why, the fix, and the silence hint for tips and warnings. */
export function renderFinding(f: Finding): KnownBlock {
  const lines = [
    `${SEVERITY_ICON[f.severity]} *${f.severity}* · \`${f.rule}\``,
    quote(f.excerpt),
    toMrkdwn(f.message),
    `*${MESSAGES.slackFixLabel}:* ${toMrkdwn(f.suggestion)}`,
  ];
  if (f.severity !== "violation") lines.push(`_${escapeMrkdwn(MESSAGES.silenceHint(f.rule))}_`);
  return section(lines.join("\n"));
}

function followupButtons(followups: Followup[]): KnownBlock[] {
  const buttons = followups
    .map((f, i) => ({ f, i, value: encodeFollowup(f) }))
    .filter(({ value }) => value.length <= BUTTON_VALUE_MAX)
    .map(({ f, i, value }) => ({
      type: "button" as const,
      action_id: `${FOLLOWUP_ACTION_PREFIX}${i}`,
      text: { type: "plain_text" as const, text: truncate(f.label, BUTTON_TEXT_MAX) },
      value,
    }));
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < buttons.length; i += ACTIONS_MAX) blocks.push({ type: "actions", elements: buttons.slice(i, i + ACTIONS_MAX) });
  return blocks;
}

function bodyBlocks(reply: Reply): KnownBlock[] {
  switch (reply.kind) {
    case "check":
      return [...textSections(toMrkdwn(reply.text)), ...codeSections(reply.data.fixed ?? ""), ...reply.data.findings.map(renderFinding)];
    case "template":
      return codeSections(reply.text);
    case "answer":
    case "classification":
    case "list":
    case "notice":
    case "error":
      return textSections(toMrkdwn(reply.text));
  }
}

/** Renders a reply as a Block Kit message within Slack's limits: header, sections, findings, buttons, context; trims with a note. */
export function renderSlackReply(reply: Reply): SlackMessage {
  const head: KnownBlock[] = [{ type: "header", text: { type: "plain_text", text: truncate(reply.title || " ", HEADER_MAX), emoji: true } }];
  const body = [...bodyBlocks(reply), ...reply.fields.flatMap(fieldSections)];
  const tail: KnownBlock[] = followupButtons(reply.followups).slice(0, 2);
  if (reply.footer) tail.push({ type: "context", elements: [{ type: "mrkdwn", text: truncate(toMrkdwn(reply.footer), SECTION_MAX) }] });
  const room = BLOCKS_MAX - head.length - tail.length;
  const shown = body.length <= room ? body : [...body.slice(0, room - 1), section(`_${escapeMrkdwn(MESSAGES.slackTrimmed(body.length - (room - 1)))}_`)];
  return {
    response_type: reply.private ? "ephemeral" : "in_channel",
    text: truncate(escapeMrkdwn(reply.text ? `${reply.title}: ${reply.text}` : reply.title), FALLBACK_TEXT_MAX),
    blocks: [...head, ...shown, ...tail],
  };
}

/** Most blocks a modal may hold (Slack's limit). */
export const MODAL_BLOCKS_MAX = 100;

/** A reply shown as a modal (where there is no channel to answer in: the Home tab). */
export function renderReplyView(reply: Reply): ModalView {
  return {
    type: "modal",
    title: { type: "plain_text", text: truncate(MESSAGES.home.resultTitle, MODAL_TITLE_MAX) },
    close: { type: "plain_text", text: MESSAGES.slackModalClose },
    blocks: renderSlackReply(reply).blocks.slice(0, MODAL_BLOCKS_MAX),
  };
}

/** A command's modal (its `modal` trait): one input per text option, the form's own option first-class and required. */
export function renderModal(def: CommandDef, privateMetadata: string): ModalView {
  const form = def.modal;
  const blocks: KnownBlock[] = def.options.filter((opt) => opt.type === "string" && !opt.hidden).map((opt) => {
    const main = opt.name === form?.option;
    return {
      type: "input",
      block_id: opt.name,
      optional: !(main || opt.required),
      label: { type: "plain_text", text: truncate(main && form ? form.label : opt.description, 2000) },
      element: {
        type: "plain_text_input",
        action_id: opt.name,
        multiline: Boolean(opt.multiline),
        max_length: Math.min(opt.maxLength ?? INPUT_MAX, INPUT_MAX),
      },
    };
  });
  return {
    type: "modal",
    callback_id: modalCallbackId(def.name),
    title: { type: "plain_text", text: truncate(form?.title ?? `/${def.name}`, MODAL_TITLE_MAX) },
    submit: { type: "plain_text", text: MESSAGES.slackModalSubmit },
    close: { type: "plain_text", text: MESSAGES.slackModalClose },
    private_metadata: privateMetadata,
    blocks,
  };
}
