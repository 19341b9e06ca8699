/**
 * The browser recipe of docs/fake-backend.md (In a browser), run as written: its ```ts browser``` block is
 * bundled with esbuild (chatkit-testkit from src/), served next to msw's mockServiceWorker.js from a
 * static server on 127.0.0.1, and loaded in headless Chromium, where a full ChatKit conversation runs
 * from page JavaScript with `fetch` (test/browser/conversation.ts) against msw's service worker. No
 * ChatKit request may reach the static server: the worker answers them all, uploads included.
 * Screenshot: .tmp/browser/msw-worker.png.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { extractExamples } from "../docs/docsExamples.js";
import type { ConversationResult } from "./conversation.js";
import { ROOT, browserTier, bundle, collectLogs, conversationOutcome, fencedBlock, mswWorkerScript, pageHtml, screenshot, startStaticServer, type StaticServer } from "./support.js";

const DOC = path.join(ROOT, "docs", "fake-backend.md");
const recipe = fencedBlock(DOC, "ts browser");

/**
 * The page: the docs recipe as module `virtual:recipe`, then the conversation against its worker. The
 * recipe's exports are used as values (put on `globalThis` for the test to read): an import whose
 * bindings go unused is elided by esbuild's TypeScript loader, and the worker would never start.
 */
const ENTRY = `
import { attachments, sim, worker } from "virtual:recipe";
import { publish, runConversation } from "./conversation.js";
Object.assign(globalThis, { __chatkit: { sim, attachments, worker } });
publish(() => runConversation("/chatkit"));
`;

/** What threads.create streams for a user message with one attachment and a two-chunk reply. */
const CREATE_EVENTS = ["thread.created", "thread.item.done", "stream_options", "thread.item.added", "thread.item.updated", "thread.item.updated", "thread.item.updated", "thread.item.updated", "thread.item.done"];

describe("docs/fake-backend.md, In a browser", () => {
  it("has one ```ts browser``` block, which the Node docs test does not run", () => {
    expect(recipe).toContain(`setupWorker(...chatkitHandlers(sim, { url: "/chatkit" }))`);
    expect(recipe).toContain("await worker.start();");
    expect(recipe).toMatch(/new FakeAttachmentStore\(\{ baseUrl: new URL\("\/uploads", location\.origin\)\.href/);
    // The Node docs test runs the page's `ts run` blocks only: the browser recipe is not among them.
    const runnable = extractExamples(readFileSync(DOC, "utf8"), "docs/fake-backend.md");
    expect(runnable.length).toBeGreaterThan(0);
    expect(JSON.stringify(runnable)).not.toContain("setupWorker");
  });
});

const tier = await browserTier();

describe.skipIf(!tier.browser)(`msw's browser worker in ${tier.note}`, () => {
  let site: StaticServer;
  let page: Page;
  let logs: string[];
  let result: ConversationResult;
  let inputs: string[];

  beforeAll(async () => {
    const built = await bundle({ entry: ENTRY, modules: { recipe } });
    inputs = built.inputs;
    site = await startStaticServer({
      "/": { body: pageHtml("chatkit-testkit: msw worker"), type: "text/html; charset=utf-8" },
      "/page.js": { body: built.code, type: "text/javascript; charset=utf-8" },
      "/mockServiceWorker.js": { body: mswWorkerScript(), type: "text/javascript; charset=utf-8" },
    });
    const context = await tier.browser!.newContext({ viewport: { width: 720, height: 600 } });
    page = await context.newPage();
    logs = collectLogs(page);
    await page.goto(`${site.origin}/`);
    result = await conversationOutcome(page, logs);
    await screenshot(page, "msw-worker");
  });

  afterAll(async () => {
    await page?.context().close();
    await tier.close();
    await site?.close();
  });

  it("bundles the recipe from the sources: chatkit-testkit, chatkit-testkit/msw and msw/browser, nothing from node:", () => {
    expect(inputs).toContain("virtual:recipe");
    expect(inputs).toContain("src/index.ts");
    expect(inputs).toContain("src/msw/index.ts");
    expect(inputs.some((i) => i.includes("node_modules/msw/lib/browser/"))).toBe(true);
    expect(inputs.filter((i) => i.startsWith("node:"))).toEqual([]);
  });

  it("the worker controls the page and answered every ChatKit request: the static server saw only the page, its script and the worker", async () => {
    expect(await page.evaluate(() => (globalThis as unknown as { navigator: { serviceWorker: { controller: { scriptURL: string } | null } } }).navigator.serviceWorker.controller?.scriptURL)).toBe(`${site.origin}/mockServiceWorker.js`);
    expect(new Set(site.requests)).toEqual(new Set(["GET /", "GET /page.js", "GET /mockServiceWorker.js"]));
  });

  it("attachments.create hands out an absolute upload URL on the page's origin; the bytes land in the page's FakeAttachmentStore and come back as the preview", async () => {
    const { attachment } = result;
    expect(attachment.type).toBe("image");
    expect(attachment.uploadUrl).toBe(`${site.origin}/uploads/${attachment.id}`);
    expect(attachment.uploadMethod).toBe("PUT");
    expect(attachment.uploadStatus).toBe(201);
    expect(attachment.previewUrl).toBe(`${attachment.uploadUrl}/preview`);
    expect(attachment.sentBytes.slice(0, 8)).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]); // a PNG
    expect(attachment.previewBytes).toEqual(attachment.sentBytes);
    expect(attachment.imageWidth).toBe(48); // <img src=preview_url> decoded, through the worker
    const stored = await page.evaluate(() => {
      const { attachments } = (globalThis as unknown as { __chatkit: { attachments: { uploads: { attachmentId: string; mimeType: string; bytes: Uint8Array }[] } } }).__chatkit;
      return attachments.uploads.map((u) => ({ id: u.attachmentId, mimeType: u.mimeType, bytes: [...u.bytes] }));
    });
    expect(stored).toEqual([{ id: attachment.id, mimeType: "image/png", bytes: attachment.sentBytes }]);
  });

  it("threads.create streams text/event-stream: the user message with its attachment, then the scripted reply", () => {
    expect(result.create.status).toBe(200);
    expect(result.create.contentType).toBe("text/event-stream");
    expect(result.create.eventTypes).toEqual(CREATE_EVENTS);
    expect(result.create.userAttachmentIds).toEqual([result.attachment.id]);
    expect(result.create.assistantText).toBe("Nice square!");
    for (const turn of result.followUps) {
      expect(turn.eventTypes).toEqual(CREATE_EVENTS.slice(1));
      expect(turn.assistantText).toBe("Nice square!");
    }
  });

  it("threads.list and items.list paging see the whole conversation, in order", () => {
    const { items, pages } = result;
    expect(result.threadsList).toEqual({ ids: [result.create.threadId], has_more: false });
    expect(items.map((i) => [i.type, i.text])).toEqual([
      ["user_message", "Look at this square!"],
      ["assistant_message", "Nice square!"],
      ["user_message", "Is it orange?"],
      ["assistant_message", "Nice square!"],
      ["user_message", "Thanks."],
      ["assistant_message", "Nice square!"],
    ]);
    expect(pages.map((p) => [p.ids.length, p.has_more])).toEqual([[2, true], [2, true], [2, false]]);
    expect(pages.flatMap((p) => p.ids)).toEqual(items.map((i) => i.id));
    expect(result.newestFirst).toEqual(items.map((i) => i.id).reverse().slice(0, 3));
  });

  it("threads.delete removes the thread and its items: threads.list and items.list of it are empty", () => {
    expect(result.deleted).toEqual({ status: 200, body: {} });
    expect(result.threadsAfterDelete).toEqual([]);
    // As upstream: items.list does not load the thread first, so a deleted (or unknown) thread is an empty page.
    expect(result.itemsAfterDelete).toEqual({ status: 200, body: { data: [], has_more: false } });
  });

  it("the simulator in the page recorded the same requests the page made", async () => {
    const recorded = await page.evaluate(() =>
      (globalThis as unknown as { __chatkit: { sim: { requests: { type: string; status: number; outcome: string }[] } } }).__chatkit.sim.requests.map((r) => ({ type: r.type, status: r.status, outcome: r.outcome })),
    );
    expect(recorded.map(({ type, status }) => ({ type, status }))).toEqual(result.requests);
    expect(result.requests.map((r) => r.type)).toEqual([
      "attachments.create",
      "threads.create",
      "threads.add_user_message",
      "threads.add_user_message",
      "threads.list",
      "items.list",
      "items.list",
      "items.list",
      "items.list",
      "items.list",
      "threads.delete",
      "threads.list",
      "items.list",
    ]);
    expect(recorded.every((r) => r.status === 200 && r.outcome === "completed")).toBe(true);
  });
});
