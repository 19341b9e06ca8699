import { describe, expect, it } from "vitest";
import { DEFAULT_ID_HEX_DIGITS, ID_PREFIXES, STORE_ITEM_TYPES, defaultGenerateId, isInvalidArgumentError } from "chatkit-testkit";

describe("C-ID: default ids", () => {
  it("are <prefix>_<32 hex digits> for every StoreItemType, with the upstream prefixes", () => {
    expect(ID_PREFIXES).toEqual({ thread: "thr", message: "msg", tool_call: "tc", task: "tsk", workflow: "wf", attachment: "atc", sdk_hidden_context: "shcx" });
    for (const type of STORE_ITEM_TYPES) expect(defaultGenerateId(type)).toMatch(new RegExp(`^${ID_PREFIXES[type]}_[0-9a-f]{${DEFAULT_ID_HEX_DIGITS}}$`));
  });

  it("have exactly 32 hex digits (128 random bits), the documented DEFAULT_ID_HEX_DIGITS", () => {
    expect(DEFAULT_ID_HEX_DIGITS).toBe(32);
    for (const type of STORE_ITEM_TYPES) expect(defaultGenerateId(type), type).toMatch(new RegExp(`^${ID_PREFIXES[type]}_[0-9a-f]{32}$`));
  });

  it("STORE_ITEM_TYPES is exactly the keys of ID_PREFIXES: the upstream StoreItemType values", () => {
    expect([...STORE_ITEM_TYPES]).toEqual(Object.keys(ID_PREFIXES));
    expect([...STORE_ITEM_TYPES].sort()).toEqual(["attachment", "message", "sdk_hidden_context", "task", "thread", "tool_call", "workflow"]);
  });

  it("reject an unknown item type with an InvalidArgumentError, inherited names included", () => {
    for (const bad of ["thr", "toString", "__proto__", "constructor", ""]) {
      let error: unknown;
      try {
        defaultGenerateId(bad as never);
      } catch (e) {
        error = e;
      }
      expect(isInvalidArgumentError(error), bad).toBe(true);
      expect((error as Error).message).toContain(`got ${JSON.stringify(bad)}`);
    }
  });
});
