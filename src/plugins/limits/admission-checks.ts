import type { ModelPrice } from "../../config/auth-schema.js";
import type { CounterCheck } from "../../stores/counters/counter-store.js";
import type { Budget, LimitSet, Limits } from "../../stores/keys/limits-schema.js";
import { budgetPeriod } from "./budget-period.js";

const MINUTE_MS = 60_000;
/** A concurrency slot a crashed instance never released heals after this long without traffic. */
const CONCURRENCY_TTL_MS = 600_000;
/** Budgets in USD are counted in millionths of a dollar, so Redis can add integers. */
export const MICRO_USD = 1_000_000;

export type CheckKind = "requests" | "tokens" | "concurrency" | "budget-usd" | "budget-tokens";

/** A counter check with what a person needs to read a refusal. */
export interface AdmissionCheck extends CounterCheck {
  kind: CheckKind;
  /** e.g. `key "search-team"` or `project "search" for model gpt-4o`. */
  owner: string;
  shadow: boolean;
}

export interface Scope {
  kind: "key" | "project";
  id: string;
  name: string;
  limits?: Limits;
  budget?: Budget;
}

export interface RequestEstimate {
  model: string;
  /** Prompt tokens plus the output tokens the request may produce. */
  tokens(): number;
  /** The prompt alone. */
  inputTokens(): number;
  /** Micro-USD at the price of the model's dearest known target; undefined when unknown. */
  microUsd(): number | undefined;
  /** That dearest known price. */
  price(): ModelPrice | undefined;
}

/** The counters one request must fit under, for every scope (key, project) that has limits or a budget. */
export function admissionChecks(scopes: readonly Scope[], estimate: RequestEstimate, now: Date): AdmissionCheck[] {
  const checks: AdmissionCheck[] = [];
  for (const scope of scopes) {
    const owner = `${scope.kind} "${scope.name}"`;
    const base = `${scope.kind}:${scope.id}`;
    if (scope.limits) {
      const shadow = scope.limits.mode === "shadow";
      checks.push(...limitChecks(scope.limits, `rl:${base}`, owner, shadow, estimate));
      if (scope.limits.perModel) {
        checks.push(
          ...limitChecks(
            scope.limits.perModel,
            `rl:${base}:model:${estimate.model}`,
            `${owner} for model ${estimate.model}`,
            shadow,
            estimate,
          ),
        );
      }
    }
    if (scope.budget) {
      const period = budgetPeriod(scope.budget.period, now);
      const key = `budget:${base}:${period.label}`;
      if (scope.budget.usd !== undefined) {
        checks.push({
          key: `${key}:usd`,
          amount: estimate.microUsd() ?? 0,
          limit: Math.round(scope.budget.usd * MICRO_USD),
          windowMs: period.remainingMs,
          kind: "budget-usd",
          owner,
          shadow: false,
        });
      }
      if (scope.budget.tokens !== undefined) {
        checks.push({
          key: `${key}:tokens`,
          amount: estimate.tokens(),
          limit: scope.budget.tokens,
          windowMs: period.remainingMs,
          kind: "budget-tokens",
          owner,
          shadow: false,
        });
      }
    }
  }
  return checks;
}

function limitChecks(
  limits: LimitSet,
  key: string,
  owner: string,
  shadow: boolean,
  estimate: RequestEstimate,
): AdmissionCheck[] {
  const checks: AdmissionCheck[] = [];
  if (limits.rpm !== undefined) {
    checks.push({
      key: `${key}:rpm`,
      amount: 1,
      limit: limits.rpm,
      windowMs: MINUTE_MS,
      kind: "requests",
      owner,
      shadow,
    });
  }
  if (limits.tpm !== undefined) {
    const amount = estimate.tokens();
    checks.push({ key: `${key}:tpm`, amount, limit: limits.tpm, windowMs: MINUTE_MS, kind: "tokens", owner, shadow });
  }
  if (limits.concurrency !== undefined) {
    checks.push({
      key: `${key}:concurrency`,
      amount: 1,
      limit: limits.concurrency,
      windowMs: CONCURRENCY_TTL_MS,
      renew: true,
      kind: "concurrency",
      owner,
      shadow,
    });
  }
  return checks;
}
