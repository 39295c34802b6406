import type { Content } from "../../content/schemas.js";
import { UserError } from "../errors.js";
import { MESSAGES } from "../messages.js";
import type { CheckData } from "../reply.js";

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
}

/** Reviews drafts against the rules in content/rules. */
export interface Checker {
  check(text: string, context?: CheckContext): CheckData;
}

/** Compiles every rule once; the returned checker is pure. */
export function createChecker(_content: Content): Checker {
  return {
    check() {
      throw new UserError("not-available", MESSAGES.notAvailable("/check"));
    },
  };
}
