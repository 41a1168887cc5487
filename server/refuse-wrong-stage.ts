/**
 * Imported once at server start (instrumentation.ts): emulator endpoints outside the local stage stop the
 * server here, with the reason. Left running, it would answer every request with a 500.
 */
import { localMode } from "./local-mode";

try {
  localMode();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
