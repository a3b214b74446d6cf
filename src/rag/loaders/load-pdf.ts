import { PDFParse } from "pdf-parse";
import type { LoadedDocument } from "./loaded-document.js";

/** The text of a PDF, page after page. */
export async function loadPdf(data: Uint8Array): Promise<LoadedDocument> {
  const parser = new PDFParse({ data });
  try {
    const result = await parser.getText();
    const info = await parser.getInfo().catch(() => undefined);
    const title = typeof info?.info?.Title === "string" && info.info.Title.trim() ? info.info.Title.trim() : undefined;
    return { text: result.text.replace(/\n{3,}/g, "\n\n").trim(), title, links: [] };
  } finally {
    await parser.destroy();
  }
}
