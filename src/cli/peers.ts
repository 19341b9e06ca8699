/**
 * The optional peer dependencies the CLI can need, and the friendly message for one that is missing
 * (instead of a raw ERR_MODULE_NOT_FOUND stack).
 * @internal
 */

/** Each peer, with what needs it. */
export const PEERS: Readonly<Record<string, string>> = {
  "fast-check": "The conformance harness (chatkit-testkit check and list)",
  pg: "PostgresStore on PostgreSQL (check --bundled with DATABASE_URL)",
  "pg-mem": "PostgresStore on pg-mem (check --bundled)",
  vitest: "chatkit-testkit/vitest",
  msw: "chatkit-testkit/msw",
};

/** The package a "module not found" error names, when it is a bare package name. */
function packageNotFound(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") return null;
  const match = /Cannot find (?:package|module) '([^']+)'/.exec(String((error as { message?: unknown }).message));
  if (!match || /^[./]|^file:|^[A-Za-z]:[\\/]/.test(match[1]!)) return null;
  const parts = match[1]!.split("/");
  return match[1]!.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** The known peer whose absence caused `error` (also through its causes), or null. */
export function missingPeer(error: unknown): string | null {
  for (let e = error, depth = 0; e !== undefined && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const name = packageNotFound(e);
    if (name !== null && Object.hasOwn(PEERS, name)) return name;
  }
  return null;
}

/** What to tell the user when `peer` is missing. */
export function missingPeerMessage(peer: string): string {
  return `${PEERS[peer] ?? "chatkit-testkit"} needs ${peer}, which is not installed in this project. Install it:\n\n    npm install -D ${peer}\n`;
}
