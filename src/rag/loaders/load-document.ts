import { extname } from "node:path";
import { loadHtml } from "./load-html.js";
import { loadPdf } from "./load-pdf.js";
import type { LoadedDocument } from "./loaded-document.js";

export type DocumentFormat = "text" | "markdown" | "html" | "pdf";

/** The format from a content type, else from the file name's extension; plain text otherwise. */
export function detectFormat(contentType: string | undefined, name: string | undefined): DocumentFormat {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  if (type === "application/pdf") return "pdf";
  if (type === "text/html" || type === "application/xhtml+xml") return "html";
  if (type === "text/markdown" || type === "text/x-markdown") return "markdown";
  const extension = name ? extname(new URL(name, "file:///").pathname).toLowerCase() : "";
  if (extension === ".pdf") return "pdf";
  if (extension === ".html" || extension === ".htm") return "html";
  if (extension === ".md" || extension === ".markdown") return "markdown";
  return "text";
}

/** Turns a file's bytes into text with the parser for its format (txt and md are kept as written). */
export async function loadDocument(data: Buffer, format: DocumentFormat, baseUrl?: string): Promise<LoadedDocument> {
  if (format === "pdf") return loadPdf(new Uint8Array(data));
  const text = data.toString("utf8");
  if (format === "html") return loadHtml(text, baseUrl);
  const title = format === "markdown" ? /^#\s+(.+)$/m.exec(text)?.[1]?.trim() : undefined;
  return { text: text.replace(/\r\n/g, "\n").trim(), title, links: [] };
}
