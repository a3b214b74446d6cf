import type { Redis } from "ioredis";
import type { PluginServices } from "../contract/plugin.js";
import type { KnowledgeService } from "../rag/knowledge-service.js";
import type { Storage } from "../stores/storage.js";

/**
 * What built-in plugins get beyond a user plugin's services: the process's storage and, when
 * configured, Redis. They are part of the gateway, so they may use its stores directly.
 */
export interface BuiltinPluginServices extends PluginServices {
  storage: Storage;
  redis?: Redis;
  /** The process's knowledge bases (the rag plugin); absent in hand-built test services. */
  knowledge?: KnowledgeService;
}
