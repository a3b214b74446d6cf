// The thread that writes request logs into the gateway's SQLite file (see sqlite-log-writer.ts).
// Plain CommonJS so that the same file runs from src (tests) and dist (the build copies it).
// Each message is one batch: rows in the column order it was started with, and each row's
// captured text (or null) for the full-text table. Each batch is one transaction; the reply
// carries the batch's id and, when the write failed, the error's message.
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driverPath);

const database = new Database(workerData.path);
// As on the main connection (sqlite-storage.ts): WAL is a property of the file, the rest are not.
database.pragma("synchronous = FULL");
database.pragma("busy_timeout = 5000");
const columns = workerData.columns;
const insertRecord = database.prepare(
  `INSERT INTO request_logs (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
);
const insertText = database.prepare("INSERT INTO request_logs_text (rowid, messages) VALUES (?, ?)");
const insertBatch = database.transaction((rows, texts) => {
  for (let index = 0; index < rows.length; index++) {
    const result = insertRecord.run(rows[index]);
    const text = texts[index];
    if (text) insertText.run(result.lastInsertRowid, text);
  }
});

parentPort.on("message", (message) => {
  if (message.close) {
    database.close();
    parentPort.close();
    return;
  }
  try {
    insertBatch(message.rows, message.texts);
    parentPort.postMessage({ id: message.id });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
