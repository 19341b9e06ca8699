/** FakeAttachmentStore: two-phase uploads kept in memory, scoped (docs/upstream.md §1.5, C-SCOPE). */
import { describe, expect, it } from "vitest";
import { FakeAttachmentStore, InvalidArgumentError } from "chatkit-testkit";
import { alice, bob } from "./support.js";

const put = (store: FakeAttachmentStore<unknown>, url: string, body: string | Uint8Array, init: RequestInit = {}) =>
  store.handleUpload(new Request(url, { method: "PUT", body, ...init }));

describe("FakeAttachmentStore", () => {
  it("createAttachment returns a file record with an upload_descriptor under the base URL (image/* gets preview_url)", async () => {
    let n = 0;
    const store = new FakeAttachmentStore({ baseUrl: "https://Uploads.Example.com/files/", method: "POST", headers: { "x-up": "1" }, generateId: () => `atc_${++n}` });
    const file = await store.createAttachment({ name: "a.txt", size: 3, mime_type: "text/plain" }, alice);
    expect(file).toEqual({
      type: "file",
      id: "atc_1",
      name: "a.txt",
      mime_type: "text/plain",
      upload_descriptor: { url: "https://uploads.example.com/files/atc_1", method: "POST", headers: { "x-up": "1" } },
    });
    const image = await store.createAttachment({ name: "c.png", size: 3, mime_type: "image/png" }, alice);
    expect(image).toMatchObject({ type: "image", preview_url: "https://uploads.example.com/files/atc_2/preview", upload_descriptor: { method: "POST" } });
    expect(store.generateAttachmentId("x", alice)).toBe("atc_3");
    expect(new FakeAttachmentStore().generateAttachmentId("x", alice)).toMatch(/^atc_[0-9a-f]{32}$/);
  });

  it("C-SCOPE: a context without a scope key is an InvalidArgumentError naming context on every method; single-tenant is explicit", async () => {
    const store = new FakeAttachmentStore();
    const message = '[chatkit-testkit] createAttachment: context must give a scope key: a non-empty string, or an object with a non-empty string user_id or userId, got {}; for one shared scope, construct the store with { scope: "single-tenant" }';
    await expect(store.createAttachment({ name: "a", size: 1, mime_type: "text/plain" }, {})).rejects.toThrow(message);
    expect(() => store.generateAttachmentId("x", undefined)).toThrow(expect.objectContaining({ name: "InvalidArgumentError", method: "generateAttachmentId", argument: "context" }));
    await expect(store.deleteAttachment("atc_1", { user_id: "" })).rejects.toThrow(expect.objectContaining({ argument: "context" }));
    expect(() => store.bytes("atc_1", null)).toThrow(expect.objectContaining({ method: "bytes", argument: "context" }));
    expect(store.uploads).toEqual([]);
    const single = new FakeAttachmentStore({ scope: "single-tenant" });
    const a = await single.createAttachment({ name: "a", size: 1, mime_type: "text/plain" }, undefined);
    expect(single.uploads).toEqual([]);
    expect((await single.handleUpload(new Request(a.upload_descriptor!.url, { method: "PUT", body: "x" }))).status).toBe(201);
    expect(single.bytes(a.id, { user_id: "anyone" })).toBeDefined();
    expect(() => new FakeAttachmentStore({ scope: "shared" as never })).toThrow('[chatkit-testkit] FakeAttachmentStore: options.scope must be a function of the context or "single-tenant", got "shared"');
  });

  it("PUT stores the bytes for the creator's scope; GET serves them; deleteAttachment removes them (foreign deletes are no-ops)", async () => {
    const store = new FakeAttachmentStore();
    const a = await store.createAttachment({ name: "a.bin", size: 3, mime_type: "application/octet-stream" }, alice);
    const url = a.upload_descriptor!.url;
    expect((await put(store, url, new Uint8Array([1, 2, 3]))).status).toBe(201);
    expect([...store.bytes(a.id, alice)!]).toEqual([1, 2, 3]);
    expect(store.bytes(a.id, bob)).toBeUndefined(); // C-SCOPE
    const got = await store.handleUpload(new Request(url));
    expect(got.headers.get("content-type")).toBe("application/octet-stream");
    expect([...new Uint8Array(await got.arrayBuffer())]).toEqual([1, 2, 3]);
    expect(store.uploads.map((u) => [u.attachmentId, u.scope])).toEqual([[a.id, "alice"]]);
    await store.deleteAttachment(a.id, bob);
    expect(store.bytes(a.id, alice)).toBeDefined();
    await store.deleteAttachment(a.id, alice);
    expect(store.bytes(a.id, alice)).toBeUndefined();
    expect((await put(store, url, "again")).status).toBe(404);
    await store.deleteAttachment(a.id, alice); // idempotent
  });

  it("a multipart POST stores its `file` field", async () => {
    const store = new FakeAttachmentStore({ method: "POST" });
    const a = await store.createAttachment({ name: "a.txt", size: 2, mime_type: "text/plain" }, alice);
    const form = new FormData();
    form.set("file", new Blob(["hi"]), "a.txt");
    expect((await store.handleUpload(new Request(a.upload_descriptor!.url, { method: "POST", body: form }))).status).toBe(201);
    expect(new TextDecoder().decode(store.bytes(a.id, alice))).toBe("hi");
    const empty = new FormData();
    empty.set("other", "x");
    expect((await store.handleUpload(new Request(a.upload_descriptor!.url, { method: "POST", body: empty }))).status).toBe(400);
  });

  it("unknown ids are 404, wrong methods 405, foreign URLs 404, and GET before upload 404", async () => {
    const store = new FakeAttachmentStore();
    const a = await store.createAttachment({ name: "a", size: 1, mime_type: "text/plain" }, alice);
    const url = a.upload_descriptor!.url;
    expect((await store.handleUpload(new Request(url))).status).toBe(404);
    expect((await store.handleUpload(new Request(url, { method: "DELETE" }))).status).toBe(405);
    expect((await put(store, `${store.baseUrl}/atc_unknown`, "x")).status).toBe(404);
    expect((await put(store, "http://elsewhere/atc_1", "x")).status).toBe(404);
    expect(await (await put(store, `${url}/preview`, "x")).text()).toMatch(/upload with PUT or POST/);
  });

  it("rejects a relative base URL or an unknown method", () => {
    expect(() => new FakeAttachmentStore({ baseUrl: "/uploads" })).toThrow(InvalidArgumentError);
    expect(() => new FakeAttachmentStore({ method: "PATCH" as never })).toThrow(/method must be "PUT" or "POST", got "PATCH"/);
  });
});
