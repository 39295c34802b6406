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
  STORE_URL: optional,
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

/** Parses the environment; blank variables count as unset. Throws ConfigError with one line per problem. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const result = configSchema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
}

/** Which adapters start for a configuration; with none, the local console. */
export function adaptersFor(config: Config): Adapters {
  const discordGateway = Boolean(config.DISCORD_TOKEN);
  const discordHttp = Boolean(config.DISCORD_PUBLIC_KEY);
  const slack = Boolean(config.SLACK_BOT_TOKEN && (config.SLACK_SIGNING_SECRET || config.SLACK_APP_TOKEN));
  return { discordGateway, discordHttp, slack, console: !discordGateway && !discordHttp && !slack };
}
