#!/usr/bin/env node
/**
 * The `chatkit-testkit` executable: a thin entry that imports the real CLI (main.ts) dynamically, so a
 * missing peer (fast-check, pg, pg-mem) is a message that names it and the install command instead of
 * an ERR_MODULE_NOT_FOUND stack; that exits quietly when its reader goes away (`list | head`); and that
 * exits after the report, naming what the store left open if it has to (exit.ts).
 * @packageDocumentation
 */
import { exitAfterReport } from "./exit.js";
import { missingPeer, missingPeerMessage } from "./peers.js";

// `chatkit-testkit list | head -1`: once the reader has gone, drop the rest of the output silently and
// finish with the exit code the run earns.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
    stream.write = (() => true) as typeof stream.write;
  });
}

// A loader error the CLI has already shown can reach Node.js a second time through a promise nobody
// awaits (src/cli/load.ts REPORTED); anything else keeps Node.js's behaviour.
process.on("unhandledRejection", (reason) => {
  if (reason !== null && typeof reason === "object" && (reason as Record<symbol, unknown>)[Symbol.for("chatkit-testkit.reported")] === true) return;
  throw reason;
});

let code: number;
try {
  const argv = process.argv.slice(2);
  // `serve` needs no harness, so not fast-check either: its module is loaded alone.
  code = argv[0] === "serve" ? await (await import("./serve.js")).serveCommand(argv.slice(1)) : await (await import("./main.js")).main(argv);
} catch (error) {
  const peer = missingPeer(error);
  process.stderr.write(
    peer !== null ? `chatkit-testkit: ${missingPeerMessage(peer)}` : `chatkit-testkit: unexpected error:\n${(error as Error)?.stack ?? String(error)}\n`,
  );
  code = 2;
}
exitAfterReport(code);
