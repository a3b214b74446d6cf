import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";

/**
 * Retrieval quality on a small fixture: each question has one known source passage; recall@k
 * is the share of questions whose source is among the top k chunks.
 *
 * Embedder used: the mock upstream's `mock-bag-of-words` model (64-dimensional normalised bag of
 * hashed word tokens). It rewards shared words, not meaning, so the questions reuse some of
 * their passage's words the way real users quote docs; a provider embedder scores paraphrases too.
 */
const PASSAGES: Record<string, string> = {
  "install.md": "Install Switchyard with npm ci, then start the gateway with npm start on port 4100.",
  "keys.md": "Gateway keys are random secrets shown once and stored only as a hash in the database.",
  "budgets.md": "Budgets cap spending in US dollars per key or project and reset every calendar month.",
  "limits.md": "Rate limits count requests and tokens per minute for each key, shared through Redis.",
  "cache.md": "The exact cache answers a repeated identical request without calling the provider again.",
  "semantic.md": "The semantic cache compares prompt embeddings and reuses answers to similar questions.",
  "fallback.md": "Fallback routing tries the next target when a provider times out or returns a 5xx error.",
  "logs.md": "Request logs record model, provider, latency, token usage and cost for every request.",
  "guards.md": "Guardrails block prompts with personal data such as email addresses or card numbers.",
  "reload.md": "Send SIGHUP to reload the configuration file without dropping requests in flight.",
  "shutdown.md": "On SIGTERM the gateway finishes streams in flight and flushes queued log events before exiting.",
  "crawler.md": "The crawler honours robots.txt, waits a politeness delay and refuses private network addresses.",
  "templates.md": "Prompt templates are versioned and render variables with Liquid syntax.",
  "anthropic.md": "Clients using the Anthropic Messages API can call any provider through the gateway.",
  "metrics.md": "Prometheus metrics expose request counts, latency histograms and upstream errors.",
};

const QUESTIONS: Array<[string, string]> = [
  ["How do I install and start Switchyard?", "install.md"],
  ["Are gateway keys stored as a hash?", "keys.md"],
  ["When do budgets reset?", "budgets.md"],
  ["How are rate limits counted per minute?", "limits.md"],
  ["Does an identical repeated request call the provider?", "cache.md"],
  ["Can similar questions reuse cached answers?", "semantic.md"],
  ["What happens when a provider times out?", "fallback.md"],
  ["What do request logs record?", "logs.md"],
  ["Can guardrails block email addresses?", "guards.md"],
  ["How do I reload the configuration file?", "reload.md"],
  ["What happens on SIGTERM to streams in flight?", "shutdown.md"],
  ["Does the crawler honour robots.txt?", "crawler.md"],
  ["Are prompt templates versioned?", "templates.md"],
  ["Can I use the Anthropic Messages API?", "anthropic.md"],
  ["Which Prometheus metrics are exposed?", "metrics.md"],
];

const MASTER_KEY = "rag-recall-master-key-0123456789";
let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;

const admin = async (path: string, body: unknown) => {
  const response = await fetch(`${gateway.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${MASTER_KEY}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { data?: Array<{ source: string }> };
};

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
  gateway = await startGateway({
    admin: { masterKey: MASTER_KEY },
    providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
  });
  await admin("/admin/knowledge-bases", { name: "fixture", embedder: "upstream/mock-bag-of-words" });
  for (const [source, text] of Object.entries(PASSAGES)) {
    await admin("/admin/knowledge-bases/fixture/documents", { text, source });
  }
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
});

async function recallAt(k: number, options: Record<string, unknown>): Promise<number> {
  let hits = 0;
  for (const [query, source] of QUESTIONS) {
    const found = await admin("/admin/knowledge-bases/fixture/search", { query, topK: k, ...options });
    if (found.data?.some((chunk) => chunk.source === source)) hits++;
  }
  return hits / QUESTIONS.length;
}

describe("retrieval quality (recall@k, mock-bag-of-words embedder)", () => {
  it("finds the known source passage for most questions", async () => {
    const report = {
      "vector recall@1": await recallAt(1, {}),
      "vector recall@3": await recallAt(3, {}),
      "hybrid recall@1": await recallAt(1, { hybrid: true }),
      "hybrid recall@3": await recallAt(3, { hybrid: true }),
      "hybrid+mmr recall@3": await recallAt(3, { hybrid: true, mmr: true }),
    };
    console.log(`RAG recall on ${QUESTIONS.length} questions:`, report);
    expect(report["vector recall@3"]).toBeGreaterThanOrEqual(0.8);
    expect(report["hybrid recall@3"]).toBeGreaterThanOrEqual(0.8);
    expect(report["vector recall@1"]).toBeGreaterThanOrEqual(0.6);
  });
});
