import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../helpers/cli.js";

// No Docker engine runs on these machines: these tests check what can be checked without one.
const dockerfile = readFileSync(join(ROOT, "Dockerfile"), "utf8");
const stages = dockerfile.split(/^FROM /m).slice(1).map((s) => `FROM ${s}`);
const runtime = stages.at(-1)!;

describe("Dockerfile", () => {
  it("is multi-stage: builds with dev dependencies and runs with production ones only", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/RUN npm ci\s*$/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/RUN npm run build/);
  });

  it("runs on a slim Node 20 base as a non-root user", () => {
    expect(runtime).toMatch(/^FROM node:20[\w.-]*slim/m);
    expect(runtime).toMatch(/^USER (?!root)\w+/m);
  });

  it("keeps SQLite data on a /data volume, checks /healthz and starts with npm start", () => {
    expect(runtime).toMatch(/^VOLUME \["\/data"\]/m);
    expect(runtime).toMatch(/STORE_URL=sqlite:\/\/\/data\//);
    expect(runtime).toMatch(/^HEALTHCHECK [\s\S]*\/healthz/m);
    expect(runtime).toMatch(/^CMD \["npm", "start"\]/m);
  });

  it("gives the build stage everything `npm run build` reads (sources and content)", () => {
    const build = stages.find((s) => /RUN npm run build/.test(s))!;
    for (const dir of ["src", "commands", "bench", "content", "tsconfig.json"]) expect(build).toMatch(new RegExp(`^COPY ${dir}\\b`, "m"));
  });

  it("copies only files that exist in the repository", () => {
    for (const m of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
      for (const src of m[1].split(/\s+/)) expect(() => readFileSync(join(ROOT, src)), src).not.toThrow(/ENOENT/);
    }
  });
});

describe("docker-compose.yml", () => {
  const compose = parse(readFileSync(join(ROOT, "docker-compose.yml"), "utf8"), { merge: true }) as {
    services: Record<string, { build?: string; image?: string; environment?: Record<string, string> }>;
  };

  it("runs two bot replicas in HTTP mode sharing one Redis", () => {
    const bots = Object.values(compose.services).filter((s) => s.build === ".");
    expect(bots).toHaveLength(2);
    for (const bot of bots) {
      expect(bot.environment?.STORE_URL).toMatch(/^redis:\/\/redis:/);
      expect(bot.environment).toHaveProperty("DISCORD_PUBLIC_KEY");
      expect(bot.environment).toHaveProperty("SLACK_SIGNING_SECRET");
    }
    expect(compose.services.redis.image).toMatch(/^redis:/);
  });
});
