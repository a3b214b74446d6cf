import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A TCP relay in front of a real service (PostgreSQL, Redis) that a test can cut: `cut()` drops
 * every relayed connection and refuses new ones, as a restart or a network failure would, without
 * touching the service other tests share; `restore()` relays again.
 */
export interface CuttableTcpProxy {
  /** Port on 127.0.0.1 that relays to the target. */
  port: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startCuttableTcpProxy(targetHost: string, targetPort: number): Promise<CuttableTcpProxy> {
  const open = new Set<Socket>();
  let cutOff = false;
  const server: Server = createServer((client) => {
    if (cutOff) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    open.add(client);
    open.add(upstream);
    const forget = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", forget).on("close", forget);
    upstream.on("error", forget).on("close", forget);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the proxy has no TCP address");
  const cut = () => {
    cutOff = true;
    for (const socket of open) socket.destroy();
    open.clear();
  };
  return {
    port: address.port,
    cut,
    restore() {
      cutOff = false;
    },
    async close() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
