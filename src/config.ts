import { z } from "zod";

const optional = z.string().trim().min(1).optional();

/** The environment, parsed once. */
export const configSchema = z.object({
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional,
  DISCORD_PUBLIC_KEY: z.string().trim().regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex characters (the application's public key)").optional(),
  DISCORD_API_URL: z.string().url().optional(),
  SLACK_SIGNING_SECRET: optional,
  SLACK_BOT_TOKEN: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: z.string().url().optional(),
  STORE_URL: z
    .string()
    .trim()
    .regex(/^(sqlite|redis|rediss|postgres|postgresql):\/\/\S+$/, "must be sqlite://<path>, redis://… or postgres://…")
    .optional(),
  STORE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
});

export type Config = z.infer<typeof configSchema>;

/** Adapters the configuration turns on. */
export interface Adapters {
  discordGateway: boolean;
  discordHttp: boolean;
  slack: boolean;
  console: boolean;
}

/** A configuration problem: one line per bad variable. */
export class ConfigError extends Error {}

/** Variables that only make sense together. */
function pairingProblems(c: Config): string[] {
  const problems: string[] = [];
  if (c.SLACK_SIGNING_SECRET && !c.SLACK_BOT_TOKEN) problems.push("SLACK_BOT_TOKEN: missing (SLACK_SIGNING_SECRET is set)");
  if (c.SLACK_APP_TOKEN && !c.SLACK_BOT_TOKEN) problems.push("SLACK_BOT_TOKEN: missing (SLACK_APP_TOKEN is set)");
  if (c.SLACK_BOT_TOKEN && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN) {
    problems.push("SLACK_SIGNING_SECRET: missing (SLACK_BOT_TOKEN is set; or set SLACK_APP_TOKEN for Socket Mode)");
  }
  return problems;
}

/** Parses the environment; blank variables count as unset. Throws ConfigError with one line per problem (never a value). */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known = Object.keys(configSchema.shape);
  const cleaned = Object.fromEntries(Object.entries(env).filter(([k, v]) => known.includes(k) && v !== undefined && v.trim() !== ""));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
  const problems = pairingProblems(result.data);
  if (problems.length) throw new ConfigError(problems.join("\n"));
  return result.data;
}

/** One line naming the adapters that will start, for the start-up log. */
export function describeAdapters(a: Adapters): string {
  const names = [
    a.discordGateway && "Discord gateway",
    a.discordHttp && "Discord HTTP interactions",
    a.slack && "Slack",
    a.console && "local console",
  ].filter(Boolean);
  return `starting: ${names.join(", ")}`;
}

/** Which adapters start for a configuration; with none, the local console. */
export function adaptersFor(config: Config): Adapters {
  const discordGateway = Boolean(config.DISCORD_TOKEN);
  const discordHttp = Boolean(config.DISCORD_PUBLIC_KEY);
  const slack = Boolean(config.SLACK_BOT_TOKEN && (config.SLACK_SIGNING_SECRET || config.SLACK_APP_TOKEN));
  return { discordGateway, discordHttp, slack, console: !discordGateway && !discordHttp && !slack };
}
