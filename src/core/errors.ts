/** Stable codes for errors the applicant sees. */
export type UserErrorCode =
  | "bad-input"
  | "unknown-command"
  | "unknown-template"
  | "unknown-option"
  | "empty-text"
  | "draft-too-long"
  | "text-too-long"
  | "store-unavailable"
  | "store-unconfirmed"
  | "rate-limited"
  | "forbidden"
  | "not-found"
  | "not-available";

/** An error written for the applicant: shown to them (ephemerally), never logged with their text. */
export class UserError extends Error {
  readonly code: UserErrorCode;
  readonly suggestions: string[];
  constructor(code: UserErrorCode, message: string, suggestions: string[] = []) {
    super(message);
    this.name = "UserError";
    this.code = code;
    this.suggestions = suggestions;
  }
}

/** True when the error is meant for the user rather than a bug. */
export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}
