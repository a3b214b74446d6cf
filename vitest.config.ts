import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "examples/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // End-to-end files start gateway processes on random ports; two workers fit two cores.
    maxWorkers: 2,
  },
});
