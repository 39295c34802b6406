import { createPublicKey, verify } from "node:crypto";
import { createServer } from "node:http";

/**
 * The Discord floor of `npm run bench:http`: a bare node:http server that only checks the Ed25519 signature
 * over timestamp + raw body and answers PONG. Run as its own process by bench/http.ts (BENCH_PORT, BENCH_DISCORD_PUBLIC_KEY).
 */
const port = Number(process.env.BENCH_PORT);
const hex = process.env.BENCH_DISCORD_PUBLIC_KEY ?? "";
const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(hex, "hex").toString("base64url") }, format: "jwk" });
const PONG = JSON.stringify({ type: 1 });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const signature = req.headers["x-signature-ed25519"];
    const timestamp = req.headers["x-signature-timestamp"];
    let ok = false;
    if (typeof signature === "string" && typeof timestamp === "string") {
      try {
        ok = verify(null, Buffer.concat([Buffer.from(timestamp), ...chunks]), key, Buffer.from(signature, "hex"));
      } catch {
        ok = false;
      }
    }
    if (!ok) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(PONG) });
    res.end(PONG);
  });
});
server.listen(port, "127.0.0.1");
process.once("SIGTERM", () => server.close(() => process.exit(0)));
