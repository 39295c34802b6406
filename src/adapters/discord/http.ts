import type { Config } from "../../config.js";
import type { HttpServer } from "../../http/server.js";
import type { Runtime } from "../../runtime.js";

/** Mounts `POST /discord/interactions` on the shared server. */
export function mountDiscordHttp(_http: HttpServer, _runtime: Runtime, _config: Config): void {
  throw new Error("the Discord HTTP adapter is not built yet");
}
