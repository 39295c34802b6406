import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody } from "./read-body.js";
import { waitUntil } from "./wait.js";

/** One Web API call the fake received. */
export interface FakeApiCall {
  method: string;
  token: string | undefined;
  args: Record<string, unknown>;
}

/** One POST to a response_url. */
export interface FakeResponsePost {
  id: string;
  body: Record<string, unknown>;
}

/** A local stand-in for slack.com: the Web API under `/api/` and response_urls under `/response/<id>`. */
export interface FakeSlack {
  /** For SLACK_API_URL. */
  apiUrl: string;
  /** A response_url the fake captures. */
  responseUrl(id: string): string;
  calls: FakeApiCall[];
  responses: FakeResponsePost[];
  /** Make a Web API method answer `{ok:false, error}` from now on. */
  failMethod(method: string, error: string): void;
  /** Make response_url posts answer this HTTP status from now on (200 again with `null`). */
  failResponses(status: number | null): void;
  /** Users that users.info reports as workspace admins. */
  admins: Set<string>;
  /** The WebSocket URL apps.connections.open hands out (Socket Mode). */
  socketUrl: string | undefined;
  /** Waits until `find` returns something, polling the captured traffic. */
  waitFor<T>(find: () => T | undefined, timeoutMs?: number): Promise<T>;
  reset(): void;
  close(): Promise<void>;
}

function parseArgs(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.startsWith("application/json")) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      args[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      args[k] = v;
    }
  }
  return args;
}

/** Starts the fake on 127.0.0.1 on a free port. */
export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: FakeApiCall[] = [];
  const responses: FakeResponsePost[] = [];
  const failures = new Map<string, string>();
  const admins = new Set<string>();
  let responseStatus: number | null = null;
  let fake: FakeSlack | undefined;
  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = (req.url ?? "/").split("?")[0];
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (path.startsWith("/response/")) {
      responses.push({ id: path.slice("/response/".length), body: JSON.parse(raw || "{}") as Record<string, unknown> });
      return responseStatus ? send(responseStatus, { ok: false }) : send(200, { ok: true });
    }
    if (!path.startsWith("/api/")) return send(404, { ok: false, error: "unknown_path" });
    const method = path.slice("/api/".length);
    const auth = req.headers.authorization;
    const args = parseArgs(String(req.headers["content-type"] ?? ""), raw);
    calls.push({ method, token: auth?.replace(/^Bearer /, "") ?? (args.token as string | undefined), args });
    const error = failures.get(method);
    if (error) return send(200, { ok: false, error });
    switch (method) {
      case "auth.test":
        return send(200, { ok: true, url: "https://fake.slack/", team: "Fake", team_id: "T0001", user: "matchguide", user_id: "UBOT", bot_id: "BBOT" });
      case "apps.connections.open":
        return fake?.socketUrl ? send(200, { ok: true, url: fake.socketUrl }) : send(200, { ok: false, error: "invalid_auth" });
      case "views.open":
        return send(200, { ok: true, view: { id: "V0001" } });
      case "chat.postEphemeral":
        return send(200, { ok: true, message_ts: "1700000000.000100" });
      case "users.info": {
        const id = String(args.user ?? "");
        return send(200, { ok: true, user: { id, is_admin: admins.has(id), is_owner: false } });
      }
      default:
        return send(200, { ok: true });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  fake = {
    socketUrl: undefined,
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    calls,
    responses,
    admins,
    failMethod: (method, error) => void failures.set(method, error),
    failResponses: (status) => void (responseStatus = status),
    waitFor: (find, timeoutMs = 5000) => waitUntil(find, timeoutMs, "the fake Slack did not receive the expected request in time"),
    reset() {
      calls.length = 0;
      responses.length = 0;
      failures.clear();
      admins.clear();
      responseStatus = null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return fake;
}
