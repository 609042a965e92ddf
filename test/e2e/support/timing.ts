// Sandbox processing times for the e2e run: long enough to see PENDING, short enough for a test.
export const E2E_SANDBOX_TIMING = {
  processingMs: 1500,
  reportNotFoundMs: 300,
  dispatchMs: 1200,
  downloadMs: 1200,
};
