import { z } from "zod";
import { budgetSchema, limitsSchema } from "../stores/keys/limits-schema.js";

const metadataSchema = z.record(z.string(), z.string());
const endpointSchema = z.enum(["chat", "embeddings", "count_tokens"]);
const timestampSchema = z.iso.datetime({ offset: true });

export const createProjectSchema = z
  .object({
    name: z.string().min(1).max(200),
    metadata: metadataSchema.default({}),
    limits: limitsSchema.optional(),
    budget: budgetSchema.optional(),
  })
  .strict();

export const updateProjectSchema = z
  .object({
    name: z.string().min(1).max(200).optional(),
    metadata: metadataSchema.optional(),
    limits: limitsSchema.nullable().optional(),
    budget: budgetSchema.nullable().optional(),
  })
  .strict();

export const createKeySchema = z
  .object({
    name: z.string().min(1).max(200),
    project: z.string().min(1).optional(),
    /** Glob patterns of the models the client may name (picomatch: `*` stops at `/`, `**` does not). */
    models: z.array(z.string().min(1)).default([]),
    endpoints: z.array(endpointSchema).default([]),
    limits: limitsSchema.optional(),
    budget: budgetSchema.optional(),
    expiresAt: timestampSchema.optional(),
    enabled: z.boolean().default(true),
    metadata: metadataSchema.default({}),
  })
  .strict();

export const updateKeySchema = z
  .object({
    name: z.string().min(1).max(200).optional(),
    models: z.array(z.string().min(1)).optional(),
    endpoints: z.array(endpointSchema).optional(),
    limits: limitsSchema.nullable().optional(),
    budget: budgetSchema.nullable().optional(),
    expiresAt: timestampSchema.nullable().optional(),
    enabled: z.boolean().optional(),
    metadata: metadataSchema.optional(),
  })
  .strict();
