import {
  ButtonStyle,
  ComponentType,
  InteractionResponseType,
  MessageFlags,
  TextInputStyle,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
} from "discord-api-types/v10";
import type { Choice, CommandCall, CommandDef, OptionDef } from "../../core/command.js";
import { MESSAGES } from "../../core/messages.js";
import type { Field, Finding, Reply, Severity } from "../../core/reply.js";
import {
  ACTION_ROWS_MAX,
  AUTOCOMPLETE_CHOICES_MAX,
  BUTTON_LABEL_MAX,
  BUTTONS_PER_ROW_MAX,
  CHOICE_NAME_MAX,
  CHOICE_VALUE_MAX,
  CONTENT_MAX,
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_NAME_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FIELDS_MAX,
  EMBED_FOOTER_MAX,
  EMBED_TITLE_MAX,
  EMBED_TOTAL_MAX,
  EMBEDS_PER_MESSAGE_MAX,
  MESSAGES_PER_REPLY_MAX,
  MODAL_INPUTS_MAX,
  MODAL_TITLE_MAX,
  TEXT_INPUT_LABEL_MAX,
  TEXT_INPUT_PLACEHOLDER_MAX,
  TEXT_INPUT_VALUE_MAX,
} from "./limits.js";
import { followupCustomId, modalCustomId } from "./parse.js";

/** One Discord message body (interaction response data, follow-up or original-message edit). */
export interface DiscordMessage {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowed_mentions: { parse: [] };
  flags?: number;
}

/** Severity colours (Discord's red, yellow, blurple) and green for "all clear". */
export const COLORS = { violation: 0xed4245, warning: 0xfee75c, tip: 0x5865f2, ok: 0x57f287, neutral: 0x5865f2 } as const;

const SEVERITY_ORDER: readonly Severity[] = ["violation", "warning", "tip"];
const SEVERITY_MARK: Record<Severity, string> = { violation: "🛑", warning: "⚠️", tip: "💡" };
/** Classification labels that mean "not allowed" or "discouraged" (SPEC's label table). */
const RED_LABELS = new Set(["asks-ranking", "commitment-pressure", "prematch-offer"]);
const YELLOW_LABELS = new Set(["rank-highly"]);
/** Parts of one finding field, so the field stays within 1,024 characters whatever the finding holds. */
const FINDING_EXCERPT_MAX = 160;
const FINDING_MESSAGE_MAX = 240;
const FINDING_FIX_MAX = 240;

/** Cuts text to `max` characters, ending with `suffix` when it had to cut. */
export function trimText(text: string, max: number, suffix = "…"): string {
  if (text.length <= max) return text;
  let cut = max - suffix.length;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, Math.max(0, cut)) + suffix;
}

/** Escapes Discord markdown in user text and keeps it on one line. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n\t]+/g, " ").replace(/[\\*_~`|>#[\]()-]/g, (c) => `\\${c}`);
}

/** The embed characters Discord counts towards the 6,000 per message. */
export function embedLength(e: APIEmbed): number {
  let n = (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
  for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** An embed before it is cut to Discord's limits. */
interface EmbedSpec {
  title?: string;
  description?: string;
  color: number;
  fields: Field[];
  footer?: string;
}

function fieldOf(f: Field): { name: string; value: string; inline?: boolean } {
  return {
    name: trimText(f.name.trim() || "\u200b", EMBED_FIELD_NAME_MAX),
    value: trimText(f.value.trim() || "\u200b", EMBED_FIELD_VALUE_MAX, MESSAGES.discordShortened),
    ...(f.inline ? { inline: true } : {}),
  };
}

/** Fills messages with embeds, never past 10 embeds, 25 fields per embed or 6,000 embed characters per message. */
class EmbedPacker {
  readonly messages: APIEmbed[][] = [];
  private embeds: APIEmbed[] = [];
  private size = 0;

  private flush(): void {
    if (this.embeds.length) this.messages.push(this.embeds);
    this.embeds = [];
    this.size = 0;
  }

  /** Opens a new embed, in a new message when this one has no room for `needed` more characters. */
  private open(color: number, needed: number): APIEmbed {
    if (this.embeds.length >= EMBEDS_PER_MESSAGE_MAX || this.size + needed > EMBED_TOTAL_MAX) this.flush();
    const embed: APIEmbed = { color };
    this.embeds.push(embed);
    return embed;
  }

  add(spec: EmbedSpec): void {
    const title = spec.title ? trimText(spec.title, EMBED_TITLE_MAX) : undefined;
    const description = spec.description ? trimText(spec.description, EMBED_DESCRIPTION_MAX, MESSAGES.discordShortened) : undefined;
    const head = (title?.length ?? 0) + (description?.length ?? 0);
    let embed: APIEmbed | undefined;
    if (head) {
      embed = this.open(spec.color, head);
      if (title) embed.title = title;
      if (description) embed.description = description;
      this.size += head;
    }
    for (const f of spec.fields.map(fieldOf)) {
      const n = f.name.length + f.value.length;
      if (!embed || (embed.fields?.length ?? 0) >= EMBED_FIELDS_MAX || this.size + n > EMBED_TOTAL_MAX) embed = this.open(spec.color, n);
      (embed.fields ??= []).push(f);
      this.size += n;
    }
    if (spec.footer) {
      const footer = { text: trimText(spec.footer, EMBED_FOOTER_MAX) };
      if (!embed || this.size + footer.text.length > EMBED_TOTAL_MAX) embed = this.open(spec.color, footer.text.length);
      embed.footer = footer;
      this.size += footer.text.length;
    }
  }

  done(): APIEmbed[][] {
    this.flush();
    return this.messages;
  }
}

/** Packs the specs into messages (see EmbedPacker). */
function packSpecs(specs: EmbedSpec[]): APIEmbed[][] {
  const packer = new EmbedPacker();
  for (const spec of specs) packer.add(spec);
  return packer.done();
}

/** One finding as an embed field: excerpt, why, the fix, and for tips and warnings how to silence the rule. */
export function findingField(f: Finding, index: number): Field {
  const lines = [
    `> ${trimText(escapeMarkdown(f.excerpt), FINDING_EXCERPT_MAX)}`,
    trimText(f.message, FINDING_MESSAGE_MAX),
    `**${MESSAGES.discordFixLabel}:** ${trimText(f.suggestion, FINDING_FIX_MAX)}`,
  ];
  if (f.severity !== "violation") lines.push(`-# ${MESSAGES.silenceHint(f.rule)}`);
  return { name: `${index + 1}. ${SEVERITY_MARK[f.severity]} ${f.severity} · ${f.rule}`, value: lines.join("\n") };
}

/** Room for draft text in one code-block description (the fence and line breaks take the rest). */
const CODE_BLOCK_TEXT_MAX = EMBED_DESCRIPTION_MAX - 16;

/** A corrected draft as code blocks (copyable as is), split to fit descriptions; a ``` inside cannot close the block. */
function codeBlocks(text: string, color: number): EmbedSpec[] {
  const safe = text.replace(/```/g, "`\u200b``");
  const specs: EmbedSpec[] = [];
  let at = 0;
  while (at < safe.length) {
    let end = Math.min(safe.length, at + CODE_BLOCK_TEXT_MAX);
    const code = safe.charCodeAt(end - 1);
    if (end < safe.length && code >= 0xd800 && code <= 0xdbff) end -= 1;
    specs.push({ description: `\`\`\`\n${safe.slice(at, end)}\n\`\`\``, color, fields: [] });
    at = end;
  }
  return specs;
}

function checkSpecs(reply: Extract<Reply, { kind: "check" }>): EmbedSpec[] {
  const findings = reply.data.findings;
  const worst = SEVERITY_ORDER.find((s) => findings.some((f) => f.severity === s));
  const specs: EmbedSpec[] = [{ title: reply.title, description: reply.text, color: worst ? COLORS[worst] : COLORS.ok, fields: reply.fields }];
  if (reply.data.fixed !== undefined && reply.data.fixed.trim() !== "") specs.push(...codeBlocks(reply.data.fixed, COLORS.ok));
  const numbered = findings.map((f, i) => ({ f, i }));
  for (const severity of SEVERITY_ORDER) {
    const group = numbered.filter(({ f }) => f.severity === severity);
    if (group.length) specs.push({ color: COLORS[severity], fields: group.map(({ f, i }) => findingField(f, i)) });
  }
  if (reply.footer) specs[specs.length - 1].footer = reply.footer;
  return specs;
}

function classificationColor(label: string): number {
  if (RED_LABELS.has(label)) return COLORS.violation;
  if (YELLOW_LABELS.has(label)) return COLORS.warning;
  return COLORS.ok;
}

function baseSpec(reply: Reply, color: number): EmbedSpec {
  return { title: reply.title, description: reply.text, color, fields: reply.fields, ...(reply.footer ? { footer: reply.footer } : {}) };
}

/** The embeds a reply is drawn with, by kind (null: plain content, as for errors). */
function specsFor(reply: Reply): EmbedSpec[] | null {
  switch (reply.kind) {
    case "error":
      return null;
    case "check":
      return checkSpecs(reply);
    case "classification":
      return [baseSpec(reply, classificationColor(reply.data.label))];
    case "answer":
    case "template":
    case "list":
      return [baseSpec(reply, COLORS.neutral)];
    case "notice":
      return [baseSpec(reply, COLORS.ok)];
    default: {
      const unreachable: never = reply;
      return unreachable;
    }
  }
}

function buttonRows(reply: Reply): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const buttons: APIButtonComponentWithCustomId[] = [];
  for (const f of reply.followups.slice(0, BUTTONS_PER_ROW_MAX * ACTION_ROWS_MAX)) {
    const custom_id = followupCustomId(f);
    if (custom_id) buttons.push({ type: ComponentType.Button, style: ButtonStyle.Primary, label: trimText(f.label, BUTTON_LABEL_MAX), custom_id });
  }
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW_MAX) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + BUTTONS_PER_ROW_MAX) });
  }
  return rows;
}

function hiddenCount(messages: APIEmbed[][]): number {
  return messages.flat().reduce((n, e) => n + Math.max(1, e.fields?.length ?? 0), 0);
}

/**
 * Renders a reply as Discord messages: the first answers the interaction, the others go as follow-ups.
 * Every message respects Discord's limits; what does not fit in MESSAGES_PER_REPLY_MAX messages is left
 * out with a note. Mentions never ping; private replies are ephemeral. Never throws on any reply.
 */
export function renderReply(reply: Reply): DiscordMessage[] {
  const base = { allowed_mentions: { parse: [] as [] }, ...(reply.private ? { flags: MessageFlags.Ephemeral } : {}) };
  const specs = specsFor(reply);
  const rows = buttonRows(reply);
  if (!specs) {
    const content = trimText([reply.text, ...reply.fields.map((f) => `${f.name}: ${f.value}`)].join("\n"), CONTENT_MAX, MESSAGES.discordShortened);
    return [{ ...base, content, ...(rows.length ? { components: rows } : {}) }];
  }
  const packed = packSpecs(specs);
  if (packed.length === 0) return [{ ...base, content: trimText(reply.title || reply.kind, CONTENT_MAX), ...(rows.length ? { components: rows } : {}) }];
  const kept = packed.slice(0, MESSAGES_PER_REPLY_MAX);
  const messages: DiscordMessage[] = kept.map((embeds) => ({ ...base, embeds }));
  const last = messages[messages.length - 1];
  if (packed.length > kept.length) last.content = trimText(MESSAGES.discordTrimmed(hiddenCount(packed.slice(kept.length))), CONTENT_MAX);
  if (rows.length) last.components = rows;
  return messages;
}

/** The interaction response for autocomplete: at most 25 choices whose name and value fit. */
export function renderChoices(choices: readonly Choice[]): { type: InteractionResponseType.ApplicationCommandAutocompleteResult; data: { choices: Choice[] } } {
  const fitting = choices
    .filter((c) => c.value.length > 0 && c.value.length <= CHOICE_VALUE_MAX)
    .slice(0, AUTOCOMPLETE_CHOICES_MAX)
    .map((c) => ({ name: trimText(c.name || c.value, CHOICE_NAME_MAX), value: c.value }));
  return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: fitting } };
}

function inputLabel(opt: OptionDef): string {
  const words = opt.name.replace(/_/g, " ");
  return trimText(words.charAt(0).toUpperCase() + words.slice(1), TEXT_INPUT_LABEL_MAX);
}

/**
 * The modal that collects `main` (a paragraph input of up to 4,000 characters) and the command's other
 * text options (short inputs, pre-filled with what the user already typed).
 */
export function renderModal(def: CommandDef, main: OptionDef, call: CommandCall): APIModalInteractionResponseCallbackData {
  const others = def.options.filter((o) => o !== main && o.type === "string" && !o.hidden).slice(0, MODAL_INPUTS_MAX - 1);
  const components = [main, ...others].map((opt) => {
    const value = typeof call.options[opt.name] === "string" ? String(call.options[opt.name]) : "";
    const max = Math.min(opt.maxLength ?? TEXT_INPUT_VALUE_MAX, TEXT_INPUT_VALUE_MAX);
    return {
      type: ComponentType.Label as const,
      label: inputLabel(opt),
      description: trimText(opt.description, TEXT_INPUT_PLACEHOLDER_MAX),
      component: {
        type: ComponentType.TextInput as const,
        custom_id: opt.name,
        style: opt === main || opt.multiline ? TextInputStyle.Paragraph : TextInputStyle.Short,
        required: opt === main || Boolean(opt.required),
        max_length: max,
        ...(value && value.length <= max ? { value } : {}),
      },
    };
  });
  return { custom_id: modalCustomId(def.name), title: trimText(def.modal?.title ?? `/${def.name}`, MODAL_TITLE_MAX), components };
}
