/**
 * The ChatKit request envelope and every request type (docs/upstream.md §4.1–4.3), as zod schemas with the
 * types inferred from them. One endpoint takes `{type, params, metadata?}`; the types of
 * `STREAMING_REQUEST_TYPES` answer `text/event-stream`, those of `NON_STREAMING_REQUEST_TYPES` one JSON body.
 * @packageDocumentation
 */
import { z } from "zod";
import { AttachmentCreateParamsSchema } from "../../model/attachment.js";
import { AnyJsonSchema, FreeObjectSchema, opt } from "../../model/common.js";
import { InferenceOptionsSchema, UserMessageContentSchema } from "../../model/items.js";
import { renderPath } from "../../model/json.js";
import { show, type ShowOptions } from "../../errors/render.js";

/** `{type, payload?}`: the action of `threads.custom_action` and `threads.sync_custom_action` (§2.11). */
export const ActionSchema = z.object({ type: z.string(), payload: AnyJsonSchema.optional() });
/** An action sent by a widget. */
export type Action = z.infer<typeof ActionSchema>;

/**
 * A user message as the client sends it: content parts, attachment **ids** (required, may be `[]`),
 * an optional quote and the inference options (required upstream, may be `{}`).
 */
export const UserMessageInputSchema = z.object({
  content: z.array(UserMessageContentSchema),
  attachments: z.array(z.string()),
  quoted_text: opt(z.string()),
  inference_options: InferenceOptionsSchema,
});
/** See {@link UserMessageInputSchema}. */
export type UserMessageInput = z.infer<typeof UserMessageInputSchema>;

/** What `threads.add_structured_input` submits (§2.8). Answers are keyed by input id. */
export const StructuredInputSubmissionSchema = z.object({
  status: z.enum(["answered", "skipped"]).optional(),
  answers: z.record(z.string(), z.object({ values: z.array(z.string()).optional(), skipped: z.boolean().optional() })).optional(),
});
/** See {@link StructuredInputSubmissionSchema}. */
export type StructuredInputSubmission = z.infer<typeof StructuredInputSubmissionSchema>;

/** `limit`: missing, `null` or `0` mean the default page size (20); a negative limit is rejected. */
const LimitSchema = z.number().int().nonnegative().nullable().optional();
const OrderSchema = z.enum(["asc", "desc"]).optional();
const AfterSchema = z.string().nullable().optional();

/** The params schema of every request type (docs/upstream.md §4.2, §4.3). */
export const RequestParamsSchemas = {
  "threads.get_by_id": z.object({ thread_id: z.string() }),
  "threads.list": z.object({ limit: LimitSchema, order: OrderSchema, after: AfterSchema }),
  "items.list": z.object({ thread_id: z.string(), limit: LimitSchema, order: OrderSchema, after: AfterSchema }),
  "items.feedback": z.object({ thread_id: z.string(), item_ids: z.array(z.string()), kind: z.enum(["positive", "negative"]) }),
  "attachments.create": AttachmentCreateParamsSchema,
  "attachments.delete": z.object({ attachment_id: z.string() }),
  "threads.update": z.object({ thread_id: z.string(), title: z.string() }),
  "threads.delete": z.object({ thread_id: z.string() }),
  "input.transcribe": z.object({
    audio_base64: z.string().refine((s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0, { message: "must be standard base64 (A–Z a–z 0–9 + /, padded with =)" }),
    mime_type: z.string(),
  }),
  "threads.sync_custom_action": z.object({ thread_id: z.string(), item_id: opt(z.string()), action: ActionSchema }),
  "threads.create": z.object({ input: UserMessageInputSchema }),
  "threads.add_user_message": z.object({ thread_id: z.string(), input: UserMessageInputSchema }),
  "threads.add_client_tool_output": z.object({ thread_id: z.string(), result: AnyJsonSchema }),
  "threads.add_structured_input": z.object({ thread_id: z.string(), item_id: z.string(), input: StructuredInputSubmissionSchema }),
  "threads.retry_after_item": z.object({ thread_id: z.string(), item_id: z.string() }),
  "threads.custom_action": z.object({ thread_id: z.string(), item_id: opt(z.string()), action: ActionSchema }),
} as const;

/** Every request type. */
export type RequestType = keyof typeof RequestParamsSchemas;

/** The request types answered with `text/event-stream` (docs/upstream.md §4.1). */
export const STREAMING_REQUEST_TYPES = [
  "threads.create",
  "threads.add_user_message",
  "threads.add_client_tool_output",
  "threads.add_structured_input",
  "threads.retry_after_item",
  "threads.custom_action",
] as const satisfies readonly RequestType[];

/** The request types answered with one JSON body (docs/upstream.md §4.1). */
export const NON_STREAMING_REQUEST_TYPES = [
  "threads.get_by_id",
  "threads.list",
  "items.list",
  "items.feedback",
  "attachments.create",
  "attachments.delete",
  "threads.update",
  "threads.delete",
  "input.transcribe",
  "threads.sync_custom_action",
] as const satisfies readonly RequestType[];

/** A request type answered with `text/event-stream`. */
export type StreamingRequestType = (typeof STREAMING_REQUEST_TYPES)[number];
/** A request type answered with JSON. */
export type NonStreamingRequestType = (typeof NON_STREAMING_REQUEST_TYPES)[number];

type Assert<T extends true> = T;
/**
 * Every request type is in exactly one of the two lists: a new type in neither fails to compile HERE,
 * naming it (`unlisted`), and so does a type in both (`both`). The list then decides what the compiler
 * asks for next: a stream flow, or a JSON flow and its body in `ResponseBodies` (src/simulator/client.ts).
 */
type _EveryRequestTypeListedOnce = Assert<
  [Exclude<RequestType, StreamingRequestType | NonStreamingRequestType>, StreamingRequestType & NonStreamingRequestType] extends [never, never]
    ? true
    : { unlisted: Exclude<RequestType, StreamingRequestType | NonStreamingRequestType>; both: StreamingRequestType & NonStreamingRequestType }
>;

/** The params of request type `T`, as parsed. */
export type RequestParams<T extends RequestType> = z.infer<(typeof RequestParamsSchemas)[T]>;
/** The params of request type `T`, as a client may write them (optional fields may be left out). */
export type RequestParamsInput<T extends RequestType> = z.input<(typeof RequestParamsSchemas)[T]>;

/** One request: `{type, params, metadata?}`. `metadata` is for building the context; the server ignores it. */
export type ChatKitRequest = { [T in RequestType]: { type: T; params: RequestParams<T>; metadata?: Record<string, unknown> } }[RequestType];

/** Builds the envelope schema of one request type. @internal */
function envelope<T extends RequestType>(type: T) {
  return z.object({ type: z.literal(type), params: RequestParamsSchemas[type], metadata: FreeObjectSchema.optional() });
}

/** The request union, discriminated by `type`. */
export const ChatKitRequestSchema = z.discriminatedUnion(
  "type",
  (Object.keys(RequestParamsSchemas) as RequestType[]).map((t) => envelope(t)) as unknown as [
    ReturnType<typeof envelope<RequestType>>,
    ...ReturnType<typeof envelope<RequestType>>[],
  ],
);

/** Whether `type` names a request that streams. */
export function isStreamingRequestType(type: string): type is StreamingRequestType {
  return (STREAMING_REQUEST_TYPES as readonly string[]).includes(type);
}

/** Whether `type` is a known request type. */
export function isRequestType(type: unknown): type is RequestType {
  return typeof type === "string" && Object.prototype.hasOwnProperty.call(RequestParamsSchemas, type);
}

/** Why a request body was rejected: the JSON path of the first problem and a message naming all of them. */
export interface RequestProblem {
  /** Where, e.g. `params.thread_id`, `type`, or `$` for the whole body. */
  readonly path: string;
  readonly message: string;
}

/** How a message shows a received value: its JSON, cut at 60 characters; `nothing` where the body has none. */
const RECEIVED: ShowOptions = { as: "json", max: 60, undefinedAs: "nothing" };

/**
 * Parses a request body (already `JSON.parse`d) against the request union. Unknown extra keys are
 * dropped, as pydantic ignores them upstream.
 * @param body - untrusted JSON
 * @returns the request, or the problem: a missing or unknown `type`, or the first bad param
 */
export function parseChatKitRequest(body: unknown): { ok: true; request: ChatKitRequest } | { ok: false; problem: RequestProblem } {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return { ok: false, problem: { path: "$", message: `the body must be a JSON object {type, params}, got ${show(body, RECEIVED)}` } };
  }
  const type = (body as { type?: unknown }).type;
  if (!isRequestType(type)) {
    return {
      ok: false,
      problem: { path: "type", message: `type must be one of ${Object.keys(RequestParamsSchemas).join(", ")}, got ${show(type, RECEIVED)}` },
    };
  }
  const result = envelope(type).safeParse(body);
  if (result.success) return { ok: true, request: result.data as ChatKitRequest };
  const issues = result.error.issues.map((i) => {
    const path = renderPath("", i.path);
    let received = body as unknown;
    for (const p of i.path) received = received !== null && typeof received === "object" ? (received as Record<PropertyKey, unknown>)[p] : undefined;
    return { path, message: `${path} ${i.message.replace(/^Invalid input: /, "")}, got ${show(received, RECEIVED)}` };
  });
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more: ${issues.slice(1, 4).map((i) => i.path).join(", ")})` : "";
  return { ok: false, problem: { path: issues[0]!.path, message: `${type}: ${issues[0]!.message}${more}` } };
}
