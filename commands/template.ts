import { defineCommand, stringOption, type OptionDef } from "../src/core/command.js";
import { MESSAGES } from "../src/core/messages.js";
import { makeReply } from "../src/core/reply.js";
import { COMMON_FIELD_KEYS, FIELD_VALUE_MAX, findTemplate, renderTemplate } from "../src/core/templates/render.js";

const FIELD_DESCRIPTIONS: Record<(typeof COMMON_FIELD_KEYS)[number], string> = {
  name: "Your full name",
  program: "The program's name, e.g. Riverside Internal Medicine",
  specialty: "The specialty, e.g. Pediatrics",
  recipient: "Who you write to, e.g. Dr. Lee",
  aamc_id: "Your AAMC ID",
  interview_date: "Your interview date",
  visa: "The visa you need: J-1, H-1B, or J-1 and H-1B",
  reason: "Why this program, in a few words",
};

const fieldOptions: OptionDef[] = COMMON_FIELD_KEYS.map((key) => ({
  name: key,
  description: FIELD_DESCRIPTIONS[key],
  type: "string",
  maxLength: FIELD_VALUE_MAX,
}));

/** /template: a ready-to-edit email with the caller's details filled in. */
export default defineCommand({
  name: "template",
  description: "Get a ready-to-edit email with your details filled in",
  example: '/template first-choice program="Riverside IM" name="Amara Okafor"',
  options: [
    { name: "id", description: "Which template (leave empty to list them)", type: "string", autocomplete: true, maxLength: 64 },
    ...fieldOptions,
  ],
  positional: ["id"],
  extraOptions: true,
  privacy: "server",
  disclaimer: true,
  autocomplete(ctx, _option, value) {
    const needle = value.trim().toLowerCase();
    return [...ctx.content.templates.values()]
      .filter((t) => !needle || t.id.includes(needle) || t.title.toLowerCase().includes(needle))
      .slice(0, 25)
      .map((t) => ({ name: `${t.id} — ${t.title}`.slice(0, 100), value: t.id }));
  },
  run(ctx, call) {
    const id = stringOption(call, "id");
    if (!id) {
      const templates = [...ctx.content.templates.values()];
      return makeReply(
        "list",
        {
          title: MESSAGES.templateListTitle,
          text: MESSAGES.templateListText,
          fields: templates.map((t) => ({ name: t.id, value: `${t.title}: ${t.when}` })),
        },
        { templates: templates.map((t) => ({ id: t.id, title: t.title, when: t.when, fields: t.fields.map((f) => f.key) })) },
      );
    }
    const template = findTemplate(ctx.content, id);
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(call.options)) if (k !== "id" && typeof v === "string") fields[k] = v;
    const data = renderTemplate(template, fields);
    const labels = data.missing.map((k) => template.fields.find((f) => f.key === k)?.label ?? k);
    return makeReply(
      "template",
      {
        title: data.title,
        text: `Subject: ${data.subject}\n\n${data.body}`,
        fields: [
          { name: MESSAGES.cautionsName, value: data.cautions.map((c) => `• ${c}`).join("\n") },
          ...(labels.length ? [{ name: "Missing", value: MESSAGES.templateMissing(labels) }] : []),
        ],
        footer: MESSAGES.reviewed(template.reviewed),
      },
      data,
    );
  },
});
