import { TEMPLATE_SECTION as SECTION, type Content, type Template } from "../../content/schemas.js";
import { UserError } from "../errors.js";
import type { TemplateData } from "../reply.js";
import { closestNames } from "../suggest.js";
import { MESSAGES } from "../messages.js";

/** Longest accepted field value, in characters. */
export const FIELD_VALUE_MAX = 200;

/** Field keys every platform offers for /template (SPEC); a template ignores the ones it does not use. */
export const COMMON_FIELD_KEYS = [
  "name",
  "program",
  "specialty",
  "recipient",
  "aamc_id",
  "interview_date",
  "visa",
  "reason",
] as const;

const SLOT = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;


/** Letters and digits only, lower case: "J-1 and H-1B" mentions "h1b". */
function looseText(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Keeps or drops each conditional section by the filled values. */
function resolveSections(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(SECTION, (_m, key: string, word: string, inner: string) => {
    const value = values.get(key);
    return value !== undefined && looseText(value).includes(looseText(word)) ? inner : "";
  });
}

/** Turns a user-typed field value into plain text that cannot mention anyone or inject markup. */
export function sanitizeFieldValue(value: string): string {
  return value
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ")
    .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/[<>*_~`|\\[\]{}#]/g, "")
    .replace(/@(?=everyone|here|channel)/gi, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Looks up a template by id, or throws a UserError with the closest ids. */
export function findTemplate(content: Content, id: string): Template {
  const t = content.templates.get(id.trim().toLowerCase());
  if (t) return t;
  const close = closestNames(id, content.templates.keys());
  throw new UserError("unknown-template", MESSAGES.unknownTemplate(id, close), close);
}

/**
 * Fills a template's slots with the given fields; unfilled slots stay visible as `[Label]` and are listed in `missing`.
 * A conditional section appears only when its field's value mentions its word (its slots count as missing only then).
 */
export function renderTemplate(template: Template, fields: Record<string, string>): TemplateData {
  const known = new Set<string>([...COMMON_FIELD_KEYS, ...template.fields.map((f) => f.key)]);
  const values = new Map<string, string>();
  for (const [rawKey, raw] of Object.entries(fields)) {
    const key = rawKey.trim().toLowerCase();
    if (!known.has(key)) {
      throw new UserError(
        "unknown-option",
        MESSAGES.unknownField(rawKey, template.id, template.fields.map((f) => f.key)),
        closestNames(key, known),
      );
    }
    if (raw.length > FIELD_VALUE_MAX) throw new UserError("bad-input", MESSAGES.fieldTooLong(key, raw.length, FIELD_VALUE_MAX));
    const value = sanitizeFieldValue(raw);
    if (value) values.set(key, value);
  }
  const missing: string[] = [];
  const fill = (text: string) =>
    text.replace(SLOT, (_m, key: string) => {
      const v = values.get(key);
      if (v !== undefined) return v;
      if (!missing.includes(key)) missing.push(key);
      return `[${template.fields.find((f) => f.key === key)?.label ?? key}]`;
    });
  const subject = fill(resolveSections(template.subject, values));
  const body = fill(resolveSections(template.body, values));
  const order = template.fields.map((f) => f.key);
  missing.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return { id: template.id, title: template.title, subject, body, cautions: [...template.cautions], missing };
}
