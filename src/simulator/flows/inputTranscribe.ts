/**
 * `input.transcribe` (docs/upstream.md §4.2): no store call; base64-decode the audio and call the
 * `transcribe` hook with `media_type` = the part of `mime_type` before `;`. `{"text": …}`.
 * @internal
 */
import { flowError, type JsonFlow } from "../internal/env.js";

export const inputTranscribe: JsonFlow<"input.transcribe"> = {
  streaming: false,
  async run(params, env) {
    const data = Uint8Array.from(atob(params.audio_base64), (c) => c.charCodeAt(0));
    const transcribe = env.assistant.transcribe;
    if (!transcribe) throw flowError("input.transcribe", "the assistant has no `transcribe` hook (upstream raises NotImplementedError)");
    const media_type = params.mime_type.split(";")[0]!.trim();
    const result = await transcribe({ data, mime_type: params.mime_type, media_type }, env.hookContext());
    return { text: result.text };
  },
};
