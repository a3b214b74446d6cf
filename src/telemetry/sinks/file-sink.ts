import { appendFile, mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import type { LogRecord } from "../../stores/logs/log-record.js";
import type { LogSink } from "../log-sink.js";
import { jsonlLines } from "./jsonl-lines.js";

export interface FileSinkOptions {
  path: string;
  maxBytes: number;
  maxFiles: number;
}

/** A JSONL file rotated by size: path → path.1 → … → path.<maxFiles> (the oldest is deleted). */
export function fileSink(options: FileSinkOptions): LogSink {
  let size: number | undefined;
  const rotate = async () => {
    await rm(`${options.path}.${options.maxFiles}`, { force: true });
    for (let index = options.maxFiles - 1; index >= 1; index--) {
      await rename(`${options.path}.${index}`, `${options.path}.${index + 1}`).catch(() => {});
    }
    await rename(options.path, `${options.path}.1`).catch(() => {});
    size = 0;
  };
  return {
    name: "file",
    async write(records: readonly LogRecord[]) {
      if (size === undefined) {
        await mkdir(dirname(options.path), { recursive: true });
        size = await stat(options.path).then(
          (stats) => stats.size,
          () => 0,
        );
      }
      const text = jsonlLines(records);
      const bytes = Buffer.byteLength(text);
      if (size > 0 && size + bytes > options.maxBytes) await rotate();
      await appendFile(options.path, text);
      size += bytes;
    },
    close: async () => {},
  };
}
