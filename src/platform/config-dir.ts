import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * Where acm-advisor keeps its own files (advisor session, audit.yaml):
 * ACM_ADVISOR_CONFIG_DIR, else $XDG_CONFIG_HOME/acm-advisor, else ~/.config/acm-advisor.
 */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ACM_ADVISOR_CONFIG_DIR) return env.ACM_ADVISOR_CONFIG_DIR;
  // The XDG spec says relative paths are invalid and must be ignored.
  if (env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME)) return join(env.XDG_CONFIG_HOME, 'acm-advisor');
  return join(homedir(), '.config', 'acm-advisor');
}
