/**
 * Type-level tests (C-NAMES): `npx tsc -p tsconfig.json --noEmit` checks this file (tsconfig includes
 * test/). Vitest runs it too, but vitest does not type-check (`expectTypeOf` is a no-op at run time);
 * the runtime part below only shows that the typed values work.
 */
import type {
  Attachment as SdkAttachment,
  Store as SdkStore,
  ThreadItem as SdkThreadItem,
  ThreadMetadata as SdkThreadMetadata,
} from "chatkit-node-backend-sdk";
import { describe, expect, expectTypeOf, it } from "vitest";
import { InMemoryStore, type ModelTypes, type Store } from "chatkit-testkit";

type Ctx = { user_id: string };

/** chatkit-node-backend-sdk's data model (it still has `upload_url` and only 8 item types). */
type SdkModel = { thread: SdkThreadMetadata; item: SdkThreadItem; attachment: SdkAttachment };

describe("C-NAMES: InMemoryStore is structurally a Store", () => {
  it("C-NAMES: InMemoryStore<Ctx, SdkModel> is assignable to chatkit-node-backend-sdk's Store<Ctx>", () => {
    expectTypeOf<SdkModel>().toExtend<ModelTypes>();
    expectTypeOf<InMemoryStore<Ctx, SdkModel>>().toExtend<SdkStore<Ctx>>();
    // the same as a plain assignment, which is what a user writes
    const sdkStore: SdkStore<Ctx> = new InMemoryStore<Ctx, SdkModel>();
    expect(typeof sdkStore.loadThreadItems).toBe("function");
  });

  it("C-NAMES: InMemoryStore<Ctx> satisfies this package's Store<Ctx>", () => {
    expectTypeOf<InMemoryStore<Ctx>>().toExtend<Store<Ctx>>();
    const ours: Store<Ctx> = new InMemoryStore<Ctx>();
    expect(typeof ours.generateItemId).toBe("function");
    // and with the SDK's model
    expectTypeOf<InMemoryStore<Ctx, SdkModel>>().toExtend<Store<Ctx, SdkModel>>();
  });

  it("the checks can fail: a store missing a method, or with the wrong context or order type, is not assignable", () => {
    type MissingLoadItem = Omit<InMemoryStore<Ctx, SdkModel>, "loadItem">;
    expectTypeOf<MissingLoadItem>().not.toExtend<SdkStore<Ctx>>();
    expectTypeOf<Omit<InMemoryStore<Ctx>, "deleteAttachment">>().not.toExtend<Store<Ctx>>();

    const incomplete = {} as MissingLoadItem;
    // @ts-expect-error: loadItem is missing, so this is not an SDK Store
    const notAStore: SdkStore<Ctx> = incomplete;

    // loadThreads with limit and after swapped (the upstream parameter order matters: C-NAMES)
    type Swapped = Omit<InMemoryStore<Ctx, SdkModel>, "loadThreads"> & {
      loadThreads(after: string | null, limit: number, order: "asc" | "desc", context: Ctx): ReturnType<InMemoryStore<Ctx, SdkModel>["loadThreads"]>;
    };
    expectTypeOf<Swapped>().not.toExtend<SdkStore<Ctx>>();

    // a store typed for another context
    expectTypeOf<InMemoryStore<{ tenant: number }, SdkModel>>().not.toExtend<SdkStore<Ctx>>();
    expect(notAStore).toBe(incomplete);
  });

  it("the SDK store works at run time through the SDK's types (an SDK-shaped attachment with upload_url round-trips)", async () => {
    const store: SdkStore<Ctx> = new InMemoryStore<Ctx, SdkModel>();
    const ctx = { user_id: "u1" };
    const thread: SdkThreadMetadata = { id: "thr_1", created_at: "2026-01-01T00:00:00Z", status: { type: "active" }, metadata: {} };
    await store.saveThread(thread, ctx);
    const attachment: SdkAttachment = { type: "file", id: "atc_1", name: "a.txt", mime_type: "text/plain", upload_url: "https://u.example/a" };
    await store.saveAttachment(attachment, ctx);
    expect(await store.loadThread("thr_1", ctx)).toStrictEqual(thread);
    expect(await store.loadAttachment("atc_1", ctx)).toStrictEqual(attachment);
    expect(store.generateItemId("message", thread, ctx)).toMatch(/^msg_[0-9a-f]{32}$/);
    expectTypeOf(await store.loadThreadItems("thr_1", null, 10, "asc", ctx)).toEqualTypeOf<{ data: SdkThreadItem[]; has_more: boolean; after: string | null }>();
  });
});
