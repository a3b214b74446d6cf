import { openPostgresStorage, type PostgresStorageOptions } from "./postgres-storage.js";
import { openSqliteStorage } from "./sqlite-storage.js";
import type { Storage } from "./storage.js";

/** Opens the store the config's storage.url names (relative SQLite paths from the working directory). */
export function openStorage(url: string, baseDirectory: string, options: PostgresStorageOptions): Promise<Storage> {
  if (url.startsWith("sqlite:")) return Promise.resolve(openSqliteStorage(url, baseDirectory));
  return openPostgresStorage(url, options);
}
