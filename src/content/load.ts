import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import {
  calendarSchema,
  cuesSchema,
  classifierSchema,
  expandCue,
  type ClassifierContent,
  questionsSchema,
  messagesSchema,
  guideFrontSchema,
  ruleSchema,
  ruleRegexSources,
  ruleParamsSchemas,
  scopeSchema,
  outsideSchema,
  sourcesSchema,
  synonymsSchema,
  templateFrontSchema,
  TEMPLATE_SECTION as SECTION,
  type Content,
  type Guide,
  type GuideSection,
  type Rule,
  type Template,
} from "./schemas.js";

/** The project root: the nearest folder above this module holding package.json (works from src/ and dist/src/). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The `content/` folder shipped with the project. */
export const DEFAULT_CONTENT_DIR = join(projectRoot(), "content");

/** A content file that failed validation; the message names the file and the field. */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    problem: string,
  ) {
    super(`${file}: ${field ? `${field}: ` : ""}${problem}`);
    this.name = "ContentError";
  }
}

/** Top-level YAML data files and their schemas; any other top-level file is an error. */
const DATA_FILES: Record<string, z.ZodTypeAny> = {
  "synonyms.yaml": synonymsSchema,
  "calendar.yaml": calendarSchema,
  "cues.yaml": cuesSchema,
  "classifier.yaml": classifierSchema,
  "sources.yaml": sourcesSchema,
  "scope.yaml": scopeSchema,
  "outside.yaml": outsideSchema,
};

const SLOT = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

function validate<S extends z.ZodTypeAny>(schema: S, value: unknown, file: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.code === "unrecognized_keys" ? formatPath([...issue.path, issue.keys[0]]) : formatPath(issue.path);
  const problem = issue.code === "unrecognized_keys" ? "unknown field" : issue.message;
  throw new ContentError(file, field || "(top level)", problem);
}

/** Parsed YAML by hash of its text, written at build time (`npm run build`) so start-up skips the YAML parser. */
export const CONTENT_CACHE_FILE = fileURLToPath(new URL("../content-cache.json", import.meta.url));

let yamlCache: Map<string, unknown> | undefined;
/** Every YAML text parsed during this load (hash → value), for writing the cache. */
const parsedThisLoad = new Map<string, unknown>();

function readYamlCache(): Map<string, unknown> {
  if (yamlCache) return yamlCache;
  try {
    yamlCache = new Map(Object.entries(JSON.parse(readFileSync(CONTENT_CACHE_FILE, "utf8")) as Record<string, unknown>));
  } catch {
    yamlCache = new Map();
  }
  return yamlCache;
}

let parseYaml: ((text: string) => unknown) | undefined;

function parseYamlText(text: string, file: string): unknown {
  const hash = createHash("sha1").update(text).digest("base64");
  const cache = readYamlCache();
  if (cache.has(hash)) {
    const value = structuredClone(cache.get(hash));
    parsedThisLoad.set(hash, value);
    return value;
  }
  try {
    parseYaml ??= (createRequire(import.meta.url)("yaml") as typeof import("yaml")).parse;
    const value = parseYaml(text);
    parsedThisLoad.set(hash, structuredClone(value));
    return value;
  } catch (err) {
    const firstLine = (err as Error).message.split("\n")[0];
    throw new ContentError(file, "", `not valid YAML: ${firstLine}`);
  }
}

/** Splits `---` front matter from the Markdown body. */
function splitFrontMatter(text: string, file: string): { front: unknown; body: string } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0]?.trim() !== "---") throw new ContentError(file, "", "must start with a `---` front matter block");
  const end = lines.indexOf("---", 1);
  if (end < 0) throw new ContentError(file, "", "front matter block is not closed with `---`");
  return { front: parseYamlText(lines.slice(1, end).join("\n"), file), body: lines.slice(end + 1).join("\n").trim() };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function loadTemplate(text: string, file: string, id: string): Template {
  const { front, body } = splitFrontMatter(text, file);
  const t = validate(templateFrontSchema, front, file);
  if (t.id !== id) throw new ContentError(file, "id", `must match the file name (${id})`);
  if (!body) throw new ContentError(file, "body", "must not be empty");
  const keys = new Set(t.fields.map((f) => f.key));
  for (const [where, text2] of [["subject", t.subject], ["body", body]] as const) {
    for (const m of text2.matchAll(SECTION)) {
      if (!keys.has(m[1])) throw new ContentError(file, where, `section {{#${m[1]}:…}} names a field that is not declared in fields`);
    }
    const stray = /\{\{[#/][^}]*\}\}/.exec(text2.replace(SECTION, ""));
    if (stray) throw new ContentError(file, where, `${stray[0]} is not part of a well-formed {{#field:word}}…{{/field}} section`);
    for (const m of text2.matchAll(SLOT)) {
      if (!keys.has(m[1])) throw new ContentError(file, where, `slot {{${m[1]}}} is not declared in fields`);
    }
  }
  const words = countWords(body);
  if (words > t.max_words) throw new ContentError(file, "body", `has ${words} words, over max_words (${t.max_words})`);
  return { ...t, body, file };
}

function splitSections(body: string): GuideSection[] {
  const sections: GuideSection[] = [];
  let current: GuideSection | undefined;
  for (const line of body.split(/\r?\n/)) {
    const h = /^##\s+(.+)$/.exec(line);
    if (h) {
      current = { heading: h[1].trim(), text: "" };
      sections.push(current);
    } else if (current) current.text += `${line}\n`;
    else if (line.trim()) {
      current = { heading: "", text: `${line}\n` };
      sections.push(current);
    }
  }
  return sections.map((s) => ({ heading: s.heading, text: s.text.trim() }));
}

function loadGuide(text: string, file: string, id: string): Guide {
  const { front, body } = splitFrontMatter(text, file);
  const g = validate(guideFrontSchema, front, file);
  if (g.id !== id) throw new ContentError(file, "id", `must match the file name (${id})`);
  if (!body) throw new ContentError(file, "body", "must not be empty");
  return { ...g, body, sections: splitSections(body), file };
}

function loadRule(text: string, file: string, id: string): Rule {
  const r = validate(ruleSchema, parseYamlText(text, file), file);
  if (r.id !== id) throw new ContentError(file, "id", `must match the file name (${id})`);
  for (const { where, source } of ruleRegexSources(r)) {
    try {
      new RegExp(source, r.case_sensitive ? "gm" : "gim");
    } catch (err) {
      throw new ContentError(file, where, `not a valid regular expression: ${(err as Error).message}`);
    }
  }
  const paramsSchema = (ruleParamsSchemas as Record<string, z.ZodType | undefined>)[r.kind];
  if (paramsSchema) {
    const result = paramsSchema.safeParse(r.params);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new ContentError(file, formatPath(["params", ...issue.path]), issue.message);
    }
  }
  return { ...r, file };
}

function checkReferences(content: Content): void {
  if (content.guides.size === 0) return;
  for (const g of content.guides.values()) {
    g.related.forEach((id, i) => {
      if (!content.guides.has(id)) throw new ContentError(g.file, `related[${i}]`, `unknown topic id "${id}"`);
    });
  }
  for (const g of content.guides.values()) {
    g.sources.forEach((id, i) => {
      if (!content.sources.has(id)) throw new ContentError(g.file, `sources[${i}]`, `unknown source "${id}" (give it a title and address in content/sources.yaml)`);
    });
  }
  const calendar = content.extra.get("calendar.yaml") as { sources: string[] } | undefined;
  calendar?.sources.forEach((id, i) => {
    if (!content.sources.has(id)) throw new ContentError("content/calendar.yaml", `sources[${i}]`, `unknown source "${id}" (give it a title and address in content/sources.yaml)`);
  });
  for (const r of content.rules.values()) {
    if (!content.guides.has(r.topic)) throw new ContentError(r.file, "topic", `unknown topic id "${r.topic}"`);
  }
  for (const topic of content.questions.keys()) {
    if (!content.guides.has(topic)) throw new ContentError(`content/questions/${topic}.yaml`, "topic", `unknown topic id "${topic}"`);
  }
  for (const [where, a] of [...Object.entries(content.classifier.answers), ["second_look", content.classifier.second_look], ["outside_nrmp", content.classifier.outside_nrmp]] as const) {
    const field = where === "second_look" || where === "outside_nrmp" ? where : `answers.${where}`;
    if (!content.guides.has(a.topic)) throw new ContentError("content/classifier.yaml", `${field}.topic`, `unknown topic id "${a.topic}"`);
    if (a.template && !content.templates.has(a.template)) throw new ContentError("content/classifier.yaml", `${field}.template`, `unknown template id "${a.template}"`);
  }
  for (const [l, id] of Object.entries(content.classifier.responding.topics)) {
    if (!content.guides.has(id)) throw new ContentError("content/classifier.yaml", `responding.topics.${l}`, `unknown topic id "${id}"`);
  }
  content.classifier.handling_topics.forEach((id, i) => {
    if (!content.guides.has(id)) throw new ContentError("content/classifier.yaml", `handling_topics[${i}]`, `unknown topic id "${id}"`);
  });
  const cues = content.extra.get("cues.yaml") as { topics: Record<string, string[]> } | undefined;
  for (const id of Object.keys(cues?.topics ?? {})) {
    if (!content.guides.has(id)) throw new ContentError("content/cues.yaml", `topics.${id}`, `unknown topic id "${id}"`);
  }
}

/** Parses and validates `dir`, then returns the parsed YAML of every file by hash (the build writes it to CONTENT_CACHE_FILE). */
export function contentCacheEntries(dir: string = DEFAULT_CONTENT_DIR): Record<string, unknown> {
  parsedThisLoad.clear();
  loadContent(dir);
  return Object.fromEntries(parsedThisLoad);
}

/** Reads and validates every file under `dir`; throws ContentError naming the first bad file and field. */
export function loadContent(dir: string = DEFAULT_CONTENT_DIR): Content {
  const content: Content = {
    dir,
    templates: new Map(),
    guides: new Map(),
    rules: new Map(),
    synonyms: [],
    questions: new Map(),
    messages: new Map(),
    classifier: undefined as unknown as ClassifierContent,
    sources: new Map(),
    extra: new Map(),
  };
  for (const path of listFiles(dir)) {
    const rel = relative(dir, path).split(sep).join("/");
    const file = `content/${rel}`;
    const text = readFileSync(path, "utf8");
    const folder = rel.includes("/") ? rel.slice(0, rel.indexOf("/")) : "";
    if (folder === "templates" && rel.endsWith(".md")) {
      const t = loadTemplate(text, file, basename(rel, ".md"));
      content.templates.set(t.id, t);
    } else if (folder === "guides" && rel.endsWith(".md")) {
      const g = loadGuide(text, file, basename(rel, ".md"));
      content.guides.set(g.id, g);
    } else if (folder === "rules" && rel.endsWith(".yaml")) {
      const r = loadRule(text, file, basename(rel, ".yaml"));
      content.rules.set(r.id, r);
    } else if (folder === "questions" && rel.endsWith(".yaml")) {
      const q = validate(questionsSchema, parseYamlText(text, file), file);
      if (q.topic !== basename(rel, ".yaml")) throw new ContentError(file, "topic", `must match the file name (${basename(rel, ".yaml")})`);
      content.questions.set(q.topic, q.questions);
    } else if (folder === "messages" && rel.endsWith(".yaml")) {
      const m = validate(messagesSchema, parseYamlText(text, file), file);
      if (m.label !== basename(rel, ".yaml")) throw new ContentError(file, "label", `must match the file name (${basename(rel, ".yaml")})`);
      content.messages.set(m.label, m.messages);
    } else if (!folder && DATA_FILES[rel]) {
      const data = validate(DATA_FILES[rel], parseYamlText(text, file), file);
      if (rel === "synonyms.yaml") content.synonyms = (data as { groups: string[][] }).groups;
      else if (rel === "classifier.yaml") content.classifier = checkClassifier(data as ClassifierContent, file);
      else if (rel === "sources.yaml") content.sources = new Map((data as { sources: { id: string; title: string; url: string }[] }).sources.map(({ id, ...s }) => [id, s]));
      else content.extra.set(rel, data);
    } else {
      throw new ContentError(file, "", "unexpected file (content/ holds templates/*.md, guides/*.md, rules/*.yaml, questions/*.yaml, messages/*.yaml and known data files)");
    }
  }
  if (!content.classifier) throw new ContentError("content/classifier.yaml", "", "missing (the program-message classifier's word lists)");
  checkReferences(content);
  return content;
}

/** Every regex source of the classifier compiles (the error names the field). */
function checkClassifier(data: ClassifierContent, file: string): ClassifierContent {
  const lists: [string, readonly string[]][] = [
    ["speaker.own_words", data.speaker.own_words],
    ["speaker.wrappers", data.speaker.wrappers],
    ["speaker.respond_to", data.speaker.respond_to],
    ["speaker.received", data.speaker.received],
    ["speaker.advocacy", data.speaker.advocacy],
    ["responding.intent", data.responding.intent],
    ...Object.entries(data.labels).map(([k, v]): [string, readonly string[]] => [`labels.${k}`, k === "caution" ? (v as { pattern: string }[]).map((c) => c.pattern) : (v as string[])]),
  ];
  for (const [field, list] of lists) {
    list.forEach((source, i) => {
      try {
        new RegExp(expandCue(source), field.startsWith("speaker.") || field.startsWith("responding.") ? "iu" : "i");
      } catch (e) {
        throw new ContentError(file, `${field}[${i}]`, `not a valid regular expression (${(e as Error).message})`);
      }
    });
  }
  return data;
}
