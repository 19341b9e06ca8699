/**
 * A page on one origin (the static server, http://127.0.0.1:<p1>) holds a full ChatKit conversation with
 * `startChatKitServer` on another (http://127.0.0.1:<p2>/chatkit) over the browser's real `fetch`: every
 * request is cross-origin, so Chromium's CORS checks (preflights for the JSON POSTs and the PUT upload)
 * are what is tested, along with streaming over real HTTP. Screenshot: .tmp/browser/serve-cors.png.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { FakeAttachmentStore, InMemoryStore } from "chatkit-testkit";
import { echoAssistant, startChatKitServer } from "chatkit-testkit/server";
import type { ConversationResult } from "./conversation.js";
import { browserTier, bundle, collectLogs, conversationOutcome, pageHtml, screenshot, startStaticServer, type StaticServer } from "./support.js";

/** The page: the conversation against the endpoint given in its query string (no service worker). */
const ENTRY = `
import { publish, runConversation } from "./conversation.js";
publish(() => runConversation(new URL(location.href).searchParams.get("endpoint")!));
`;

const tier = await browserTier();

describe.skipIf(!tier.browser)(`a page calling startChatKitServer on another origin (CORS) in ${tier.note}`, () => {
  const store = new InMemoryStore({ scope: "single-tenant" });
  const serverLog: string[] = [];
  let server: Awaited<ReturnType<typeof startChatKitServer>>;
  let site: StaticServer;
  let page: Page;
  let logs: string[];
  let result: ConversationResult;

  beforeAll(async () => {
    // A short pause between streamed words, so the stream arrives in several chunks over HTTP.
    server = await startChatKitServer({ port: 0, host: "127.0.0.1", store, assistant: echoAssistant({ delayMs: 50 }), log: (line) => serverLog.push(line) });
    const built = await bundle({ entry: ENTRY });
    site = await startStaticServer({
      "/": { body: pageHtml("chatkit-testkit: serve + CORS"), type: "text/html; charset=utf-8" },
      "/page.js": { body: built.code, type: "text/javascript; charset=utf-8" },
    });
    const context = await tier.browser!.newContext({ viewport: { width: 720, height: 600 } });
    page = await context.newPage();
    logs = collectLogs(page);
    await page.goto(`${site.origin}/?endpoint=${encodeURIComponent(server.url)}`);
    result = await conversationOutcome(page, logs);
    await screenshot(page, "serve-cors");
  });

  afterAll(async () => {
    await page?.context().close();
    await tier.close();
    await site?.close();
    await server?.close();
  });

  it("the page and the server are different origins, both on 127.0.0.1", () => {
    expect(new URL(server.url).origin).toBe(server.origin);
    expect(server.origin).not.toBe(site.origin);
    expect(new URL(server.origin).hostname).toBe("127.0.0.1");
    expect(result.endpoint).toBe(server.url);
    expect(site.requests).toEqual(["GET /", "GET /page.js"]);
  });

  it("the browser sent CORS preflights (JSON POST, PUT upload) and the server allowed the page's origin", () => {
    const lines = serverLog.map((l) => l.split(" ").slice(1, 5).join(" ")); // method, url, type, status
    expect(lines).toContain("OPTIONS /chatkit - 204");
    expect(lines).toContain(`OPTIONS /uploads/${result.attachment.id} - 204`);
    expect(lines).toContain(`PUT /uploads/${result.attachment.id} upload 201`);
    expect(lines).toContain("POST /chatkit threads.create 200");
  });

  it("attachments.create hands out an absolute upload URL on the server's origin; the cross-origin PUT lands in the server's FakeAttachmentStore", () => {
    const { attachment } = result;
    expect(attachment.type).toBe("image");
    expect(attachment.uploadUrl).toBe(`${server.origin}/uploads/${attachment.id}`);
    expect(attachment.uploadStatus).toBe(201);
    expect(attachment.previewUrl).toBe(`${attachment.uploadUrl}/preview`);
    expect(attachment.previewBytes).toEqual(attachment.sentBytes);
    expect(attachment.imageWidth).toBe(48);
    const uploads = server.simulator.attachmentStore;
    expect(uploads).toBeInstanceOf(FakeAttachmentStore);
    expect((uploads as FakeAttachmentStore).uploads.map((u) => ({ id: u.attachmentId, mimeType: u.mimeType, bytes: [...u.bytes] }))).toEqual([
      { id: attachment.id, mimeType: "image/png", bytes: attachment.sentBytes },
    ]);
  });

  it("threads.create streams text/event-stream over HTTP, in several chunks, readable cross-origin", () => {
    expect(result.create.status).toBe(200);
    expect(result.create.contentType).toMatch(/^text\/event-stream/);
    expect(result.create.eventTypes.slice(0, 4)).toEqual(["thread.created", "thread.item.done", "stream_options", "thread.item.added"]);
    expect(result.create.eventTypes.at(-1)).toBe("thread.item.done");
    expect(result.create.chunks).toBeGreaterThan(1);
    expect(result.create.userAttachmentIds).toEqual([result.attachment.id]);
    expect(result.create.assistantText).toBe("You said: Look at this square!");
    expect(result.followUps.map((t) => t.assistantText)).toEqual(["You said: Is it orange?", "You said: Thanks."]);
  });

  it("threads.list and items.list paging see the whole conversation, in order", () => {
    const { items, pages } = result;
    expect(result.threadsList).toEqual({ ids: [result.create.threadId], has_more: false });
    expect(items.map((i) => i.type)).toEqual(["user_message", "assistant_message", "user_message", "assistant_message", "user_message", "assistant_message"]);
    expect(pages.map((p) => [p.ids.length, p.has_more])).toEqual([[2, true], [2, true], [2, false]]);
    expect(pages.flatMap((p) => p.ids)).toEqual(items.map((i) => i.id));
    expect(result.newestFirst).toEqual(items.map((i) => i.id).reverse().slice(0, 3));
  });

  it("threads.delete removes the thread from the server's store", async () => {
    expect(result.deleted).toEqual({ status: 200, body: {} });
    expect(result.threadsAfterDelete).toEqual([]);
    expect(result.itemsAfterDelete).toEqual({ status: 200, body: { data: [], has_more: false } });
    expect((await store.loadThreads(10, null, "asc", undefined)).data).toEqual([]);
    expect(server.simulator.requests.map((r) => r.type)).toEqual(result.requests.map((r) => r.type));
  });

  it("a server that does not allow the page's origin is refused by the browser", async () => {
    const closed = await startChatKitServer({ port: 0, cors: "http://example.invalid" });
    try {
      const outcome = await page.evaluate(async (url) => {
        try {
          const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type: "threads.list", params: {} }) });
          return `answered ${response.status}`;
        } catch (error) {
          return `${(error as Error).name}: ${(error as Error).message}`;
        }
      }, closed.url);
      expect(outcome).toBe("TypeError: Failed to fetch");
      // The preflight was refused, so the POST itself never reached the simulator.
      expect(closed.simulator.requests).toEqual([]);
    } finally {
      await closed.close();
    }
  });
});
