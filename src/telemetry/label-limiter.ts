/** Keeps a label's distinct values bounded: past `max` values, new ones become "other". */
export class LabelLimiter {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  value(raw: string | undefined): string {
    if (raw === undefined || raw === "") return "none";
    if (this.seen.has(raw)) return raw;
    if (this.seen.size >= this.max) return "other";
    this.seen.add(raw);
    return raw;
  }
}
