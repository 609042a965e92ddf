// Crash dumps stay on this computer: Crashpad writes them to app.getPath('crashDumps') and nothing is
// uploaded anywhere. The diagnostics bundle takes the newest (leaving out any that holds a key).
import { crashReporter } from 'electron';

export function startLocalCrashReporter(): void {
  crashReporter.start({ uploadToServer: false, compress: true });
}
