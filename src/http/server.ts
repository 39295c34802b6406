import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 1_000_000;

/** Handles one request; `body` is the raw bytes (signatures are checked over them). */
export type RouteHandler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void | Promise<void>;

/** The one HTTP server every HTTP adapter mounts its routes on. */
export interface HttpServer {
  server: Server;
  route(method: string, path: string, handler: RouteHandler): void;
  listen(port: number, host: string): Promise<AddressInfo>;
  close(): Promise<void>;
}

/** Sends a JSON response. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Creates the server with `GET /healthz`; `health` says whether content and storage answer. */
export function createHttpServer(health: () => Promise<Record<string, unknown> & { ok: boolean }>): HttpServer {
  const routes = new Map<string, RouteHandler>();
  routes.set("GET /healthz", async (_req, _body, res) => {
    const status = await health().catch(() => ({ ok: false }));
    sendJson(res, status.ok ? 200 : 503, status);
  });
  const server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const handler = routes.get(`${req.method} ${path}`);
    if (!handler) {
      const known = [...routes.keys()].some((k) => k.endsWith(` ${path}`));
      sendJson(res, known ? 405 : 404, { error: known ? "method not allowed" : "not found" });
      req.resume();
      return;
    }
    try {
      const body = await readBody(req);
      if (body === null) {
        sendJson(res, 413, { error: "request body too large" });
        return;
      }
      await handler(req, body, res);
    } catch (err) {
      process.stderr.write(`http handler error on ${path}: ${(err as Error)?.message}\n`);
      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
      else res.end();
    }
  });
  return {
    server,
    route(method, path, handler) {
      routes.set(`${method.toUpperCase()} ${path}`, handler);
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => resolve(server.address() as AddressInfo));
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections?.();
      });
    },
  };
}
