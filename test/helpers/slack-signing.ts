import { createHmac } from "node:crypto";

/** The signing secret the Slack tests start the server with. */
export const TEST_SIGNING_SECRET = "8f2c0e5b7d4a41e6b9c3d2f1a0e9b8c7";
/** The bot token the Slack tests use (only ever sent to the local fake). */
export const TEST_BOT_TOKEN = "xoxb-test-token";

/** Slack's v0 signature of a body at a timestamp (seconds). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** A form-encoded body, as Slack sends slash commands. */
export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** The fields of a slash command from the test workspace (user U0001 in C0001), as Slack sends them. */
export function slashFields(command: string, text: string, responseUrl: string): Record<string, string> {
  return {
    token: "legacy",
    team_id: "T0001",
    team_domain: "fake",
    channel_id: "C0001",
    channel_name: "applicants",
    user_id: "U0001",
    user_name: "amara",
    command,
    text,
    api_app_id: "A0001",
    response_url: responseUrl,
    trigger_id: "1337.42.trigger",
  };
}

/** A form-encoded interactivity body (`payload=<json>`). */
export function interactivityBody(payload: unknown): string {
  return formBody({ payload: JSON.stringify(payload) });
}

export interface PostOptions {
  secret?: string;
  /** Seconds; default now. */
  timestamp?: number;
  /** Leave the signature headers out. */
  unsigned?: boolean;
  /** Sign this body but send `body` (a tampered request). */
  signedBody?: string;
  contentType?: string;
}

export interface SlackHttpResult {
  status: number;
  text: string;
  json: unknown;
}

/** POSTs a body to the Slack endpoint, signed like Slack does unless told otherwise. */
export async function postSlack(url: string, body: string, options: PostOptions = {}): Promise<SlackHttpResult> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { "content-type": options.contentType ?? "application/x-www-form-urlencoded" };
  if (!options.unsigned) {
    headers["x-slack-request-timestamp"] = String(timestamp);
    headers["x-slack-signature"] = slackSignature(options.secret ?? TEST_SIGNING_SECRET, timestamp, options.signedBody ?? body);
  }
  const res = await fetch(url, { method: "POST", headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}
