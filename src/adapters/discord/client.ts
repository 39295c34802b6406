import type { Config } from "../../config.js";
import type { Runtime } from "../../runtime.js";

/** Starts the discord.js gateway client. */
export async function startDiscordGateway(_runtime: Runtime, _config: Config): Promise<{ close(): Promise<void> }> {
  throw new Error("the Discord gateway adapter is not built yet");
}
