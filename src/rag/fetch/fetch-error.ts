/** Why a URL could not be fetched; `refused` marks a safety refusal (address, scheme, type, size). */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly kind: "refused" | "failed",
  ) {
    super(message);
    this.name = "FetchError";
  }
}
