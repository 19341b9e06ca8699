/**
 * Page code (bundled by test/browser/support.ts, runs in Chromium): one full ChatKit conversation over the
 * page's own `fetch`, as a frontend would hold it, against whatever answers `endpoint` (msw's worker in
 * msw-worker.test.ts, a real server on another origin in serve-cors.test.ts). The result lands in
 * `globalThis.__chatkitPage` for the test to read, and the conversation is rendered into the page for the
 * screenshot.
 *
 * tsconfig has no DOM lib (the rest of the repository is Node code): the few browser globals used here
 * are declared locally below.
 */

interface PageImage {
  decode(): Promise<void>;
  readonly naturalWidth: number;
}
interface PageDocument {
  title: string;
  readonly body: { innerHTML: string };
  querySelector(selector: string): PageImage | null;
}
interface PageCanvas {
  getContext(kind: "2d"): { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void } | null;
  convertToBlob(options: { type: string }): Promise<Blob>;
}
declare const document: PageDocument;
declare const OffscreenCanvas: new (width: number, height: number) => PageCanvas;

/** What the test reads back: `done` once the conversation ended, with `result` or `error`. */
export interface PageState {
  done: boolean;
  result?: ConversationResult;
  error?: string;
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON, checked by the test

/** Everything the conversation saw, for the test's assertions. */
export interface ConversationResult {
  endpoint: string;
  attachment: {
    id: string;
    type: string;
    uploadUrl: string;
    uploadMethod: string;
    uploadStatus: number;
    previewUrl: string;
    /** The bytes uploaded (a PNG the page drew) and those `GET preview_url` served back. */
    sentBytes: number[];
    previewBytes: number[];
    /** The `<img src=preview_url>` the page rendered, once decoded. */
    imageWidth: number;
  };
  create: {
    status: number;
    contentType: string | null;
    eventTypes: string[];
    /** How many chunks the body arrived in (informational: streaming through the worker keeps chunks). */
    chunks: number;
    threadId: string;
    userAttachmentIds: string[];
    assistantText: string;
  };
  followUps: { text: string; eventTypes: string[]; assistantText: string }[];
  threadsList: { ids: string[]; has_more: boolean };
  /** items.list in pages of 2, oldest first, following `after`. */
  pages: { ids: string[]; has_more: boolean }[];
  /** items.list in one page of 100, oldest first. */
  items: { id: string; type: string; text: string }[];
  /** items.list newest first, limit 3. */
  newestFirst: string[];
  deleted: { status: number; body: Json };
  threadsAfterDelete: string[];
  /** items.list of the deleted thread: status and body. */
  itemsAfterDelete: { status: number; body: Json };
  /** The requests as the page made them, in order: `type` and HTTP status. */
  requests: { type: string; status: number }[];
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Parses a `text/event-stream` body: `data:` lines of frames separated by a blank line. */
async function readEventStream(response: Response): Promise<{ events: Json[]; chunks: number }> {
  if (!response.body) throw new Error("the stream has no body");
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const events: Json[] = [];
  let buffer = "";
  let chunks = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks++;
    buffer += value;
    let end: number;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, "");
      const data = frame
        .split(/\r?\n/)
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(5).replace(/^ /, ""))
        .join("\n");
      if (data !== "") events.push(JSON.parse(data));
    }
  }
  if (buffer.trim() !== "") throw new Error(`the stream ended inside a frame: ${JSON.stringify(buffer)}`);
  return { events, chunks };
}

const textOf = (item: Json): string => (item.content ?? []).map((c: Json) => c.text ?? "").join("");

/** The text of the assistant message a stream finished (`thread.item.done` of an assistant_message). */
const assistantTextOf = (events: Json[]): string =>
  textOf(events.find((e) => e.type === "thread.item.done" && e.item.type === "assistant_message")?.item ?? {});

/** A small PNG drawn on a canvas: the attachment's bytes. */
async function drawPng(): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(48, 32);
  const ctx = canvas.getContext("2d")!;
  ctx.fillStyle = "#f59e0b";
  ctx.fillRect(0, 0, 48, 32);
  ctx.fillStyle = "#1e3a8a";
  ctx.fillRect(8, 8, 32, 16);
  return new Uint8Array(await (await canvas.convertToBlob({ type: "image/png" })).arrayBuffer());
}

/**
 * Runs the conversation: attachments.create + the upload, threads.create (streamed), two
 * threads.add_user_message, threads.list, items.list paging, threads.delete.
 * @param endpoint - the ChatKit URL, relative to the page or absolute
 */
export async function runConversation(endpoint: string): Promise<ConversationResult> {
  const requests: ConversationResult["requests"] = [];
  const post = async (type: string, params: unknown): Promise<Response> => {
    const response = await fetch(endpoint, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type, params }) });
    requests.push({ type, status: response.status });
    return response;
  };
  const json = async (type: string, params: unknown): Promise<Json> => {
    const response = await post(type, params);
    const body = await response.json();
    if (!response.ok) throw new Error(`${type} answered ${response.status}: ${JSON.stringify(body)}`);
    return body;
  };
  const stream = async (type: string, params: unknown) => {
    const response = await post(type, params);
    if (!response.ok) throw new Error(`${type} answered ${response.status}: ${await response.text()}`);
    return { response, ...(await readEventStream(response)) };
  };
  const input = (text: string, attachments: string[] = []) => ({ content: [{ type: "input_text", text }], attachments, inference_options: {} });

  // 1. Two-phase upload: the record, then the bytes where its descriptor says.
  const png = await drawPng();
  const attachment = await json("attachments.create", { name: "square.png", size: png.byteLength, mime_type: "image/png" });
  const descriptor = attachment.upload_descriptor;
  const upload = await fetch(descriptor.url, { method: descriptor.method, headers: descriptor.headers, body: new Blob([png], { type: "image/png" }) });
  const preview = new Uint8Array(await (await fetch(attachment.preview_url)).arrayBuffer());

  // 2. A thread with the attachment, streamed.
  const created = await stream("threads.create", { input: input("Look at this square!", [attachment.id]) });
  const threadCreated = created.events.find((e) => e.type === "thread.created");
  if (!threadCreated) throw new Error(`threads.create sent no thread.created: ${JSON.stringify(created.events.map((e) => e.type))}`);
  const threadId: string = threadCreated.thread.id;
  const userItem = created.events.find((e) => e.type === "thread.item.done" && e.item.type === "user_message")?.item;

  // 3. Two more turns.
  const followUps: ConversationResult["followUps"] = [];
  for (const text of ["Is it orange?", "Thanks."]) {
    const turn = await stream("threads.add_user_message", { thread_id: threadId, input: input(text) });
    followUps.push({ text, eventTypes: turn.events.map((e) => e.type), assistantText: assistantTextOf(turn.events) });
  }

  // 4. Listing.
  const threads = await json("threads.list", { limit: 10 });
  const pages: ConversationResult["pages"] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 20; guard++) {
    const page = await json("items.list", { thread_id: threadId, limit: 2, order: "asc", ...(after ? { after } : {}) });
    pages.push({ ids: page.data.map((i: Json) => i.id), has_more: page.has_more });
    if (!page.has_more) break;
    after = page.after;
  }
  const all = await json("items.list", { thread_id: threadId, limit: 100, order: "asc" });
  const newest = await json("items.list", { thread_id: threadId, limit: 3, order: "desc" });
  const items = all.data.map((i: Json) => ({ id: i.id, type: i.type, text: textOf(i) }));

  // The page as a chat UI would show it (for the screenshot), with the attachment's preview.
  document.title = `ChatKit conversation ${threadId}`;
  document.body.innerHTML = [
    `<style>body{font:14px system-ui,sans-serif;margin:24px;max-width:640px}.m{padding:8px 12px;border-radius:10px;margin:6px 0;width:fit-content;max-width:80%}.user_message{background:#dbeafe;margin-left:auto}.assistant_message{background:#f3f4f6}code{font-size:12px;color:#555}</style>`,
    `<h1>ChatKit conversation</h1><p><code>${escape(endpoint)}</code> · thread <code>${escape(threadId)}</code></p>`,
    ...items.map((i: { id: string; type: string; text: string }, n: number) =>
      `<div class="m ${escape(i.type)}" data-id="${escape(i.id)}">${escape(i.text)}${n === 0 ? `<br><img id="preview" alt="attachment" src="${escape(attachment.preview_url)}" width="96">` : ""}</div>`,
    ),
    `<p id="status">${threads.data.length} thread(s), ${items.length} items in ${pages.length} pages of 2</p>`,
  ].join("");
  const img = document.querySelector("#preview")!;
  await img.decode();

  // 5. Delete the thread.
  const deletedResponse = await post("threads.delete", { thread_id: threadId });
  const deleted = { status: deletedResponse.status, body: await deletedResponse.json() };
  const threadsAfter = await json("threads.list", {});
  const itemsAfter = await post("items.list", { thread_id: threadId });
  const itemsAfterBody = await itemsAfter.json();
  document.body.innerHTML += `<p id="deleted">threads.delete → ${deleted.status}; ${threadsAfter.data.length} thread(s) left</p>`;

  return {
    endpoint,
    attachment: {
      id: attachment.id,
      type: attachment.type,
      uploadUrl: descriptor.url,
      uploadMethod: descriptor.method,
      uploadStatus: upload.status,
      previewUrl: attachment.preview_url,
      sentBytes: [...png],
      previewBytes: [...preview],
      imageWidth: img.naturalWidth,
    },
    create: {
      status: created.response.status,
      contentType: created.response.headers.get("content-type"),
      eventTypes: created.events.map((e) => e.type),
      chunks: created.chunks,
      threadId,
      userAttachmentIds: (userItem?.attachments ?? []).map((a: Json) => a.id),
      assistantText: assistantTextOf(created.events),
    },
    followUps,
    threadsList: { ids: threads.data.map((t: Json) => t.id), has_more: threads.has_more },
    pages,
    items,
    newestFirst: newest.data.map((i: Json) => i.id),
    deleted,
    threadsAfterDelete: threadsAfter.data.map((t: Json) => t.id),
    itemsAfterDelete: { status: itemsAfter.status, body: itemsAfterBody },
    requests,
  };
}

/** Runs `conversation` and publishes its outcome in `globalThis.__chatkitPage` (and on the page when it fails). */
export function publish(conversation: () => Promise<ConversationResult>): void {
  const state: PageState = { done: false };
  (globalThis as { __chatkitPage?: PageState }).__chatkitPage = state;
  conversation().then(
    (result) => {
      state.result = result;
      state.done = true;
    },
    (error: unknown) => {
      state.error = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error);
      state.done = true;
      document.body.innerHTML += `<pre id="error" style="color:#b91c1c">${escape(state.error)}</pre>`;
    },
  );
}
