import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 0 } } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.int.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Integration files share one engine on a 2-core machine; a few at a time keeps timings sane.
          maxWorkers: 3,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // The CLI in a pseudo-terminal, its bytes fed to a terminal emulator: what a user sees, frame by frame.
        test: {
          name: 'terminal',
          include: ['test/terminal/**/*.term.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Runs alongside the integration files (same group), so the same limit.
          maxWorkers: 3,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // Tests that must run alone, after every other integration test: a private second dockerd (starting one
        // removes the host's docker0 bridge the shared engine uses) and the soak (it measures the engine's fds).
        test: {
          name: 'serial',
          include: ['test/faults/**/*.int.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
