import * as fc from "fast-check";
import { defineChecks } from "../Check.js";
import { checkProperty } from "../property.js";
import { storeCommands, type Model, type Real } from "../reference/commands.js";
import { ReferenceStore } from "../reference/ReferenceStore.js";

function commandLines(value: unknown): string[] {
  const lines: string[] = [];
  for (const c of value as Iterable<unknown>) {
    if (c && typeof c === "object" && "hasRan" in c && !(c as { hasRan: boolean }).hasRan) continue;
    lines.push(String(c));
  }
  return lines;
}

/** Model-based: random sequences of all 14 operations, compared with the reference model. */
export const checks = defineChecks("model", [
  {
    id: "model.sequences",
    statement: "random sequences of all 14 operations across several threads and scopes give the same results and errors as the reference model",
    rules: ["C-ROUNDTRIP", "C-ORDER", "C-PAGE", "C-CURSOR", "C-LIMIT", "C-SCOPE", "C-THREAD-SAVE", "C-ITEM-ADD", "C-ITEM-SAVE", "C-MISSING-THREAD", "C-DELETE", "C-ATTACH"],
    kind: "model",
    async run(env) {
      const probe = await env.fresh();
      const scopes = env.capabilities.scoping ? Math.min(probe.contexts.length, 3) : 1;
      const commands = storeCommands<unknown>({ scopes, attachments: env.capabilities.attachments });
      const arbitrary = fc.commands(commands, { maxCommands: 60, size: "large", ...(env.params.replayPath ? { replayPath: env.params.replayPath } : {}) });
      let first = true;
      await checkProperty(
        env,
        arbitrary,
        async (cmds) => {
          const fixture = first ? probe : await env.fresh();
          first = false;
          await fc.asyncModelRun(() => ({ model: { ref: new ReferenceStore() } as Model, real: { store: fixture.store, contexts: fixture.contexts } as Real<unknown> }), cmds);
        },
        commandLines,
      );
    },
  },
]);
