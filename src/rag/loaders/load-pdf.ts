import type { LoadedDocument } from "./loaded-document.js";

/** The text of a PDF, page after page. */
export async function loadPdf(data: Uint8Array): Promise<LoadedDocument> {
  // pdf.js is large: loaded on the first PDF, not at start.
  const { PDFParse } = await import("pdf-parse");
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
