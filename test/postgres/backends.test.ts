/**
 * The test backends themselves (what the conformance harness will be given): "database" isolation gives
 * every store empty tables of its own and destroyStore drops them; "shared" shares one set of tables.
 */
import { afterAll, describe, expect, it } from "vitest";
import { isNotFoundError } from "chatkit-testkit";
import { pgMemBackend, realPgBackend, titleOf, type StoreBackend } from "./backends.js";
import { loose, rejection, sql, thread } from "./support.js";

const pairs: [StoreBackend, StoreBackend][] = [
  [pgMemBackend("database"), pgMemBackend("shared")],
  [realPgBackend("database"), realPgBackend("shared")],
];

for (const [isolated, shared] of pairs) {
  describe.skipIf(!isolated.available)(titleOf(isolated), () => {
    afterAll(async () => {
      await isolated.close();
      await shared.close();
    });

    it('"database": each store starts empty; destroyStore drops its tables', async () => {
      const one = await isolated.createStore();
      const two = await isolated.createStore();
      await loose(one).saveThread(thread("thr_1"), "u");
      expect(isNotFoundError(await rejection(loose(two).loadThread("thr_1", "u")))).toBe(true);
      await isolated.destroyStore(one);
      if (isolated.real) await expect(sql(one, `SELECT 1 FROM ${one.tableNames.threads}`)).rejects.toThrow(/does not exist/);
      await isolated.destroyStore(two);
    });

    it('"shared": stores see the same tables; tests keep apart by scope', async () => {
      const one = await shared.createStore();
      const two = await shared.createStore();
      await loose(one).saveThread(thread("thr_shared"), "scope-a");
      expect(await loose(two).loadThread("thr_shared", "scope-a")).toEqual(thread("thr_shared"));
      expect(isNotFoundError(await rejection(loose(two).loadThread("thr_shared", "scope-b")))).toBe(true);
    });
  });
}
