import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";

/** An Ed25519 key pair made for one test run, with the public key as the Developer Portal shows it (hex). */
export interface DiscordKeys {
  publicKeyHex: string;
  privateKey: KeyObject;
}

/** Generates a fresh key pair. */
export function generateDiscordKeys(): DiscordKeys {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const x = publicKey.export({ format: "jwk" }).x as string;
  return { publicKeyHex: Buffer.from(x, "base64url").toString("hex"), privateKey };
}

/** The two headers Discord sends: the Ed25519 signature of timestamp + body, and the timestamp. */
export function signDiscord(keys: DiscordKeys, body: string, timestamp = String(Math.floor(Date.now() / 1000))): Record<string, string> {
  const signature = sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), keys.privateKey).toString("hex");
  return { "x-signature-ed25519": signature, "x-signature-timestamp": timestamp };
}

/** Posts a body to the interactions endpoint with the given headers; returns status and parsed JSON. */
export async function postRaw(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; json: any }> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** Posts an interaction signed with `keys`, as Discord does. */
export function postSigned(url: string, keys: DiscordKeys, interaction: unknown): Promise<{ status: number; json: any }> {
  const body = JSON.stringify(interaction);
  return postRaw(url, body, signDiscord(keys, body));
}
