import type { Rule } from "../../../content/schemas.js";
import type { CheckContext } from "../check.js";
import type { Draft } from "../draft.js";
import type { Prefilter } from "../prefilter.js";

/** A raw finding in normalised-text offsets, before messages, overlap and sorting. */
export interface Hit {
  rule: Rule;
  start: number;
  end: number;
  /** Values for `{name}` slots in the rule's message. */
  vars?: Record<string, string | number>;
  /** Overrides the rule's message template (e.g. the far-over-budget wording). */
  message?: string;
  /** Whole-draft findings (length, missing parts, frequency) never displace or get displaced by phrase findings. */
  document?: boolean;
  /** The mechanical fix: text for [start, end) (set by the checker from the rule's `fix`). */
  replacement?: string;
}

/** A compiled rule: runs over a prepared draft and reports hits. */
export type Detector = (draft: Draft, context: CheckContext) => Hit[];

/** What a detector kind may look up while compiling: the other rules (e.g. to reuse their patterns). */
export interface CompileEnv {
  rules: ReadonlyMap<string, Rule>;
  /** Shared literal prefilter: a detector registers a pattern list and skips its scan when the draft lacks its literals. */
  prefilter?: Prefilter;
}
