import { z } from "zod";

/** An object schema that rejects unknown keys (so a typo in a content file is named). */
function strictObject<T extends z.ZodRawShape>(shape: T) {
  return z.object(shape).strict();
}

/** The SPEC's program-message labels, safest first. */
export const LABELS = ["routine", "interest-signal", "rank-highly", "asks-ranking", "commitment-pressure", "prematch-offer"] as const;

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lowercase-hyphenated id");
const fieldKey = z.string().regex(/^[a-z][a-z0-9_]*$/, "must be snake_case");
const line = z.string().trim().min(1, "must not be empty");

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD").refine((d) => {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}, "must be a real calendar day");

/** The day a guide or template was last checked against its sources (required: answers show it). */
const reviewedDate = z
  .string({
    required_error: "missing: add the day this file was last checked against its sources, written YYYY-MM-DD",
    invalid_type_error: "must be a date written YYYY-MM-DD",
  })
  .pipe(isoDate);

/** A template's field: its slot name, human label and example. */
export const templateFieldSchema = strictObject({
  key: fieldKey,
  label: line.max(60),
  example: z.string().optional(),
  required: z.boolean().default(false),
});

/** `{{#field:word}}…{{/field}}` in a template: text kept only when `field` is filled and its value mentions `word`. */
export const TEMPLATE_SECTION = /\{\{#([a-z][a-z0-9_]*):([^{}\n]{1,40})\}\}([^{}]*(?:\{\{\s*[a-z][a-z0-9_]*\s*\}\}[^{}]*)*)\{\{\/\1\}\}/g;

/** Front matter of `content/templates/<id>.md`. */
export const templateFrontSchema = strictObject({
  id: slug,
  title: line.max(80),
  when: line,
  fields: z.array(templateFieldSchema).min(1),
  cautions: z.array(line).min(1).max(6),
  max_words: z.number().int().positive().max(300),
  subject: line.max(200),
  reviewed: reviewedDate,
});

/** Front matter of `content/guides/<topic-id>.md`. */
export const guideFrontSchema = strictObject({
  id: slug,
  title: line.max(100),
  summary: line.max(500),
  key_points: z.array(line).min(1).max(8),
  related: z.array(slug).max(8).default([]),
  sources: z.array(line).min(1),
  examples: z.array(line).min(5).max(12),
  keywords: z.array(line).default([]),
  reviewed: reviewedDate,
});

export const severitySchema = z.enum(["violation", "warning", "tip"]);

/** What a phrase match may be ignored for: a negated clause, reported speech, text quoted from a program. */
export const ruleIgnoreSchema = z.enum(["negated", "reported", "quoted"]);

const patternList = z.array(z.string().min(1)).default([]);

/**
 * Mechanical fixes (what `replacement` holds): drop the sentence; drop the condition of a trade and keep the
 * applicant's own clause (or drop the sentence when none is left); a formal greeting from the name in the draft;
 * rewrite the matched words; insert a line (at the top, or under the signature name); the target program's name.
 */
export const ruleFixSchema = z.discriminatedUnion("kind", [
  strictObject({ kind: z.literal("delete-sentence") }),
  strictObject({
    kind: z.literal("drop-condition"),
    /** Where a condition starts ("if you…", "as long as…"); it runs to the applicant's clause or the sentence end. */
    condition: z.string().min(1),
    /** Where the applicant's own clause starts ("I will…", "I'd…"). */
    main: z.string().min(1),
  }),
  strictObject({
    kind: z.literal("salutation"),
    /** The greeting written, `{name}` replaced. */
    template: line,
    /** Greeting words dropped before the name (lower case). */
    openers: z.array(line).min(1),
    /** Titles kept in front of a name (without the period). */
    titles: z.array(line).min(1),
    /** Name used when the greeting names a role or nobody ("PD", "doc", "Hey,"). */
    role: line,
    role_words: z.array(line).min(1),
    /** Name used for group greetings ("all", "guys"). */
    group: line,
    group_words: z.array(line).min(1),
    /** Name used when only a first name or an initial is known (keeps the gap visible). */
    unknown: line,
  }),
  strictObject({ kind: z.literal("rewrite"), rewrites: z.array(strictObject({ from: z.string().min(1), to: z.string() })).min(1) }),
  strictObject({
    kind: z.literal("insert"),
    at: z.enum(["start", "after-signature-name"]),
    text: z.string().min(1),
    /** Offered only when the draft also matches this (e.g. a sign-off: a whole email, not a fragment). */
    requires: z.string().min(1).optional(),
  }),
  strictObject({ kind: z.literal("use-program") }),
]);
/** `content/rules/<rule-id>.yaml`. */
export const ruleSchema = strictObject({
  id: slug,
  severity: severitySchema,
  topic: slug,
  kind: z.enum(["phrase", "count", "placeholder", "program-mismatch", "missing", "log"]),
  message: line,
  suggestion: line,
  /** Case-insensitive regex sources (unless `case_sensitive`), linear-time only. */
  patterns: patternList,
  /** A match overlapping one of these is dropped. */
  exceptions: patternList,
  /** A match whose sentence contains one of these is dropped. */
  sentence_exceptions: patternList,
  /** The rule is silent for the whole draft when one of these appears (outside negated or quoted text). */
  unless: patternList,
  /** `missing` kind: where the finding points when the patterns are absent; the rule applies only if one matches. */
  anchors: patternList,
  /**
   * Clause patterns: one sentence holding a match of every pattern of a group counts (each match outside negated,
   * reported or quoted text per `ignore`), e.g. a condition on the program's act and the applicant's rank promise.
   * The finding spans the sentence.
   */
  together: z.array(z.array(z.string().min(1)).min(2).max(4)).default([]),
  /** The mechanical fix a finding of this rule carries as `replacement`; absent when the fix needs the person. */
  fix: ruleFixSchema.optional(),
  /** Context in which a match does not count; by default all three. */
  ignore: z.array(ruleIgnoreSchema).default(["negated", "reported", "quoted"]),
  /** `opening`: only matches in the first three lines after the subject (greetings). */
  region: z.enum(["anywhere", "opening"]).default("anywhere"),
  case_sensitive: z.boolean().default(false),
  /** Wins over other findings of the same severity on an overlapping span. */
  priority: z.number().int().default(0),
  /** Kind-specific settings (e.g. `limit` for count, `guard` for log). */
  params: z.record(z.string(), z.unknown()).default({}),
});

/** Settings each detector kind needs in `params`, validated at load. */
export const ruleParamsSchemas = {
  count: strictObject({
    limit: z.number().int().positive(),
    far: z.number().int().positive(),
    far_message: line,
  }),
  missing: strictObject({
    /** The anchor counts only on the first non-empty line (a greeting with nothing above it). */
    first_line: z.boolean().default(false),
  }),
  log: z.discriminatedUnion("guard", [
    strictObject({ guard: z.literal("first-choice"), claims_from: slug }),
    strictObject({ guard: z.literal("frequency"), threshold: z.number().int().positive() }),
  ]),
} as const;

/** The regex lists of a rule, for validation and compilation. */
export const RULE_PATTERN_LISTS = ["patterns", "exceptions", "sentence_exceptions", "unless", "anchors"] as const;

/** Every regex source of a rule with where it sits (for validation and the ReDoS check): the lists, `together`, the fix's. */
export function ruleRegexSources(rule: RuleDef): Array<{ where: string; source: string }> {
  const out: Array<{ where: string; source: string }> = [];
  for (const list of RULE_PATTERN_LISTS) rule[list].forEach((source, i) => out.push({ where: `${list}[${i}]`, source }));
  rule.together.forEach((group, i) => group.forEach((source, j) => out.push({ where: `together[${i}][${j}]`, source })));
  const fix = rule.fix;
  if (fix?.kind === "drop-condition") out.push({ where: "fix.condition", source: fix.condition }, { where: "fix.main", source: fix.main });
  if (fix?.kind === "rewrite") fix.rewrites.forEach((r, i) => out.push({ where: `fix.rewrites[${i}].from`, source: r.from }));
  if (fix?.kind === "insert" && fix.requires) out.push({ where: "fix.requires", source: fix.requires });
  return out;
}

/** `content/synonyms.yaml`: each group's terms are read as its first term. */
export const synonymsSchema = strictObject({
  groups: z.array(z.array(line).min(2)).min(1),
});

/** `content/questions/<topic-id>.yaml`: ways applicants ask about one topic, which train /ask's question model. */
/** A list of training questions (10 to `max`, each at most 300 characters), none repeated ignoring case. */
function questionList(max: number) {
  return z
    .array(line.max(300))
    .min(10)
    .max(max)
    .refine((qs) => new Set(qs.map((q) => q.toLowerCase())).size === qs.length, "must not repeat a question");
}

export const questionsSchema = strictObject({ topic: slug, questions: questionList(200) });

/** `content/messages/<label>.yaml`: program messages with one SPEC label, which train the message model. */
export const messagesSchema = strictObject({
  label: z.enum(LABELS),
  messages: z
    .array(line.max(1500))
    .min(10)
    .max(300)
    .refine((ms) => new Set(ms.map((m) => m.toLowerCase())).size === ms.length, "must not repeat a message"),
});

/** `content/cues.yaml`: phrases that point strongly at one guide topic, used by /ask to break near-ties. */
export const cuesSchema = strictObject({
  boost: z.number().positive().max(5),
  topics: z.record(slug, z.array(line).min(1)),
});

const wordList = z.array(line).min(1);
const regexList = z.array(line).min(1);
const label = z.enum(LABELS);
const answer = strictObject({ topic: slug, template: slug.nullable() });

/** The speaker lexicon of `content/classifier.yaml`: who speaks in what the user typed (src/core/classify/speaker.ts). */
export const speakerLexiconSchema = strictObject({
  program_roles: wordList,
  pronouns: wordList,
  determiners: wordList,
  speech_verbs: wordList,
  speech_verbs_after_to: wordList,
  fillers: wordList,
  other_people: wordList,
  hypothetical_before: wordList,
  modals: wordList,
  object_verbs: wordList,
  own_words: regexList,
  respond_to: regexList,
  wrappers: regexList,
  received: regexList,
  /** Regex sources: a retold speaker acting towards a program for the applicant ("offered to reach out to the PD for me"): an advocate, not the program. */
  advocacy: regexList,
  letter_starts: wordList,
  salutations: wordList,
  sign_offs: wordList,
  question_starts: wordList,
  own_turns: wordList,
  abbreviations: wordList,
  person_swap: z.record(z.string().min(1), z.string().min(1)),
});

/** The label cues of `content/classifier.yaml` (regex sources with {top} and {gap:N}; src/core/classify/labels.ts). */
export const labelLexiconSchema = strictObject({
  offer: regexList,
  after_match: regexList,
  outside_nrmp: regexList,
  demand: regexList,
  reward: regexList,
  condition: regexList,
  asks_ranking: regexList,
  rank_highly: regexList,
  interest: regexList,
  your_list: regexList,
  asking: regexList,
  not_asking: regexList,
  second_look: regexList,
  caution: z.array(strictObject({ pattern: line, label })).min(1),
});

/** `content/classifier.yaml`: the program-message classifier's word lists and what each label answers with. */
export const classifierSchema = strictObject({
  speaker: speakerLexiconSchema,
  labels: labelLexiconSchema,
  answers: strictObject(Object.fromEntries(label.options.map((l) => [l, answer])) as Record<z.infer<typeof label>, typeof answer>),
  second_look: answer,
  outside_nrmp: answer,
  handling_topics: z.array(slug).min(1),
  /** The applicant asks how to answer the program's words (`intent`, regex sources); the guide that says how, per label. */
  responding: strictObject({ intent: regexList, topics: z.record(label, slug) }),
});

export type SpeakerLexicon = z.infer<typeof speakerLexiconSchema>;
export type LabelLexicon = z.infer<typeof labelLexiconSchema>;
export type ClassifierContent = z.infer<typeof classifierSchema>;

/** A label cue's regex source with its shorthands spelled out: {top} (#1, number one, first, top) and {gap:N} (up to N characters in one sentence). */
export function expandCue(source: string): string {
  return source
    .replaceAll("{top}", String.raw`(?:#\s?1\b|number\s?(?:one|1)\b|no\.?\s?1\b|1st\b|first\b|top\b)`)
    .replace(/\{gap:(\d+)\}/g, (_, n: string) => `[^.?!\\n]{0,${n}}`);
}

/** `content/scope.yaml`: the areas /ask does not cover, their signals and where to ask instead. */
export const scopeSchema = strictObject({
  title: line.max(100),
  intro: line,
  /** One line naming the area and where to ask; {area} and {ask} are filled in. */
  area_line: line,
  nearest: line,
  general_ask: line,
  areas: z.array(strictObject({ id: slug, title: line.max(120), ask: line, signals: z.array(line).min(1) })).min(1),
});

/** `content/outside.yaml`: questions applicants ask that lie outside what the guides cover; the question model learns them as one class. */
export const outsideSchema = strictObject({ questions: questionList(2000) });

/** `content/sources.yaml`: the readable title and public address of every source id a guide or the calendar names. */
export const sourcesSchema = strictObject({
  sources: z
    .array(
      strictObject({
        id: line,
        title: line.max(200).refine((t) => !/\.(?:txt|md|ya?ml|json|pdf)$/i.test(t), "must be a readable title, not a file name"),
        url: z.string().url().regex(/^https:\/\//, "must be a public https:// address"),
      }),
    )
    .min(1)
    .refine((list) => new Set(list.map((s) => s.id)).size === list.length, "must not list an id twice"),
});

/** A source as answers show it: its title and public address. */
export type Source = Omit<z.infer<typeof sourcesSchema>["sources"][number], "id">;

/** `content/calendar.yaml`: the Match calendar per season and what to send in each phase. */
export const calendarSchema = z
  .object({
    sources: z.array(line).min(1),
    events: z.array(strictObject({ id: slug, title: line.max(100) })).min(2),
    phases: z
      .array(
        strictObject({
          id: slug,
          starts: slug,
          title: line.max(60),
          topic: slug,
          send: z.array(line).min(1).max(5),
          avoid: z.array(line).max(5).default([]),
          templates: z.array(slug).max(5).default([]),
        }),
      )
      .min(1),
    seasons: z
      .array(
        strictObject({
          id: z.string().regex(/^\d{4}-\d{4}$/, "must be written YYYY-YYYY"),
          match_year: z.number().int().min(2000).max(2100),
          confirmed: z.boolean(),
          dates: z.record(slug, isoDate),
        }),
      )
      .min(1),
  })
  .strict()
  .superRefine((cal, ctx) => {
    const events = cal.events.map((e) => e.id);
    if (events[0] !== cal.phases[0]?.starts) ctx.addIssue({ code: "custom", path: ["phases", 0, "starts"], message: `the first phase must start at the first event (${events[0]})` });
    let last = -1;
    cal.phases.forEach((p, i) => {
      const at = events.indexOf(p.starts);
      if (at < 0) ctx.addIssue({ code: "custom", path: ["phases", i, "starts"], message: `unknown event "${p.starts}"` });
      else if (at <= last) ctx.addIssue({ code: "custom", path: ["phases", i, "starts"], message: "phases must follow the order of events" });
      last = Math.max(last, at);
    });
    let previousEnd = "";
    cal.seasons.forEach((s, i) => {
      let prior = previousEnd;
      for (const id of events) {
        const date = s.dates[id];
        if (!date) ctx.addIssue({ code: "custom", path: ["seasons", i, "dates", id], message: "missing" });
        else if (date <= prior) ctx.addIssue({ code: "custom", path: ["seasons", i, "dates", id], message: `must come after ${prior}` });
        else prior = date;
      }
      for (const id of Object.keys(s.dates)) {
        if (!events.includes(id)) ctx.addIssue({ code: "custom", path: ["seasons", i, "dates", id], message: "unknown event" });
      }
      previousEnd = prior;
    });
  });

export type Calendar = z.infer<typeof calendarSchema>;

export type TemplateField = z.infer<typeof templateFieldSchema>;
export type TemplateFront = z.infer<typeof templateFrontSchema>;
export type GuideFront = z.infer<typeof guideFrontSchema>;
export type RuleDef = z.infer<typeof ruleSchema>;

/** A template with its body. */
export interface Template extends TemplateFront {
  body: string;
  file: string;
}

/** A guide section: `## heading` and its text. */
export interface GuideSection {
  heading: string;
  text: string;
}

/** A guide with its body split into sections. */
export interface Guide extends GuideFront {
  body: string;
  sections: GuideSection[];
  file: string;
}

/** A rule with its file name. */
export interface Rule extends RuleDef {
  file: string;
}

/** Everything under `content/`, validated. */
export interface Content {
  dir: string;
  templates: Map<string, Template>;
  guides: Map<string, Guide>;
  rules: Map<string, Rule>;
  synonyms: string[][];
  /** Training questions by topic id (content/questions/<topic-id>.yaml). */
  questions: Map<string, string[]>;
  /** Training program messages by label (content/messages/<label>.yaml). */
  messages: Map<string, string[]>;
  /** The program-message classifier's word lists (content/classifier.yaml). */
  classifier: ClassifierContent;
  /** Readable title and public address by source id (content/sources.yaml). */
  sources: Map<string, Source>;
  /** Files that are not one of the kinds above, parsed as YAML (e.g. calendar.yaml), by relative path. */
  extra: Map<string, unknown>;
}
