import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where acm-advisor keeps its own files: ACM_ADVISOR_CONFIG_DIR, else XDG, else ~/.config. */
export function defaultConfigDir(): string {
  if (process.env.ACM_ADVISOR_CONFIG_DIR) return process.env.ACM_ADVISOR_CONFIG_DIR;
  const xdg = process.env.XDG_CONFIG_HOME;
  return join(xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.config'), 'acm-advisor');
}
