/**
 * The assistant `serve` answers with when none is given: it streams the user's message back word by word,
 * so a frontend developer sees a streamed conversation at once.
 * @packageDocumentation
 */
import { reply, userText, type Assistant } from "../simulator/assistant.js";

/** Options of {@link echoAssistant}. */
export interface EchoAssistantOptions {
  /** Pause between two streamed words, in milliseconds, so the stream is visible in a UI. @defaultValue 40 */
  delayMs?: number;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });

/**
 * An assistant whose reply is `You said: <the user's text>`, streamed as one text delta per word (with a
 * short pause between them), as a model's reply streams. A message without text gets a greeting.
 * @example
 * ```ts
 * const server = await startChatKitServer({ assistant: echoAssistant({ delayMs: 0 }) });
 * ```
 */
export function echoAssistant<TContext = unknown>(options: EchoAssistantOptions = {}): Partial<Assistant<TContext>> {
  const delayMs = options.delayMs ?? 40;
  return {
    async *respond(thread, input, ctx) {
      const text = userText(input).trim();
      const answer = text === "" ? "Hello! Send me a message and I will repeat it." : `You said: ${text}`;
      const words = answer.split(/(?<=\s)/);
      for await (const event of reply.stream<TContext>(words)(thread, input, ctx)) {
        if (ctx.signal.aborted) return;
        if (event.type === "thread.item.updated" && event.update.type === "assistant_message.content_part.text_delta") await sleep(delayMs, ctx.signal);
        yield event;
      }
    },
  };
}
