import type { SqlStatement } from "../sql-runner.js";
import type { Storage } from "../storage.js";
import { keywordTerms } from "./knowledge-records.js";

/**
 * The one knowledge query whose SQL differs by database: chunk ids ranked by any of the query's
 * words, with FTS5 and bm25 on SQLite, a tsvector and ts_rank on PostgreSQL (both stem English).
 * Undefined when the query has no words worth searching for.
 */
export function keywordSearchStatement(
  kind: Storage["kind"],
  knowledgeBase: string,
  query: string,
  limit: number,
): SqlStatement | undefined {
  const terms = keywordTerms(query);
  if (terms.length === 0) return undefined;
  if (kind === "sqlite") {
    return {
      sql: `SELECT c.id FROM knowledge_chunks_fts f JOIN knowledge_chunks c ON c.id = f.rowid
        WHERE knowledge_chunks_fts MATCH $1 AND c.knowledge_base = $2 ORDER BY bm25(knowledge_chunks_fts) LIMIT $3`,
      values: [terms.map((term) => `"${term}"`).join(" OR "), knowledgeBase, limit],
    };
  }
  // plainto_tsquery per word applies stemming and stop words; the words are joined with OR.
  // Terms are letters and digits only, so a space separates them safely.
  return {
    sql: `WITH words AS (SELECT plainto_tsquery('english', word) AS q FROM unnest(string_to_array($2, ' ')) AS word),
           query AS (SELECT string_agg(q::text, ' | ')::tsquery AS q FROM words WHERE q::text <> '')
      SELECT c.id FROM knowledge_chunks c, query
      WHERE query.q IS NOT NULL AND c.knowledge_base = $1 AND c.search @@ query.q
      ORDER BY ts_rank(c.search, query.q) DESC LIMIT $3`,
    values: [knowledgeBase, terms.join(" "), limit],
  };
}
