import type { Strategy } from "./strategy.js";

/** `weighted`: one target drawn at random by weight, the others after it in configured order. */
export const weighted: Strategy = (targets, view) => {
  const total = targets.reduce((sum, target) => sum + target.weight, 0);
  let draw = view.random() * total;
  let chosen = targets.length - 1;
  for (const [index, target] of targets.entries()) {
    draw -= target.weight;
    if (draw < 0) {
      chosen = index;
      break;
    }
  }
  return [targets[chosen]!, ...targets.filter((_, index) => index !== chosen)];
};
