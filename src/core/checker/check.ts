import type { Content, Rule } from "../../content/schemas.js";
import { UserError } from "../errors.js";
import { MESSAGES } from "../messages.js";
import type { CheckData, Finding, Severity } from "../reply.js";
import { prepareDraft } from "./draft.js";
import { Prefilter } from "./prefilter.js";
import { countDetector, countWords } from "./kinds/count.js";
import { logDetector } from "./kinds/log.js";
import { missingDetector } from "./kinds/missing.js";
import { phraseDetector } from "./kinds/phrase.js";
import { placeholderDetector } from "./kinds/placeholder.js";
import { programMismatchDetector } from "./kinds/program-mismatch.js";
import { applyFixes, compileFix, type Fixer } from "./fixes.js";
import type { CompileEnv, Detector, Hit } from "./kinds/types.js";

/** Longest draft the checker accepts, in UTF-16 code units. */
export const CHECK_MAX_CHARS = 10_000;

/** What the checker may know beyond the draft: the program it is for, and the user's log. */
export interface CheckContext {
  /** The program the draft is meant for (`--program`). */
  program?: string;
  /** Programs that already got a first-choice letter, from the user's log. */
  firstChoicePrograms?: string[];
  /** How many messages the user's log holds to `program` this season (email-frequency). */
  sentToProgram?: number;
  /** tip/warning rule ids the server turned off (violations cannot be turned off). */
  disabledRules?: string[];
  /** The user's log could not be read (the store did not answer): the log-based rules are skipped and say so. */
  logUnavailable?: boolean;
}

/** Options of one check. */
export interface CheckOptions {
  /** Also return `fixed`: the draft with every replacement applied. */
  fix?: boolean;
}

/** Reviews drafts against the rules in content/rules. */
export interface Checker {
  check(text: string, context?: CheckContext, options?: CheckOptions): CheckData;
}

const KINDS: Record<Rule["kind"], (rule: Rule, env: CompileEnv) => Detector> = {
  phrase: phraseDetector,
  placeholder: placeholderDetector,
  count: countDetector,
  missing: missingDetector,
  "program-mismatch": programMismatchDetector,
  log: logDetector,
};

const SEVERITY_RANK: Record<Severity, number> = { violation: 3, warning: 2, tip: 1 };

/** Fills `{name}` slots of a message. */
function fillMessage(template: string, vars: Record<string, string | number> | undefined): string {
  if (!vars) return template;
  return template.replace(/\{([a-z_]+)\}/g, (slot, key: string) => (key in vars ? String(vars[key]) : slot));
}

/** Keeps one finding per span: on overlap the higher severity, then priority, then the longer match wins. */
function resolveOverlaps(hits: Hit[]): Hit[] {
  const ranked = [...hits].sort(
    (a, b) =>
      SEVERITY_RANK[b.rule.severity] - SEVERITY_RANK[a.rule.severity] ||
      b.rule.priority - a.rule.priority ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start,
  );
  const kept: Hit[] = [];
  for (const h of ranked) {
    const clash = kept.some(
      (k) => (k.start === h.start && k.end === h.end) || (!k.document && !h.document && k.start < h.end && h.start < k.end),
    );
    if (!clash) kept.push(h);
  }
  return kept;
}

/** How the checker is built. */
export interface CheckerOptions {
  /** Skip a rule's regex scan when the draft lacks the literals every match needs (default true; off only to compare). */
  prefilter?: boolean;
  /**
   * Checks run before the prefilter is built (default 16). Building it costs tens of milliseconds in a cold
   * process, more than a one-shot CLI check takes without it; a server pays it once.
   */
  prefilterAfter?: number;
}

/** Compiles every rule once; the returned checker is pure. */
export function createChecker(content: Content, options: CheckerOptions = {}): Checker {
  const prefilter = options.prefilter === false ? undefined : new Prefilter();
  const env: CompileEnv = { rules: content.rules, prefilter };
  const detectors = [...content.rules.values()].map((rule) => KINDS[rule.kind](rule, env));
  const fixers = new Map<string, Fixer>();
  for (const rule of content.rules.values()) {
    const fixer = compileFix(rule);
    if (fixer) fixers.set(rule.id, fixer);
  }
  const logRules = [...content.rules.values()].filter((r) => r.kind === "log").map((r) => r.id);
  const prefilterAfter = options.prefilterAfter ?? 16;
  let checks = 0;
  return {
    check(text, context = {}, options = {}) {
      if (text.trim() === "") throw new UserError("empty-text", MESSAGES.checkEmpty);
      if (text.length > CHECK_MAX_CHARS) throw new UserError("draft-too-long", MESSAGES.checkTooLong(text.length, CHECK_MAX_CHARS));
      const draft = prepareDraft(text);
      if (prefilter) {
        if (checks < prefilterAfter) checks++;
        else draft.literals = prefilter.scan(draft.text);
      }
      const disabled = new Set(context.disabledRules ?? []);
      const hits: Hit[] = [];
      for (const detect of detectors) {
        for (const hit of detect(draft, context)) {
          if (hit.rule.severity !== "violation" && disabled.has(hit.rule.id)) continue;
          const fix = fixers.get(hit.rule.id)?.(draft, hit, context);
          hits.push(fix ? { ...hit, ...fix } : hit);
        }
      }
      const findings: Finding[] = resolveOverlaps(hits).map((h) => {
        const [start, end] = draft.toRaw(h.start, h.end);
        return {
          rule: h.rule.id,
          severity: h.rule.severity,
          start,
          end,
          excerpt: text.slice(start, end),
          message: fillMessage(h.message ?? h.rule.message, h.vars),
          suggestion: fillMessage(h.rule.suggestion, h.vars),
          topic: h.rule.topic,
          ...(h.replacement !== undefined ? { replacement: h.replacement } : {}),
        };
      });
      findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
      return {
        findings,
        words: draft.words ?? countWords(draft.text).words,
        ...(options.fix ? { fixed: applyFixes(text, findings) } : {}),
        ...(context.logUnavailable ? { skipped: logRules.filter((id) => !disabled.has(id)) } : {}),
      };
    },
  };
}
