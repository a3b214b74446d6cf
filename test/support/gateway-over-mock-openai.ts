import { afterAll, beforeAll } from "vitest";
import { DEFAULT_MOCK_API_KEY, type MockOpenAIUpstream, startMockOpenAIUpstream } from "./mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "./start-gateway.js";

export interface GatewayOverMockOpenAI {
  readonly mock: MockOpenAIUpstream;
  readonly gateway: GatewayProcess;
}

/**
 * For one test file: the OpenAI mock, and a gateway process whose provider `upstream` points at
 * it (top-level fields of `config` replace these); both start before the file's tests and stop after.
 */
export function gatewayOverMockOpenAI(config: Record<string, unknown> = {}): GatewayOverMockOpenAI {
  let mock: MockOpenAIUpstream | undefined;
  let gateway: GatewayProcess | undefined;
  beforeAll(async () => {
    mock = await startMockOpenAIUpstream();
    gateway = await startGateway({
      providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
      ...config,
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await mock?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the mock and gateway start in beforeAll");
    return value;
  };
  return {
    get mock() {
      return started(mock);
    },
    get gateway() {
      return started(gateway);
    },
  };
}
