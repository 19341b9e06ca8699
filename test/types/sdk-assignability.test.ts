/**
 * Type-level tests (C-NAMES, issue 13): `npx tsc -p tsconfig.json --noEmit` checks this file (tsconfig
 * includes test/). Vitest runs it too, but vitest does not type-check (`expectTypeOf` is a no-op at run
 * time); the runtime parts show that the typed values work.
 *
 * A store is passed to chatkit-node-backend-sdk's ChatKitServer typed with `NodeSdkModel`. The default
 * model cannot be: its reads (return types, checked covariantly) are not the SDK's — see the first
 * describe, one test per difference.
 */
import type {
  Attachment as SdkAttachment,
  Store as SdkStore,
  ThreadItem as SdkThreadItem,
  ThreadMetadata as SdkThreadMetadata,
  ThreadStreamEvent,
  WidgetRoot as SdkWidgetRoot,
  Task as SdkTask,
  Workflow as SdkWorkflow,
  UserMessageItem as SdkUserMessageItem,
} from "chatkit-node-backend-sdk";
import { ChatKitServer } from "chatkit-node-backend-sdk";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  InMemoryStore,
  InvalidArgumentError,
  ValidationError,
  NODE_SDK_ITEM_TYPES,
  makeAssistantMessage,
  makeClientToolCall,
  makeEndOfTurn,
  makeFileAttachment,
  makeGeneratedImage,
  makeHiddenContext,
  makeItem,
  makeSDKHiddenContext,
  makeStructuredInput,
  makeTaskItem,
  makeThread,
  makeUserMessage,
  makeWidgetItem,
  makeWorkflowItem,
  THREAD_ITEM_TYPES,
  toNodeSdkAttachment,
  toNodeSdkData,
  toNodeSdkItem,
  toNodeSdkThread,
  type AssistantMessageItem,
  type Attachment,
  type ClientToolCallItem,
  type ModelTypes,
  type NodeSdkAssistantMessageItem,
  type NodeSdkAttachment,
  type NodeSdkModel,
  type NodeSdkTask,
  type NodeSdkThreadItem,
  type NodeSdkThreadMetadata,
  type NodeSdkUserMessageItem,
  type NodeSdkWidgetRoot,
  type NodeSdkWorkflow,
  type NodeSdkClientToolCallItem,
  type Store,
  type TaskItem,
  type ThreadItem,
  type ThreadMetadata,
  type UserMessageItem,
  type WidgetItem,
  type WorkflowItem,
} from "chatkit-testkit";
import { createPgMemStore, pgMemClient, PostgresStore } from "chatkit-testkit/postgres";

type Ctx = { user_id: string };

/** chatkit-node-backend-sdk's data model, from its own types (it still has `upload_url` and only 8 item types). */
type SdkModel = { thread: SdkThreadMetadata; item: SdkThreadItem; attachment: SdkAttachment };

/** What a user writes: a server of their own over the SDK's ChatKitServer. */
class S extends ChatKitServer<Ctx> {
  async *respond(): AsyncGenerator<ThreadStreamEvent> {}
}

describe("issue 13: what keeps InMemoryStore<Ctx> (the default model) from being the SDK's Store<Ctx>", () => {
  it("the literal form does not compile, and must not: InMemoryStore<Ctx>'s reads are not the SDK's", () => {
    // @ts-expect-error: loadThread's Promise<ThreadMetadata> has an optional status; loadThreadItems may return item types the SDK lacks
    const server = new S(new InMemoryStore<Ctx>());
    expect(server).toBeInstanceOf(S);
    expectTypeOf<InMemoryStore<Ctx>>().not.toExtend<SdkStore<Ctx>>();
  });

  it("a thread: status and metadata are optional here (absent stays absent, C-ROUNDTRIP), required in the SDK", () => {
    expectTypeOf<ThreadMetadata>().not.toExtend<SdkThreadMetadata>();
    expectTypeOf<ThreadMetadata & { status: SdkThreadMetadata["status"] }>().not.toExtend<SdkThreadMetadata>(); // metadata too
    expectTypeOf<ThreadMetadata & Pick<SdkThreadMetadata, "status" | "metadata">>().toExtend<SdkThreadMetadata>(); // and nothing else
  });

  it("items: three item types do not exist in the SDK, so the model's item union can never be assignable to the SDK's narrower one", () => {
    type NotInSdk = Exclude<ThreadItem["type"], SdkThreadItem["type"]>;
    expectTypeOf<NotInSdk>().toEqualTypeOf<"generated_image" | "structured_input" | "sdk_hidden_context">();
    expectTypeOf<Exclude<SdkThreadItem["type"], ThreadItem["type"]>>().toEqualTypeOf<never>();
    expectTypeOf<ThreadItem>().not.toExtend<SdkThreadItem>();
    expect(THREAD_ITEM_TYPES.filter((t) => !(NODE_SDK_ITEM_TYPES as readonly string[]).includes(t))).toEqual(["generated_image", "structured_input", "sdk_hidden_context"]);
  });

  it("items: fields with an upstream default are optional here, required in the SDK", () => {
    expectTypeOf<UserMessageItem>().not.toExtend<SdkUserMessageItem>(); // attachments; a tag's interactive
    expectTypeOf<AssistantMessageItem>().not.toExtend<SdkThreadItem>(); // content type, annotations, annotation type
    expectTypeOf<ClientToolCallItem>().not.toExtend<SdkThreadItem>(); // status
    expectTypeOf<WidgetItem>().not.toExtend<SdkThreadItem>(); // a root of any type (the SDK: Card | ListView with children)
    expectTypeOf<WorkflowItem>().not.toExtend<SdkThreadItem>(); // expanded; tasks
    expectTypeOf<TaskItem>().not.toExtend<SdkThreadItem>(); // a search's queries and sources, a file task's sources
  });

  it("attachments do not block: ours (upload_descriptor) is assignable to the SDK's (upload_url, optional)", () => {
    expectTypeOf<Attachment>().toExtend<SdkAttachment>();
  });
});

describe("NodeSdkModel is chatkit-node-backend-sdk's model", () => {
  it("its types and the SDK's are assignable both ways (reads and writes both fit)", () => {
    expectTypeOf<NodeSdkModel>().toExtend<ModelTypes>();
    expectTypeOf<NodeSdkThreadMetadata>().toExtend<SdkThreadMetadata>();
    expectTypeOf<SdkThreadMetadata>().toExtend<NodeSdkThreadMetadata>();
    expectTypeOf<NodeSdkThreadItem>().toExtend<SdkThreadItem>();
    expectTypeOf<SdkThreadItem>().toExtend<NodeSdkThreadItem>();
    expectTypeOf<NodeSdkAttachment>().toExtend<SdkAttachment>();
    expectTypeOf<SdkAttachment>().toExtend<NodeSdkAttachment>();
    expectTypeOf<NodeSdkWidgetRoot>().toExtend<SdkWidgetRoot>();
    expectTypeOf<SdkWidgetRoot>().toExtend<NodeSdkWidgetRoot>();
    expectTypeOf<NodeSdkTask>().toExtend<SdkTask>();
    expectTypeOf<SdkTask>().toExtend<NodeSdkTask>();
    expectTypeOf<NodeSdkWorkflow>().toExtend<SdkWorkflow>();
    expectTypeOf<SdkWorkflow>().toExtend<NodeSdkWorkflow>();
    expectTypeOf<NodeSdkThreadItem["type"]>().toEqualTypeOf<SdkThreadItem["type"]>();
    // and it is a narrowing of this package's model: every SDK record is one of ours
    expectTypeOf<NodeSdkThreadMetadata>().toExtend<ThreadMetadata>();
    expectTypeOf<NodeSdkThreadItem>().toExtend<ThreadItem>();
  });

  it("what a user writes: new S(new InMemoryStore<Ctx, NodeSdkModel>()) and the same with PostgresStore, no cast", async () => {
    const memory = new S(new InMemoryStore<Ctx, NodeSdkModel>());
    const pgMem = await createPgMemStore<Ctx, NodeSdkModel>();
    const onPgMem = new S(pgMem);
    const onPostgres = new S(new PostgresStore<Ctx, NodeSdkModel>({ client: pgMemClient(pgMem.db) }));
    for (const server of [memory, onPgMem, onPostgres]) expect(server).toBeInstanceOf(ChatKitServer);

    expectTypeOf<InMemoryStore<Ctx, NodeSdkModel>>().toExtend<SdkStore<Ctx>>();
    expectTypeOf<PostgresStore<Ctx, NodeSdkModel>>().toExtend<SdkStore<Ctx>>();
    expectTypeOf<Store<Ctx, NodeSdkModel>>().toExtend<SdkStore<Ctx>>();
    const sdkStore: SdkStore<Ctx> = new InMemoryStore<Ctx, NodeSdkModel>();
    expect(typeof sdkStore.loadThreadItems).toBe("function");
    // the SDK's own types as the model work the same
    expectTypeOf<InMemoryStore<Ctx, SdkModel>>().toExtend<SdkStore<Ctx>>();
  });

  it("C-NAMES: InMemoryStore<Ctx> satisfies this package's Store<Ctx>, with either model", () => {
    expectTypeOf<InMemoryStore<Ctx>>().toExtend<Store<Ctx>>();
    const ours: Store<Ctx> = new InMemoryStore<Ctx>();
    expect(typeof ours.generateItemId).toBe("function");
    expectTypeOf<InMemoryStore<Ctx, NodeSdkModel>>().toExtend<Store<Ctx, NodeSdkModel>>();
  });

  it("the checks can fail: a store missing a method, or with the wrong context or order type, is not assignable", () => {
    type MissingLoadItem = Omit<InMemoryStore<Ctx, NodeSdkModel>, "loadItem">;
    expectTypeOf<MissingLoadItem>().not.toExtend<SdkStore<Ctx>>();
    expectTypeOf<Omit<InMemoryStore<Ctx>, "deleteAttachment">>().not.toExtend<Store<Ctx>>();

    const incomplete = {} as MissingLoadItem;
    // @ts-expect-error: loadItem is missing, so this is not an SDK Store
    const notAStore: SdkStore<Ctx> = incomplete;

    // loadThreads with limit and after swapped (the upstream parameter order matters: C-NAMES)
    type Swapped = Omit<InMemoryStore<Ctx, NodeSdkModel>, "loadThreads"> & {
      loadThreads(after: string | null, limit: number, order: "asc" | "desc", context: Ctx): ReturnType<InMemoryStore<Ctx, NodeSdkModel>["loadThreads"]>;
    };
    expectTypeOf<Swapped>().not.toExtend<SdkStore<Ctx>>();

    // a store typed for another context
    expectTypeOf<InMemoryStore<{ tenant: number }, NodeSdkModel>>().not.toExtend<SdkStore<Ctx>>();
    expect(notAStore).toBe(incomplete);
  });

  it("the SDK store works at run time through the SDK's types (an SDK-shaped attachment with upload_url round-trips)", async () => {
    const store: SdkStore<Ctx> = new InMemoryStore<Ctx, NodeSdkModel>();
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

describe("the builders with NodeSdkModel: toNodeSdkThread, toNodeSdkItem, toNodeSdkAttachment, toNodeSdkData", () => {
  it("types: each converter returns the SDK's variant of its input; the 3 types the SDK lacks are type errors", () => {
    expectTypeOf(toNodeSdkThread(makeThread())).toEqualTypeOf<NodeSdkThreadMetadata>();
    expectTypeOf(toNodeSdkItem(makeUserMessage())).toEqualTypeOf<NodeSdkUserMessageItem>();
    expectTypeOf(toNodeSdkItem(makeAssistantMessage())).toEqualTypeOf<NodeSdkAssistantMessageItem>();
    expectTypeOf(toNodeSdkItem(makeClientToolCall())).toEqualTypeOf<NodeSdkClientToolCallItem>();
    expectTypeOf(toNodeSdkItem(makeItem("task"))).toExtend<SdkThreadItem>();
    expectTypeOf(toNodeSdkAttachment(makeFileAttachment())).toEqualTypeOf<NodeSdkAttachment>();
    // @ts-expect-error: chatkit-node-backend-sdk has no generated_image item
    expect(() => toNodeSdkItem(makeGeneratedImage())).toThrow(InvalidArgumentError);
    // @ts-expect-error: nor structured_input
    expect(() => toNodeSdkItem(makeStructuredInput())).toThrow(InvalidArgumentError);
    // @ts-expect-error: nor sdk_hidden_context
    expect(() => toNodeSdkItem(makeSDKHiddenContext())).toThrow(/toNodeSdkItem: item\.type must be one of chatkit-node-backend-sdk's item types .*got "sdk_hidden_context"/);
  });

  it("a thread gets status and metadata defaults, other fields as given; the input is not changed", () => {
    const thread = makeThread({ id: "thr_1", created_at: "2026-03-01T09:00:00Z", allowed_image_domains: ["x.example"] });
    expect(toNodeSdkThread(thread)).toStrictEqual({ ...thread, status: { type: "active" }, metadata: {} });
    expect(thread).not.toHaveProperty("metadata");
    const closed = makeThread({ id: "thr_2", created_at: "2026-03-01T09:00:00Z", status: { type: "closed", reason: "done" }, metadata: { k: 1 } });
    expect(toNodeSdkThread(closed)).toStrictEqual(closed);
    expect(toNodeSdkThread(makeThread({ status: undefined })).status).toEqual({ type: "active" });
  });

  it("every builder of the 8 SDK types converts to a record the SDK's required fields are all present in", () => {
    const at = { thread_id: "thr_1" };
    const user = toNodeSdkItem(makeUserMessage({ ...at, attachments: undefined, content: [{ type: "input_tag", id: "t", text: "T", data: {} }] }));
    expect(user.attachments).toEqual([]);
    expect(user.content).toEqual([{ type: "input_tag", id: "t", text: "T", data: {}, interactive: false }]);
    const assistant = toNodeSdkItem(makeAssistantMessage({ ...at, content: [{ text: "a", annotations: [{ source: { type: "url", title: "t", url: "https://x.example" } }] }, { text: "b" }] }));
    expect(assistant.content).toEqual([
      { type: "output_text", text: "a", annotations: [{ type: "annotation", source: { type: "url", title: "t", url: "https://x.example" } }] },
      { type: "output_text", text: "b", annotations: [] },
    ]);
    expect(toNodeSdkItem(makeClientToolCall({ ...at, status: undefined })).status).toBe("pending");
    expect(toNodeSdkItem(makeClientToolCall({ ...at, status: "completed" })).status).toBe("completed");
    const workflow = toNodeSdkItem(makeWorkflowItem({ ...at, workflow: { type: "custom", tasks: [{ type: "web_search" }, { type: "file" }, { type: "image" }] } }));
    expect(workflow.workflow).toEqual({ type: "custom", expanded: false, tasks: [{ type: "web_search", queries: [], sources: [] }, { type: "file", sources: [] }, { type: "image" }] });
    expect(toNodeSdkItem(makeTaskItem({ ...at, task: { type: "web_search", queries: ["q"] } })).task).toEqual({ type: "web_search", queries: ["q"], sources: [] });
    const widget = makeWidgetItem(at);
    expect(toNodeSdkItem(widget)).toStrictEqual(widget);
    const hidden = makeHiddenContext(at);
    expect(toNodeSdkItem(hidden)).toStrictEqual(hidden);
    const end = makeEndOfTurn(at);
    expect(toNodeSdkItem(end)).toStrictEqual(end);
  });

  it("refuses what the SDK's types cannot hold, and invalid records, with the argument named", () => {
    expect(() => toNodeSdkItem(makeWidgetItem({ widget: { type: "Basic", children: [] } }))).toThrow('toNodeSdkItem: item.widget.type must be "Card" or "ListView"');
    expect(() => toNodeSdkItem(makeWidgetItem({ widget: { type: "Card" } }))).toThrow("toNodeSdkItem: item.widget.children must be an array");
    expect(() => toNodeSdkItem(makeWidgetItem({ widget: { type: "ListView", children: [{ type: "Text" }] } }))).toThrow("item.widget.children[0] must be a ListViewItem");
    expect(() => toNodeSdkItem(makeUserMessage({ content: "hi" as never }))).toThrow(ValidationError);
    expect(() => toNodeSdkThread({ id: "", created_at: "yesterday" })).toThrow(ValidationError);
    expect(() => toNodeSdkAttachment({ ...makeFileAttachment(), upload_url: 3 as never })).toThrow("toNodeSdkAttachment: attachment.upload_url must be a string or null");
    expect(() => toNodeSdkData({ items: { thr_1: [makeGeneratedImage() as never] } })).toThrow('toNodeSdkData: data.items["thr_1"][0].type must be one of');
    expect(() => toNodeSdkData(null as never)).toThrow(InvalidArgumentError);
  });

  it("toNodeSdkData converts seed data for InMemoryStore<Ctx, NodeSdkModel>.seed; absent keys stay absent", async () => {
    const store = new InMemoryStore<Ctx, NodeSdkModel>();
    const ctx = { user_id: "u1" };
    const file = makeFileAttachment({ id: "atc_1" });
    const data = toNodeSdkData({
      threads: [makeThread({ id: "thr_1", created_at: "2026-03-01T09:00:00Z" })],
      items: { thr_1: [makeUserMessage({ id: "msg_1", thread_id: "thr_1", created_at: "2026-03-01T09:00:01Z" }), makeClientToolCall({ id: "tc_1", thread_id: "thr_1", created_at: "2026-03-01T09:00:02Z" })] },
      attachments: [file],
    });
    await store.seed(data, ctx);
    expect(await store.loadThread("thr_1", ctx)).toMatchObject({ status: { type: "active" }, metadata: {} });
    expect((await store.loadThreadItems("thr_1", null, 10, "asc", ctx)).data.map((i) => i.id)).toEqual(["msg_1", "tc_1"]);
    expect(await store.loadAttachment("atc_1", ctx)).toStrictEqual(file);
    expect(toNodeSdkData({ attachments: [] })).toStrictEqual({ attachments: [] });
    // the SDK's server can take the seeded store as it is
    expect(new S(store)).toBeInstanceOf(S);
  });
});
