import type { GeminiPart } from "./wire-types.js";

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  heic: "image/heic",
  heif: "image/heif",
  pdf: "application/pdf",
  txt: "text/plain",
  mp3: "audio/mp3",
  wav: "audio/wav",
  mp4: "video/mp4",
};

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s;

/**
 * A data: URL becomes inlineData; any other URL becomes fileData with the URL as fileUri (the
 * adapter never downloads on a client's behalf). The mime type comes from the data URL, the
 * caller, or the URL's file extension.
 */
export function toGeminiMediaPart(url: string, mediaType?: string): GeminiPart {
  const data = DATA_URL.exec(url);
  if (data) {
    const [, declaredType = "", parameters = "", payload = ""] = data;
    const isBase64 = parameters.split(";").includes("base64");
    return {
      inlineData: {
        mimeType: declaredType || mediaType || "application/octet-stream",
        data: isBase64 ? payload : Buffer.from(decodeURIComponent(payload), "utf8").toString("base64"),
      },
    };
  }
  const mimeType = mediaType ?? mimeFromExtension(url);
  return { fileData: { fileUri: url, ...(mimeType ? { mimeType } : {}) } };
}

/** Raw base64 (a FilePart's data without the data: prefix). */
export function toGeminiInlinePart(base64: string, mimeType: string): GeminiPart {
  return { inlineData: { mimeType, data: base64 } };
}

export function mimeFromExtension(name: string): string | undefined {
  const path = name.split(/[?#]/)[0] ?? "";
  const extension = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : MIME_BY_EXTENSION[extension];
}
