/**
 * An in-memory {@link AttachmentStore} with two-phase uploads, for tests: `createAttachment` hands out an
 * `upload_descriptor` pointing at a configurable base URL, the bytes uploaded there are kept in memory,
 * and `deleteAttachment` drops them. Everything is scoped by the request context.
 * @packageDocumentation
 */
import type { Attachment, AttachmentCreateParams, AttachmentUploadDescriptor } from "../model/attachment.js";
import { defaultGenerateId } from "../model/ids.js";
import { show } from "../model/json.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { scopeResolver, type ScopeOption, type ScopeResolver } from "../store/scope.js";
import type { AttachmentStore } from "../store/Store.js";
import { prefixed } from "../errors/render.js";

/** Options of {@link FakeAttachmentStore}. */
export interface FakeAttachmentStoreOptions<TContext = unknown> {
  /**
   * Where uploads go: `upload_descriptor.url` is `<baseUrl>/<attachment id>`. An absolute URL.
   * @defaultValue `"http://localhost/chatkit-uploads"`
   */
  baseUrl?: string;
  /** The upload method the client is told to use. @defaultValue `"PUT"` */
  method?: "PUT" | "POST";
  /** Headers the client is told to send with the upload. @defaultValue `{}` */
  headers?: Record<string, string>;
  /**
   * Derives the scope from the context (C-SCOPE), as the stores' `scope` option: a function returning a
   * non-empty string, or `"single-tenant"`. A context without a scope key is an `InvalidArgumentError`.
   * @defaultValue {@link defaultScope}
   */
  scope?: ScopeOption<TContext>;
  /** Id generator. @defaultValue `atc_<32 hex>` (C-ID) */
  generateId?: () => string;
  /**
   * Integration metadata put on each new record. The server never sends it (the simulator strips it),
   * which is what this option lets a test check. @defaultValue none
   */
  metadata?: (params: AttachmentCreateParams) => Record<string, unknown> | undefined;
}

/** One upload the store received. */
export interface StoredUpload {
  readonly attachmentId: string;
  readonly scope: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
  /** The request's headers, lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
}

interface Pending {
  readonly scope: string;
  readonly mimeType: string;
  bytes: Uint8Array | null;
  headers: Record<string, string>;
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { "content-type": "text/plain" } });
}

/**
 * An {@link AttachmentStore} that keeps uploaded bytes in memory (docs/upstream.md §1.5).
 *
 * - `createAttachment(params, ctx)`: a `file` record, or an `image` one for `image/*` types (with
 *   `preview_url` = `<baseUrl>/<id>/preview`), carrying `upload_descriptor: {url, method, headers}`.
 *   The simulator then saves the record with `Store.saveAttachment`, as the server does.
 * - {@link handleUpload}: the upload endpoint, a pure `(Request) => Promise<Response>`: `PUT` or `POST`
 *   stores the body (a multipart `file` field for `POST` forms), `GET` serves the bytes back.
 *   `chatkit-testkit/msw` mounts it next to the ChatKit endpoint.
 * - `deleteAttachment(id, ctx)`: removes the bytes; a no-op for a missing or foreign id.
 *
 * The upload descriptor is left on the record after the upload, as a store that is not told otherwise
 * keeps it (upstream embeds leftover descriptors in user messages).
 */
export class FakeAttachmentStore<TContext = unknown> implements AttachmentStore<TContext> {
  /** The base URL uploads go to, without a trailing slash. */
  readonly baseUrl: string;
  private readonly method: "PUT" | "POST";
  private readonly headers: Record<string, string>;
  private readonly scopeOf: ScopeResolver<TContext>;
  private readonly newId: () => string;
  private readonly metadataOf: FakeAttachmentStoreOptions<TContext>["metadata"];
  private readonly files = new Map<string, Pending>();

  constructor(options: FakeAttachmentStoreOptions<TContext> = {}) {
    const base = options.baseUrl ?? "http://localhost/chatkit-uploads";
    if (typeof base !== "string" || !URL.canParse(base)) {
      throw new InvalidArgumentError("FakeAttachmentStore", "baseUrl", `must be an absolute URL, got ${show(base)}`);
    }
    if (options.method !== undefined && options.method !== "PUT" && options.method !== "POST") {
      throw new InvalidArgumentError("FakeAttachmentStore", "method", `must be "PUT" or "POST", got ${show(options.method)}`);
    }
    this.baseUrl = new URL(base).href.replace(/\/+$/, "");
    this.method = options.method ?? "PUT";
    this.headers = { ...(options.headers ?? {}) };
    this.scopeOf = scopeResolver<TContext>("FakeAttachmentStore", options.scope);
    this.newId = options.generateId ?? (() => defaultGenerateId("attachment"));
    this.metadataOf = options.metadata;
  }

  generateAttachmentId(_mimeType: string, context: TContext): string {
    this.scopeOf("generateAttachmentId", context); // C-SCOPE fails closed on every method
    return this.newId();
  }

  async createAttachment(params: AttachmentCreateParams, context: TContext): Promise<Attachment> {
    const scope = this.scopeOf("createAttachment", context);
    const id = this.generateAttachmentId(params.mime_type, context);
    const url = this.urlOf(id);
    const upload_descriptor: AttachmentUploadDescriptor = { url, method: this.method, headers: { ...this.headers } };
    const metadata = this.metadataOf?.(params);
    const base = { id, name: params.name, mime_type: params.mime_type, upload_descriptor, ...(metadata ? { metadata } : {}) };
    this.files.set(id, { scope, mimeType: params.mime_type, bytes: null, headers: {} });
    return params.mime_type.startsWith("image/") ? { type: "image", ...base, preview_url: `${url}/preview` } : { type: "file", ...base };
  }

  async deleteAttachment(attachmentId: string, context: TContext): Promise<void> {
    const scope = this.scopeOf("deleteAttachment", context);
    if (this.files.get(attachmentId)?.scope === scope) this.files.delete(attachmentId);
  }

  /** The upload URL of an attachment id. */
  urlOf(attachmentId: string): string {
    return `${this.baseUrl}/${encodeURIComponent(attachmentId)}`;
  }

  /** The bytes uploaded for an attachment in the context's scope, or `undefined` (not uploaded, deleted, foreign). */
  bytes(attachmentId: string, context: TContext): Uint8Array | undefined {
    const scope = this.scopeOf("bytes", context);
    const file = this.files.get(attachmentId);
    if (!file || file.scope !== scope || !file.bytes) return undefined;
    return file.bytes.slice();
  }

  /** Every upload received and not deleted, in creation order. */
  get uploads(): StoredUpload[] {
    const out: StoredUpload[] = [];
    for (const [attachmentId, f] of this.files) {
      if (f.bytes) out.push({ attachmentId, scope: f.scope, mimeType: f.mimeType, bytes: f.bytes.slice(), headers: { ...f.headers } });
    }
    return out;
  }

  /** Whether `url` is under {@link baseUrl}. */
  matches(url: string | URL): boolean {
    const href = typeof url === "string" ? url : url.href;
    return href.startsWith(`${this.baseUrl}/`);
  }

  /**
   * The upload endpoint. `PUT`/`POST <baseUrl>/<id>` stores the bytes (201; for a `multipart/form-data`
   * POST, the `file` field); `GET <baseUrl>/<id>` and `GET <baseUrl>/<id>/preview` serve them with the
   * attachment's mime type. Unknown ids get 404, other methods 405.
   * @param request - any request under {@link baseUrl}
   */
  readonly handleUpload = async (request: Request): Promise<Response> => {
    if (!this.matches(request.url)) return text(404, prefixed(`FakeAttachmentStore: ${request.url} is not under ${this.baseUrl}`));
    const rest = request.url.slice(this.baseUrl.length + 1).split(/[?#]/)[0]!;
    const [rawId, sub, ...extra] = rest.split("/");
    const id = decodeURIComponent(rawId ?? "");
    const file = this.files.get(id);
    if (!file || extra.length > 0 || (sub !== undefined && sub !== "preview")) {
      return text(404, prefixed(`FakeAttachmentStore: no attachment ${JSON.stringify(id)} awaits an upload at ${request.url}`));
    }
    if (request.method === "GET") {
      if (!file.bytes) return text(404, prefixed(`FakeAttachmentStore: attachment ${JSON.stringify(id)} was not uploaded yet`));
      return new Response(file.bytes.slice(), { status: 200, headers: { "content-type": file.mimeType } });
    }
    if (sub !== undefined || (request.method !== "PUT" && request.method !== "POST")) {
      return text(405, prefixed(`FakeAttachmentStore: upload with PUT or POST to ${this.urlOf(id)}, got ${request.method} ${request.url}`));
    }
    let bytes: Uint8Array;
    const type = request.headers.get("content-type") ?? "";
    if (request.method === "POST" && type.startsWith("multipart/form-data")) {
      const form = await request.formData();
      const part = form.get("file");
      if (part === null) return text(400, prefixed(`FakeAttachmentStore: the multipart upload has no "file" field`));
      bytes = typeof part === "string" ? new TextEncoder().encode(part) : new Uint8Array(await part.arrayBuffer());
    } else {
      bytes = new Uint8Array(await request.arrayBuffer());
    }
    file.bytes = bytes;
    file.headers = Object.fromEntries([...request.headers].map(([k, v]) => [k.toLowerCase(), v]));
    return new Response(null, { status: 201 });
  };
}
