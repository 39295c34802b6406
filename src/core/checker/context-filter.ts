import type { RuleDef } from "../../content/schemas.js";
import { clauseBefore, isQuoted, sentenceAround, type Draft } from "./draft.js";

/**
 * A negation or refusal earlier in the clause ("I would never ask…", "programs may not ask…", "I must decline to
 * sign…", "I am unable to withdraw…"); not "don't hesitate", "not only".
 */
const NEGATION =
  /\b(?:not|never|no|nor|neither|cannot|can't|won't|wouldn't|shouldn't|don't|doesn't|didn't|isn't|aren't|wasn't|haven't|hasn't|mustn't|without|refrain(?:ing)?|avoid(?:ing)?|rather than|instead of|against|declin(?:e|ing)|refus(?:e|ing)|unable|turn(?:ing)? down)\b(?!\s+(?:only|hesitate|doubt|sure|wait|matter|longer|afraid|be surprised)\b)/i;

/** A condition opening the clause ("if you don't…", "should I not…"): a negation after it belongs to the condition, not to the act. */
const CONDITION = /\b(?:if|unless|until|once)\b/i;

/** Reported speech or rules being described ("I understand…", "you asked…", "the NRMP rules…"). */
const REPORTED =
  /\b(?:I(?: fully| now)? (?:understand|realize|recognize|am aware|have (?:read|learned|heard))|I know (?:that )?(?:programs?|applicants?|you|it|the)|understanding|aware that|rules?|policy|policies|code of conduct|guidelines?|(?:programs|a program|residency programs) (?:may|can|should|must|are|could|might|cannot|can't)|applicants (?:may|can|should|must|are (?:not )?(?:allowed|permitted|expected|required|supposed|encouraged|asked|told))|an applicant (?:may|can|should|must)|you (?:asked|wrote|mentioned|said|inquired|wondered|requested)|your (?:email|e-mail|message|letter|note|question) (?:asked|said|mentioned|stated)|I was asked|(?:he|she|they|the program|the coordinator|the director) (?:asked|wrote|said|mentioned)|(?:your|the|our) (?:coordinator|PD|program director|director|chief resident|chair|faculty|program|team) (?:asked|wrote|said|mentioned|suggested|offered|told me|proposed)|you (?:offered|proposed|suggested)|thank you for (?:the|your)(?: kind| generous)? (?:offer|proposal)|(?:suggested|advised|recommended) (?:that )?I)\b/i;

/**
 * A sentence that names the act as against the rules or declines it ("asking where I stand is not allowed, so I
 * won't ask"): it discusses the rule, it does not break it.
 */
const DISCUSSES_RULE =
  /\b(?:(?:is|are|was|would)(?: not| never) (?:be )?(?:allowed|permitted|appropriate for me)|(?:isn't|aren't|wasn't|wouldn't be) (?:allowed|permitted|appropriate for me)|against the (?:rules|code of conduct)|I (?:won't|will not|would never|do not|don't|never) (?:ask|do (?:that|this|so)))\b/i;

/** True when a negation in the clause negates the act, not a condition before it ("if you don't…, I will…"). */
function negates(clause: string): boolean {
  const neg = NEGATION.exec(clause);
  if (!neg) return false;
  const condition = CONDITION.exec(clause);
  return !condition || condition.index > neg.index;
}

/** True when the match at [start, end) of the normalised text should not count, by the rule's `ignore` list. */
export function isDiscounted(draft: Draft, start: number, end: number, ignore: RuleDef["ignore"]): boolean {
  if (ignore.includes("quoted") && isQuoted(draft, start, end)) return true;
  if (!ignore.includes("negated") && !ignore.includes("reported")) return false;
  if (ignore.includes("reported") && DISCUSSES_RULE.test(sentenceAround(draft.text, start, end))) return true;
  const clause = clauseBefore(draft.text, start);
  if (!clause) return false;
  if (ignore.includes("negated") && negates(clause)) return true;
  return ignore.includes("reported") && REPORTED.test(clause);
}
