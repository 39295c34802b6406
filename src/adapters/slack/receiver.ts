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

/** A Bolt receiver mounted on the shared HTTP server: verifies, parses, answers url_verification, hands the rest to the app. */
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
      this.options.http.route("POST", this.options.path ?? SLACK_EVENTS_PATH, (req, body, res) => this.handle(req, body, res));
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
