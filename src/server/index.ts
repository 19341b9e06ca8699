/**
 * chatkit-testkit/server — a real local ChatKit server over the simulator: `startChatKitServer()` for tests
 * and Playwright, `npx chatkit-testkit serve` on the command line (docs/fake-backend.md). Node.js only.
 * @packageDocumentation
 */
export { startChatKitServer, type ChatKitServerOptions, type RunningChatKitServer } from "./startChatKitServer.js";
export { echoAssistant, type EchoAssistantOptions } from "./assistant.js";
