import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A local stand-in for the Slack Web API (auth.test), response_urls and the Discord REST API: answers everything with success. */
export interface FakePlatform {
  /** For SLACK_API_URL (ends with a slash). */
  slackApiUrl: string;
  /** For DISCORD_API_URL. */
  discordApiUrl: string;
  /** A response_url the fake accepts. */
  responseUrl: string;
  /** Requests received, by path kind: "auth.test", "slack", "response", "discord". */
  counts: Record<string, number>;
  close(): Promise<void>;
}

const AUTH_TEST = JSON.stringify({ ok: true, url: "https://bench.invalid/", team: "Bench", team_id: "T0BENCH", user: "matchguide", user_id: "U0BOT", bot_id: "B0BOT" });

export async function startFakePlatform(): Promise<FakePlatform> {
  const counts: Record<string, number> = {};
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const path = (req.url ?? "/").split("?")[0];
      const kind = path === "/slack/api/auth.test" ? "auth.test" : path.startsWith("/slack/api/") ? "slack" : path.startsWith("/response/") ? "response" : "discord";
      counts[kind] = (counts[kind] ?? 0) + 1;
      if (kind === "discord") {
        res.writeHead(204).end();
        return;
      }
      const body = kind === "auth.test" ? AUTH_TEST : JSON.stringify({ ok: true });
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    slackApiUrl: `${base}/slack/api/`,
    discordApiUrl: `${base}/discord/api`,
    responseUrl: `${base}/response/bench`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
