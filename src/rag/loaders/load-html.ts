import { parse } from "node-html-parser";
import type { LoadedDocument } from "./loaded-document.js";

/** Elements whose text is not content. */
const SKIPPED = "script, style, noscript, template, svg, nav, header, footer, iframe, form";
const BLOCKS = new Set([
  "p",
  "div",
  "section",
  "article",
  "li",
  "tr",
  "br",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "pre",
  "blockquote",
  "dt",
  "dd",
  "table",
  "ul",
  "ol",
  "main",
]);

/** Text of an HTML page without scripts, styles and navigation; links resolved against `baseUrl`. */
export function loadHtml(html: string, baseUrl?: string): LoadedDocument {
  const root = parse(html, { comment: false, blockTextElements: { script: false, style: false, pre: true } });
  const title = root.querySelector("title")?.text.trim() || undefined;
  const links: string[] = [];
  for (const anchor of root.querySelectorAll("a[href]")) {
    const href = anchor.getAttribute("href");
    if (!href || href.startsWith("#") || /^(mailto|javascript|tel):/i.test(href)) continue;
    try {
      const resolved = new URL(href, baseUrl);
      resolved.hash = "";
      links.push(resolved.href);
    } catch {
      // A malformed href is not a link to follow.
    }
  }
  for (const element of root.querySelectorAll(SKIPPED)) element.remove();
  const body = root.querySelector("main") ?? root.querySelector("body") ?? root;
  // Block elements end lines, so paragraphs stay apart for the chunker.
  for (const element of body.querySelectorAll("*")) {
    if (BLOCKS.has(element.rawTagName?.toLowerCase() ?? "")) element.insertAdjacentHTML("afterend", "\n\n");
  }
  const text = decodeEntities(body.text)
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return { text, title, links: [...new Set(links)] };
}

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_match, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, "&");
}
