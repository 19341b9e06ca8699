import type { CheckId } from "chatkit-testkit/harness";
import { SimpleStore, type Row } from "./SimpleStore.js";

export const bug =
  "the cursor row is looked up with LIKE (`WHERE id LIKE $after`, PostgreSQL's default escape character `\\`) instead of `=`: `%` and `_` match any characters and a backslash escapes the next one, so a cursor whose id holds a backslash names no row and the listing raises NotFoundError";
export const expectedChecks: readonly CheckId[] = ["cursor.unknown", "ids.caller-ids-roundtrip"];

/** Modelled on a query builder's `like`/`ilike` used for the cursor sub-select where `eq` was meant. */
export default class CursorLookupWithLike extends SimpleStore {
  protected override findCursor(kind: "thread" | "item", scope: string, threadId: string | null, id: string): Row | undefined {
    const pattern = likePattern(id);
    return this.rowsOf(kind, scope, threadId).find((r) => pattern.test(r.id));
  }
}

/** A LIKE pattern as a regular expression: `%` any run, `_` any one character, `\` escapes the next character. */
function likePattern(pattern: string): RegExp {
  const literal = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\" && i + 1 < pattern.length) source += literal(pattern[++i]!);
    else if (c === "%") source += "[\\s\\S]*";
    else if (c === "_") source += "[\\s\\S]";
    else source += literal(c);
  }
  return new RegExp(`^${source}$`, "u");
}
