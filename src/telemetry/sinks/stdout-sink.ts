import type { LogRecord } from "../../stores/logs/log-record.js";
import type { LogSink } from "../log-sink.js";
import { jsonlLines } from "./jsonl-lines.js";

/** JSON lines on standard output, for a container's log collector. */
export function stdoutSink(output: NodeJS.WritableStream = process.stdout): LogSink {
  return {
    name: "stdout",
    write: (records: readonly LogRecord[]) =>
      new Promise<void>((resolve, reject) => {
        output.write(jsonlLines(records), (error) => (error ? reject(error) : resolve()));
      }),
    close: async () => {},
  };
}
