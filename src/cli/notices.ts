import { cachedDetailsNotice } from '../domain/cached-details.js';
import { DEADLINE_CODE } from '../domain/deadline.js';
import { accountLabel, type Inventory } from '../domain/inventory.js';
import { sanitiseForTerminal } from '../domain/text.js';

/**
 * What a command's read left unsaid in its output, one `acm-advisor:` line each on stderr: the
 * deadline first (it frames every line after it), warnings, failed accounts or regions, details
 * reused from the cache, and what could not be checked. AWS text passes the terminal sanitiser.
 */
export async function readNotices(inventory: Inventory, maxAge: string | undefined, now: Date): Promise<string[]> {
  const lines: string[] = [];
  if (inventory.stopped) lines.push(inventory.stopped.message);
  for (const w of inventory.warnings) lines.push(`warning: ${w}`);
  if (inventory.accounts) {
    for (const a of inventory.accounts) {
      if (!a.error) continue;
      const what = a.error.code === DEADLINE_CODE ? 'not finished' : 'failed, results are partial';
      lines.push(`account ${accountLabel(a)} ${what}: ${a.error.message}`);
    }
  } else {
    for (const r of inventory.regions) {
      if (!r.error) continue;
      // A deadline's message names the region and what was listed: "the deadline of 2m passed while listing …".
      lines.push(r.error.code === DEADLINE_CODE ? r.error.message : `${r.region} failed, results are partial: ${r.error.message}`);
    }
  }
  const reused = maxAge !== undefined ? cachedDetailsNotice(inventory.certificates, now, maxAge) : null;
  if (reused) lines.push(reused);
  const { incompleteLines } = await import('../audit/coverage.js');
  lines.push(...incompleteLines(inventory));
  return lines.map((line) => `acm-advisor: ${sanitiseForTerminal(line)}\n`);
}
