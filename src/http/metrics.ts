import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** One finished command, as the runtime reports it (never with the user's text). */
export interface CommandObservation {
  command: string;
  platform: string;
  /** "ok", "user-error" or "internal-error". */
  outcome: string;
  seconds: number;
}

/** Prometheus metrics of one process: commands by name and platform, latency, errors, store failures. */
export interface Metrics {
  registry: Registry;
  observeCommand(o: CommandObservation): void;
  /** The text exposition format for `GET /metrics`. */
  render(): Promise<string>;
  contentType: string;
}

/** Builds a fresh registry (one per process; tests build their own); `store` reads the store's failure count and cache size at scrape time. */
export function createMetrics(store: () => Promise<{ errors: number; settingsCached: number }> = async () => ({ errors: 0, settingsCached: 0 })): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "matchguide_" });
  const commands = new Counter({
    name: "matchguide_commands_total",
    help: "Commands answered, by command, platform and outcome.",
    labelNames: ["command", "platform", "outcome"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "matchguide_command_duration_seconds",
    help: "Time to answer a command, from parsed call to reply.",
    labelNames: ["command", "platform"] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const errors = new Counter({
    name: "matchguide_errors_total",
    help: "Internal errors (bugs) while answering, by command.",
    labelNames: ["command"] as const,
    registers: [registry],
  });
  new Gauge({
    name: "matchguide_store_failures",
    help: "Store operations that failed since start (the bot answered without the store).",
    registers: [registry],
    async collect() {
      this.set((await store().catch(() => null))?.errors ?? 0);
    },
  });
  new Gauge({
    name: "matchguide_settings_cached",
    help: "Servers whose settings this process holds in memory (bounded by SETTINGS_CACHE_MAX).",
    registers: [registry],
    async collect() {
      this.set((await store().catch(() => null))?.settingsCached ?? 0);
    },
  });
  return {
    registry,
    observeCommand(o) {
      commands.inc({ command: o.command, platform: o.platform, outcome: o.outcome });
      latency.observe({ command: o.command, platform: o.platform }, o.seconds);
      if (o.outcome === "internal-error") errors.inc({ command: o.command });
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
