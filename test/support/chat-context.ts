// The gateway's own tests use the helper plugin authors get from the package.
export { testChatContext } from "../../src/contract/test-chat-context.js";
