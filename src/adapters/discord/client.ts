import type { APIInteraction } from "discord-api-types/v10";
import type { Config } from "../../config.js";
import type { Runtime } from "../../runtime.js";
import { createInteractionHandler, describeApiError, type HandlerOptions } from "./interactions.js";

/**
 * Starts the discord.js gateway client. Interactions take the same path as over HTTP: discord.js hands us the
 * raw INTERACTION_CREATE payload, the shared handler answers it, and the answer goes to the interaction
 * callback through the client's own REST manager (rate limits included).
 */
export async function startDiscordGateway(runtime: Runtime, config: Config, options: HandlerOptions = {}): Promise<{ close(): Promise<void> }> {
  if (!config.DISCORD_TOKEN) throw new Error("DISCORD_TOKEN is not set");
  const { Client, GatewayDispatchEvents, GatewayIntentBits, Events } = await import("discord.js");
  const warn = options.warn ?? ((line: string) => process.stderr.write(`discord: ${line}\n`));
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL.replace(/\/+$/, "") } } : {}),
  });
  const handler = createInteractionHandler(runtime, client.rest, { ...options, warn });
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (raw: APIInteraction) => {
    void handler.answerByCallback(raw);
  });
  client.on(Events.Error, (err) => warn(`gateway error: ${describeApiError(err)}`));
  client.on(Events.ShardError, (err) => warn(`shard error: ${describeApiError(err)}`));
  await client.login(config.DISCORD_TOKEN);
  return {
    async close() {
      await handler.idle();
      await client.destroy();
    },
  };
}
