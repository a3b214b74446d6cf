export interface DataUrl {
  /** Lower-cased, without parameters: "image/png". */
  mediaType: string;
  base64: string;
}

/** Reads `data:[<media type>][;base64],<data>`; undefined for anything else. */
export function parseDataUrl(url: string): DataUrl | undefined {
  const match = /^data:([^,]*),(.*)$/is.exec(url);
  if (!match) return undefined;
  const [, meta = "", data = ""] = match;
  const [type = "", ...parameters] = meta.split(";");
  const isBase64 = parameters.some((parameter) => parameter.trim().toLowerCase() === "base64");
  const base64 = isBase64 ? data.replace(/\s+/g, "") : percentDecode(data).toString("base64");
  return { mediaType: type.trim().toLowerCase() || "text/plain", base64 };
}

/** Percent-escapes become bytes as they are, so binary data survives (decodeURIComponent wants UTF-8). */
function percentDecode(text: string): Buffer {
  const raw = Buffer.from(text, "utf8");
  const bytes: number[] = [];
  for (let index = 0; index < raw.length; index++) {
    const byte = raw[index] ?? 0;
    const hex = byte === 0x25 ? raw.subarray(index + 1, index + 3).toString("latin1") : "";
    if (/^[0-9a-f]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(byte);
    }
  }
  return Buffer.from(bytes);
}
