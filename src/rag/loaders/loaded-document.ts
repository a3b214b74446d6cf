/** A document's text after parsing, with what the crawler needs to go on. */
export interface LoadedDocument {
  text: string;
  title?: string;
  /** Absolute links found in an HTML page (for the crawler). */
  links: string[];
}
