import type { Exchange } from "../http/exchange.js";
import { sendJson } from "../http/send.js";

/** GET /v1/models: virtual models, then each provider's listed models as provider/model. */
export async function handleListModels(exchange: Exchange): Promise<void> {
  const created = exchange.runtime.loadedAt;
  const data = exchange.runtime.routes.list().map((model) => ({
    id: model.id,
    object: "model",
    created,
    owned_by: model.ownedBy,
  }));
  sendJson(exchange, 200, JSON.stringify({ object: "list", data }));
}
