import type { Config } from "../../config.js";
import type { HttpServer } from "../../http/server.js";
import type { Runtime } from "../../runtime.js";

/** Starts the Bolt app (HTTP on the shared server, or Socket Mode). */
export async function startSlack(_runtime: Runtime, _config: Config, _http: HttpServer): Promise<{ close(): Promise<void> }> {
  throw new Error("the Slack adapter is not built yet");
}
