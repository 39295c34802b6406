import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Largest request body accepted, in bytes (Discord and Slack send a few kilobytes; a pasted draft fits many times over). */
export const MAX_BODY_BYTES = 256 * 1024;

/** Handles one request; `body` is the raw bytes (signatures are checked over them). */
export type RouteHandler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void | Promise<void>;

/** Looks at a request's headers before its body is read: an answer ends it there (e.g. 401 unsigned), null reads on. */
export type Admit = (req: IncomingMessage) => { status: number; error: string } | null;

/** The one HTTP server every HTTP adapter mounts its routes on. */
export interface HttpServer {
  server: Server;
  route(method: string, path: string, handler: RouteHandler, admit?: Admit): void;
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops taking work: no new connections, `Connection: close` on answers in flight, 503 for requests after; resolves once every connection ended. */
  close(): Promise<void>;
}

/** Sends a JSON response. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** Answers and closes the connection without reading the rest of the request. */
function refuse(res: ServerResponse, status: number, error: string): void {
  res.setHeader("connection", "close");
  res.once("finish", () => res.req.socket?.destroySoon?.());
  sendJson(res, status, { error });
}

/** The body, or null the moment it passes MAX_BODY_BYTES (the rest is never read). */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.off("data", onData);
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Creates the server with `GET /healthz`; `health` says whether content and storage answer. */
export function createHttpServer(health: () => Promise<Record<string, unknown> & { ok: boolean }>): HttpServer {
  const routes = new Map<string, { handler: RouteHandler; admit?: Admit }>();
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  routes.set("GET /healthz", {
    handler: async (_req, _body, res) => {
      const status = await health().catch(() => ({ ok: false }));
      sendJson(res, status.ok ? 200 : 503, status);
    },
  });
  const server = createServer(async (req, res) => {
    if (draining) {
      refuse(res, 503, "shutting down");
      return;
    }
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
    const path = (req.url ?? "/").split("?")[0];
    const route = routes.get(`${req.method} ${path}`);
    if (!route) {
      const known = [...routes.keys()].some((k) => k.endsWith(` ${path}`));
      refuse(res, known ? 405 : 404, known ? "method not allowed" : "not found");
      return;
    }
    const refused = route.admit?.(req);
    if (refused) {
      refuse(res, refused.status, refused.error);
      return;
    }
    if (Number(req.headers["content-length"]) > MAX_BODY_BYTES) {
      refuse(res, 413, "request body too large");
      return;
    }
    try {
      const body = await readBody(req);
      if (body === null) {
        refuse(res, 413, "request body too large");
        return;
      }
      await route.handler(req, body, res);
    } catch (err) {
      process.stderr.write(`http handler error on ${path}: ${(err as Error)?.message}\n`);
      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
      else res.end();
    }
  });
  return {
    server,
    route(method, path, handler, admit) {
      routes.set(`${method.toUpperCase()} ${path}`, { handler, ...(admit ? { admit } : {}) });
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => resolve(server.address() as AddressInfo));
      });
    },
    close() {
      draining = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader("connection", "close");
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
