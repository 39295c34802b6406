import { createPublicKey, verify, type KeyObject } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { InteractionType } from "discord-api-types/v10";
import type { Config } from "../../config.js";
import { sendJson, type HttpServer } from "../../http/server.js";
import type { Runtime } from "../../runtime.js";
import { createDiscordRest, createInteractionHandler, type HandlerOptions, type InteractionHandler } from "./interactions.js";
import { isWellFormedInteraction } from "./parse.js";

/** The path Discord posts interactions to (the application's Interactions Endpoint URL). */
export const DISCORD_INTERACTIONS_PATH = "/discord/interactions";
/** Longest timestamp header accepted (Discord sends Unix seconds). */
const TIMESTAMP_MAX = 32;
/** How far a request's timestamp may be from now, either way, before it is refused as a replay. */
export const TIMESTAMP_WINDOW_MS = 5 * 60_000;
/** How long an interaction id is remembered (the life of its token): a repeat within it is not run again. */
export const SEEN_INTERACTION_MS = 15 * 60_000;

/** The application's Ed25519 public key (64 hex characters, as the Developer Portal shows it) as a KeyObject. */
export function discordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error("DISCORD_PUBLIC_KEY must be 64 hex characters");
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(hex, "hex").toString("base64url") }, format: "jwk" });
}

/** True when `signature` (hex) is the key's Ed25519 signature of timestamp + raw body. */
export function verifyDiscordSignature(key: KeyObject, signature: string | undefined, timestamp: string | undefined, body: Buffer): boolean {
  if (!signature || !timestamp || timestamp.length > TIMESTAMP_MAX || !/^[0-9a-fA-F]{128}$/.test(signature)) return false;
  try {
    return verify(null, Buffer.concat([Buffer.from(timestamp, "utf8"), body]), key, Buffer.from(signature, "hex"));
  } catch {
    return false;
  }
}

/** True when a timestamp header (Unix seconds) is within TIMESTAMP_WINDOW_MS of `now`. */
export function isFreshTimestamp(timestamp: string | undefined, now = Date.now()): boolean {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(now - Number(timestamp) * 1000) <= TIMESTAMP_WINDOW_MS;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Mounts `POST /discord/interactions` on the shared server; returns the handler (to await deliveries on shutdown). */
export function mountDiscordHttp(http: HttpServer, runtime: Runtime, config: Config, options: HandlerOptions = {}): InteractionHandler {
  if (!config.DISCORD_PUBLIC_KEY) throw new Error("DISCORD_PUBLIC_KEY is not set");
  const key = discordPublicKey(config.DISCORD_PUBLIC_KEY);
  const handler = createInteractionHandler(runtime, createDiscordRest(config), options);
  // Unsigned or stale requests are refused from their headers, before a byte of the body is read.
  const admit = (req: IncomingMessage) =>
    /^[0-9a-fA-F]{128}$/.test(header(req, "x-signature-ed25519") ?? "") && isFreshTimestamp(header(req, "x-signature-timestamp"))
      ? null
      : { status: 401, error: "invalid request signature" };
  http.route("POST", DISCORD_INTERACTIONS_PATH, async (req, body, res) => {
    const timestamp = header(req, "x-signature-timestamp");
    if (!isFreshTimestamp(timestamp) || !verifyDiscordSignature(key, header(req, "x-signature-ed25519"), timestamp, body)) {
      sendJson(res, 401, { error: "invalid request signature" });
      return;
    }
    let interaction: unknown;
    try {
      interaction = JSON.parse(body.toString("utf8"));
    } catch {
      sendJson(res, 400, { error: "body is not JSON" });
      return;
    }
    if (!isWellFormedInteraction(interaction)) {
      sendJson(res, 400, { error: "not an interaction" });
      return;
    }
    // Tracked from here until its last follow-up is sent, so a shutdown waits for the whole answer.
    let delivered!: () => void;
    void runtime.track(new Promise<void>((resolve) => (delivered = resolve)));
    const seen = interaction.type !== InteractionType.Ping && runtime.store && !(await runtime.store.claimOnce(`discord:${interaction.id}`, SEEN_INTERACTION_MS));
    if (seen) {
      delivered();
      sendJson(res, 409, { error: "interaction already received" });
      return;
    }
    const outcome = await handler.handle(interaction);
    if (outcome.pending || outcome.followups.length) {
      // "close" also fires when the socket dropped before the response went out: the follow-up is still sent.
      const send = () => void handler.deliver(interaction, outcome).finally(delivered);
      if (res.closed) send();
      else res.once("close", send);
    } else delivered();
    sendJson(res, 200, outcome.response);
  }, admit);
  return handler;
}
