import { describe, expect, it } from "vitest";
import { detectFormat, loadDocument } from "./load-document.js";
import { minimalPdf } from "./minimal-pdf.js";

describe("loadDocument", () => {
  it("reads HTML without scripts, styles and navigation, and resolves its links", async () => {
    const html = `<!doctype html><html><head><title>Refunds</title><style>p{color:red}</style></head>
      <body><nav><a href="/home">Home</a> menu</nav><main><h1>Refund policy</h1><p>Refunds take&nbsp;14 days &amp; more.</p>
      <script>alert("x")</script><p>See <a href="terms.html#top">terms</a>.</p></main><footer>© us</footer></body></html>`;
    const loaded = await loadDocument(Buffer.from(html), "html", "https://example.com/help/refunds");
    expect(loaded.title).toBe("Refunds");
    expect(loaded.text).toBe("Refund policy\n\nRefunds take 14 days & more.\n\nSee terms.");
    expect(loaded.links).toEqual(["https://example.com/home", "https://example.com/help/terms.html"]);
  });

  it("keeps Markdown as written and takes its first heading as the title", async () => {
    const loaded = await loadDocument(Buffer.from("# Setup\r\n\r\nRun `npm start`.\r\n"), "markdown");
    expect(loaded).toEqual({ text: "# Setup\n\nRun `npm start`.", title: "Setup", links: [] });
  });

  it("extracts the text of a PDF with pdf-parse", async () => {
    const pdf = minimalPdf(["Invoices are sent monthly.", "Payment is due in 30 days."], "Billing");
    const loaded = await loadDocument(pdf, "pdf");
    expect(loaded.text).toContain("Invoices are sent monthly.");
    expect(loaded.text).toContain("Payment is due in 30 days.");
    expect(loaded.title).toBe("Billing");
  });

  it("detects the format from the content type, then the file name", () => {
    expect(detectFormat("application/pdf", undefined)).toBe("pdf");
    expect(detectFormat("text/html; charset=utf-8", "x.md")).toBe("html");
    expect(detectFormat(undefined, "guide.MD")).toBe("markdown");
    expect(detectFormat("application/octet-stream", "https://example.com/a/page.htm?x=1")).toBe("html");
    expect(detectFormat(undefined, "notes.txt")).toBe("text");
  });
});
