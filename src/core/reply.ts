/** The platform-neutral reply model every adapter renders. */

export type Severity = "violation" | "warning" | "tip";

/** One draft-check finding, exactly the SPEC's JSON shape. */
export interface Finding {
  rule: string;
  severity: Severity;
  start: number;
  end: number;
  excerpt: string;
  message: string;
  suggestion: string;
  topic: string;
  /** The mechanical fix: the text for [start, end) ("" deletes); absent when the fix needs the person. */
  replacement?: string;
}

/** A labelled piece of text shown under the main text (an embed field, a Block Kit section). */
export interface Field {
  name: string;
  value: string;
  inline?: boolean;
}

/** A next step the user can take with one click (a button) or by typing the command. */
export interface Followup {
  label: string;
  command: string;
  options: Record<string, string>;
}

/** SPEC JSON: `ask`, guide answer. */
export interface AnswerData {
  kind: "answer";
  topic: string;
  title: string;
  answer: string;
  related: string[];
  /** The titles of the guide's sources (never file names). */
  sources: string[];
  /** The public addresses of `sources`, in the same order. */
  links?: string[];
  /** Set when the question lies outside what the guides cover: `topic` and `related` are then the nearest topics. */
  outside?: boolean;
  /** When the answer's guide was last checked against its sources (YYYY-MM-DD); absent on "not sure" answers. */
  reviewed?: string;
}

/** SPEC JSON: `ask`, classification of a pasted program message. */
export interface ClassificationData {
  kind: "classification";
  label: string;
  topic: string;
  verdict: string;
  advice: string;
  template: string | null;
  /** The words read as the program's (quoted, pasted, transcribed or retold). */
  quote: string;
  /** Up to 3 topic ids for the applicant's own question around the message, best first. */
  related: string[];
}

/** SPEC JSON: `template`. */
export interface TemplateData {
  id: string;
  title: string;
  subject: string;
  body: string;
  cautions: string[];
  missing: string[];
}

/** SPEC JSON: `check`. */
export interface CheckData {
  findings: Finding[];
  words: number;
  /** With `fix`: the draft with every replacement applied. */
  fixed?: string;
  /** Rules that could not run, e.g. the log-based ones while the store does not answer. */
  skipped?: string[];
}

interface ReplyBase {
  /** Short heading. */
  title: string;
  /** Main text, plain with light markdown (**bold**, `code`, bullet lines, [title](https://…) links). */
  text: string;
  fields: Field[];
  followups: Followup[];
  /** Shown only to the user who asked (ephemeral) on every platform. */
  private: boolean;
  /** One-line footer, e.g. the guidance reminder or sources. */
  footer?: string;
}

/** Every reply the core can give; `data` is what the CLI prints with --json. */
export type Reply =
  | (ReplyBase & { kind: "answer"; data: AnswerData })
  | (ReplyBase & { kind: "classification"; data: ClassificationData })
  | (ReplyBase & { kind: "template"; data: TemplateData })
  | (ReplyBase & { kind: "check"; data: CheckData })
  | (ReplyBase & { kind: "list"; data: Record<string, unknown> })
  | (ReplyBase & { kind: "notice"; data: Record<string, unknown> })
  | (ReplyBase & { kind: "error"; data: { error: string; code: string; suggestions: string[] } });

export type ReplyKind = Reply["kind"];

/** A link in the reply model's light markdown, `[title](https://…)`; the title alone when there is no address. */
export function linkText(title: string, url?: string): string {
  return url ? `[${title.replace(/[[\]]/g, "")}](${url})` : title;
}

/** A `[title](https://…)` link of the reply model's light markdown: title in group 1, address in group 2. */
export const LINK = /\[([^\]\n]+)\]\((https:\/\/[^\s)]+)\)/g;

/** Builds a reply with empty defaults for the optional parts. */
export function makeReply<K extends ReplyKind>(
  kind: K,
  parts: { title: string; text?: string; fields?: Field[]; followups?: Followup[]; private?: boolean; footer?: string },
  data: Extract<Reply, { kind: K }>["data"],
): Extract<Reply, { kind: K }> {
  return {
    kind,
    title: parts.title,
    text: parts.text ?? "",
    fields: parts.fields ?? [],
    followups: parts.followups ?? [],
    private: parts.private ?? false,
    ...(parts.footer ? { footer: parts.footer } : {}),
    data,
  } as Extract<Reply, { kind: K }>;
}
