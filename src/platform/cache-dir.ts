import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * Where the inventory cache lives: $XDG_CACHE_HOME/acm-advisor, else ~/.cache/acm-advisor
 * (XDG Base Directory specification: a relative XDG_CACHE_HOME is invalid and ignored).
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, 'acm-advisor');
  return join(homedir(), '.cache', 'acm-advisor');
}
