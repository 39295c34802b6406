import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { readBody } from "./read-body.js";
import { waitUntil } from "./wait.js";

/** One REST call the fake received (path without the `/api/v10` prefix). */
export interface FakeDiscordCall {
  method: string;
  path: string;
  body: any;
  authorization: string | undefined;
}

/** A scripted answer for the next calls matching a method and path pattern. */
export interface ScriptedAnswer {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** How many calls it answers (then normal service resumes). */
  times: number;
}

/** A local stand-in for discord.com: REST under `/api/v10` and a minimal gateway over WebSocket. */
export interface FakeDiscord {
  /** For DISCORD_API_URL. */
  apiUrl: string;
  calls: FakeDiscordCall[];
  /** Answers the next matching calls with an error (or anything) instead of the normal answer. */
  script(answer: ScriptedAnswer): void;
  /** Gateway: IDENTIFY payloads received. */
  identifies: any[];
  /** Gateway: sends a dispatch event to every connected client. */
  dispatch(event: string, data: unknown): void;
  /** Waits until `find` returns something, polling the captured traffic. */
  waitFor<T>(find: () => T | undefined, timeoutMs?: number): Promise<T>;
  reset(): void;
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204) {
    res.writeHead(204, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(text);
}

let nextId = 1_000_000n;
const snowflake = () => String(nextId++);

/** Starts the fake on 127.0.0.1 on a free port. */
export async function startFakeDiscord(options: { applicationId?: string; botUserId?: string } = {}): Promise<FakeDiscord> {
  const calls: FakeDiscordCall[] = [];
  const scripts: ScriptedAnswer[] = [];
  const identifies: any[] = [];
  const sockets = new Set<WebSocket>();
  let seq = 0;
  let wsUrl = "";

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = decodeURIComponent((req.url ?? "").replace(/^\/api\/v10/, "").split("?")[0]);
    const method = req.method ?? "GET";
    const body = raw ? JSON.parse(raw) : null;
    calls.push({ method, path, body, authorization: req.headers.authorization });
    const scripted = scripts.find((s) => s.method === method && s.path.test(path) && s.times > 0);
    if (scripted) {
      scripted.times -= 1;
      json(res, scripted.status, scripted.body, scripted.headers);
      return;
    }
    if (method === "GET" && path === "/gateway/bot") {
      json(res, 200, { url: wsUrl, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } });
      return;
    }
    if (method === "PUT" && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      json(res, 200, (body as any[]).map((c) => ({ id: snowflake(), application_id: options.applicationId ?? "1", version: "1", ...c })));
      return;
    }
    if (method === "POST" && /^\/interactions\/[^/]+\/[^/]+\/callback$/.test(path)) {
      json(res, 204, null);
      return;
    }
    if ((method === "POST" && /^\/webhooks\/[^/]+\/[^/]+$/.test(path)) || (method === "PATCH" && /^\/webhooks\/[^/]+\/[^/]+\/messages\/[^/]+$/.test(path))) {
      json(res, 200, { id: snowflake(), channel_id: "1", type: 0, content: "", ...body });
      return;
    }
    json(res, 404, { message: "404: Not Found", code: 0 });
  });

  const wss = new WebSocketServer({ server });
  const send = (ws: WebSocket, payload: unknown) => ws.send(JSON.stringify(payload));
  wss.on("connection", (ws) => {
    sockets.add(ws);
    ws.on("close", () => sockets.delete(ws));
    send(ws, { op: 10, d: { heartbeat_interval: 45_000 }, s: null, t: null });
    ws.on("message", (data) => {
      const msg = JSON.parse(String(data));
      if (msg.op === 1) send(ws, { op: 11, d: null, s: null, t: null });
      if (msg.op === 2) {
        identifies.push(msg.d);
        send(ws, {
          op: 0,
          s: ++seq,
          t: "READY",
          d: {
            v: 10,
            user: { id: options.botUserId ?? "900", username: "matchguide", discriminator: "0", global_name: null, avatar: null, bot: true },
            guilds: [],
            session_id: "fake-session",
            resume_gateway_url: wsUrl,
            shard: [0, 1],
            application: { id: options.applicationId ?? "1", flags: 0 },
          },
        });
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  wsUrl = `ws://127.0.0.1:${port}`;

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    calls,
    identifies,
    script(answer) {
      scripts.push({ ...answer });
    },
    dispatch(event, data) {
      for (const ws of sockets) send(ws, { op: 0, s: ++seq, t: event, d: data });
    },
    waitFor: (find, timeoutMs = 5000) => waitUntil(find, timeoutMs, "timed out waiting for the fake Discord to see the expected call"),
    reset() {
      calls.length = 0;
      scripts.length = 0;
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
