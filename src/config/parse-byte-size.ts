const UNITS: Record<string, number> = {
  b: 1,
  kb: 1000,
  kib: 1024,
  mb: 1000 ** 2,
  mib: 1024 ** 2,
  gb: 1000 ** 3,
  gib: 1024 ** 3,
};

/** Turns 10485760, "512kb" or "10mib" into bytes; the schema has already checked the form. */
export function parseByteSize(size: number | string): number {
  if (typeof size === "number") return size;
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(size.trim());
  if (!match) throw new Error(`not a size: ${size}`);
  const unit = (match[2] || "b").toLowerCase();
  return Math.floor(Number(match[1]) * (UNITS[unit] ?? 1));
}
