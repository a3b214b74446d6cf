import { z } from "zod";

// The limits and budget a key or project carries, as stored and as the admin API takes them;
// src/plugins/limits enforces them.

const count = z.number().int().positive();

/** Rate limits of one scope: requests and tokens (input + output) per minute, requests at once. */
export const limitSetSchema = z
  .object({ rpm: count.optional(), tpm: count.optional(), concurrency: count.optional() })
  .strict();

/** A key's or a project's limits; `perModel` applies to each model the client names, separately. */
export const limitsSchema = limitSetSchema
  .extend({
    perModel: limitSetSchema.optional(),
    /** `shadow`: count and log what would be refused, but refuse nothing. */
    mode: z.enum(["enforce", "shadow"]).default("enforce"),
  })
  .strict();

export const budgetPeriods = ["day", "week", "month", "total"] as const;

/** Spending cap in USD (from the price table) and/or tokens, per calendar period (UTC) or in total. */
export const budgetSchema = z
  .object({
    usd: z.number().positive().optional(),
    tokens: count.optional(),
    period: z.enum(budgetPeriods).default("month"),
  })
  .strict()
  .refine((budget) => budget.usd !== undefined || budget.tokens !== undefined, "a budget needs usd or tokens");

export type LimitSet = z.infer<typeof limitSetSchema>;
export type Limits = z.infer<typeof limitsSchema>;
export type Budget = z.infer<typeof budgetSchema>;
export type BudgetPeriod = (typeof budgetPeriods)[number];
