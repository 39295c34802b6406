import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseQuery } from "node:querystring";
import {
  HTTPModuleFunctions,
  HTTPResponseAck,
  verifySlackRequest,
  type App,
  type Logger,
  type Receiver,
} from "@slack/bolt";
import { sendJson, type HttpServer } from "../../http/server.js";
import { SLACK_EVENTS_PATH } from "./parse.js";

/** How far a request's timestamp may be from now, either way (Slack's replay window). */
export const REPLAY_WINDOW_SECONDS = 300;

const FORM = "application/x-www-form-urlencoded";

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === "string" ? v : undefined;
}

/** Slack's v0 signature header: `v0=` and 64 hex digits. */
const SIGNATURE = /^v0=[0-9a-f]{64}$/;

/** True when the request's timestamp header is within the replay window of `nowMs`, either way. */
function isFresh(req: IncomingMessage, nowMs: number): boolean {
  const raw = header(req, "x-slack-request-timestamp") ?? "";
  return /^\d{1,12}$/.test(raw) && Math.abs(Math.floor(nowMs / 1000) - Number(raw)) <= REPLAY_WINDOW_SECONDS;
}

/**
 * Refuses a request from its headers alone, before a byte of its body is read: no well-formed signature, or a
 * timestamp outside the replay window (401). Slack's `ssl_check` pings are unsigned, so they pass to the body check.
 */
export function admitSlackRequest(req: IncomingMessage, nowMs = Date.now()): { status: number; error: string } | null {
  if (SIGNATURE.test(header(req, "x-slack-signature") ?? "") && isFresh(req, nowMs)) return null;
  if (!header(req, "x-slack-signature") && isForm(req)) return null;
  return { status: 401, error: "invalid signature" };
}

/** Checks Slack's v0 signature over the raw body, with the replay window applied both ways. */
export function isSignedBySlack(signingSecret: string, req: IncomingMessage, rawBody: string, nowMs: number): boolean {
  const signature = header(req, "x-slack-signature");
  const timestamp = Number(header(req, "x-slack-request-timestamp"));
  if (!signature || !Number.isSafeInteger(timestamp)) return false;
  if (Math.abs(Math.floor(nowMs / 1000) - timestamp) > REPLAY_WINDOW_SECONDS) return false;
  try {
    verifySlackRequest({
      signingSecret,
      body: rawBody,
      headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp },
      nowMilliseconds: nowMs,
    });
    return true;
  } catch {
    return false;
  }
}

function isForm(req: IncomingMessage): boolean {
  return (header(req, "content-type") ?? "").split(";")[0].trim().toLowerCase() === FORM;
}

/** Parses a verified body: form fields (with the interactivity `payload` JSON unpacked) or JSON. */
export function parseSlackBody(req: IncomingMessage, rawBody: string): Record<string, unknown> {
  if (isForm(req)) {
    const fields = parseQuery(rawBody);
    return typeof fields.payload === "string" ? jsonObject(fields.payload) : { ...fields };
  }
  return jsonObject(rawBody);
}

function jsonObject(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error("body is not a JSON object");
  return value as Record<string, unknown>;
}

/**
 * A Bolt receiver mounted on the shared HTTP server: verifies, parses, answers url_verification, hands the rest to the app.
 * It is built from Bolt's own parts (verifySlackRequest, HTTPModuleFunctions, HTTPResponseAck); the shared server reads
 * at most MAX_BODY_BYTES (413 beyond) and only after `admitSlackRequest` passed the headers.
 *
 * Why not Bolt's HTTPReceiver `requestListener` with the shared server's raw body (`req.rawBody`): measured with
 * @slack/bolt 5.1.0 on loopback (2026-12-02), three requests it gets wrong that this receiver answers at once:
 *  - a signed `payload=null` body: HTTPReceiver throws a TypeError (`body.ssl_check`) inside its own async closure — an
 *    unhandled rejection and no answer at all (the client gave up after 6 s); here 400.
 *  - a signed payload no listener acknowledges (an unknown shortcut): 404 only after 3,030 ms, with an error logged per
 *    request; here a 404 with a JSON error at once.
 *  - a timestamp 400 s in the future: accepted (Bolt only checks the past); here 401.
 */
export class SharedServerReceiver implements Receiver {
  private app: App | undefined;
  private mounted = false;
  private running = false;

  constructor(
    private readonly options: { http: HttpServer; signingSecret: string; logger: Logger; path?: string; now?: () => number },
  ) {}

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {
    if (!this.mounted) {
      const now = this.options.now ?? Date.now;
      this.options.http.route("POST", this.options.path ?? SLACK_EVENTS_PATH, (req, body, res) => this.handle(req, body, res), (req) => admitSlackRequest(req, now()));
      this.mounted = true;
    }
    this.running = true;
  }

  async stop(): Promise<void> {
    this.running = false;
  }

  private async handle(req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
    const app = this.app;
    if (!this.running || !app) return sendJson(res, 503, { error: "slack adapter not running" });
    const raw = body.toString("utf8");
    if (!isSignedBySlack(this.options.signingSecret, req, raw, (this.options.now ?? Date.now)())) {
      if (isForm(req) && parseQuery(raw).ssl_check === "1") return HTTPModuleFunctions.buildSSLCheckResponse(res);
      return sendJson(res, 401, { error: "invalid signature" });
    }
    let payload: Record<string, unknown>;
    try {
      payload = parseSlackBody(req, raw);
    } catch {
      return sendJson(res, 400, { error: "malformed body" });
    }
    if (payload.ssl_check === "1") return HTTPModuleFunctions.buildSSLCheckResponse(res);
    if (payload.type === "url_verification") return HTTPModuleFunctions.buildUrlVerificationResponse(res, payload);
    const ack = new HTTPResponseAck({ logger: this.options.logger, processBeforeResponse: false, httpRequest: req, httpRequestBody: payload, httpResponse: res });
    try {
      await app.processEvent({
        body: payload,
        ack: ack.bind(),
        retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
        retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
      });
    } catch (err) {
      // Listener errors never get here (they are guarded and go to app.error): Bolt threw while reading
      // the body itself, so the request is malformed.
      this.options.logger.warn(`slack: malformed event rejected: ${(err as Error)?.name ?? "error"}`);
      if (!res.headersSent) {
        ack.ack();
        sendJson(res, 400, { error: "malformed event" });
      }
      return;
    }
    // Bolt awaits the listeners, so an event nobody acknowledged by now never will be: say so at once
    // instead of letting Bolt's 3-second timer answer 404 and log an error.
    if (!res.headersSent) {
      ack.ack();
      sendJson(res, 404, { error: "no handler for this request" });
    }
  }
}
