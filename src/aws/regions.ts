/**
 * Region names the tool knows. Validation uses every partition's list so a typo
 * (`eu-west-9`) is a usage error; the fallback — when EC2 DescribeRegions is denied —
 * uses only the regions every commercial account has enabled, so we never spray calls
 * at opt-in regions that would answer with credential errors.
 */
export const KNOWN_REGIONS: readonly string[] = [
  // aws
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4',
  'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7', 'ca-central-1', 'ca-west-1', 'eu-central-1',
  'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'il-central-1', 'me-central-1', 'me-south-1', 'me-west-1', 'mx-central-1', 'sa-east-1', 'sa-west-1',
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  // other partitions
  'cn-north-1', 'cn-northwest-1', 'eusc-de-east-1', 'us-iso-east-1', 'us-iso-west-1',
  'us-isob-east-1', 'us-isob-west-1', 'eu-isoe-west-1', 'us-isof-east-1', 'us-isof-south-1',
  'us-gov-east-1', 'us-gov-west-1',
];

/** Enabled in every commercial account without opting in. */
export const DEFAULT_ENABLED_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1',
  'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2',
];

export type RegionSelection = { kind: 'all' } | { kind: 'list'; regions: string[] };

/**
 * Parses `--regions`: `all`, or a comma list (never empty). Returns an error sentence instead of throwing
 * so the CLI decides the exit code.
 */
export function parseRegions(value: string | undefined): RegionSelection | { error: string } {
  if (value === undefined || value.trim() === 'all') return { kind: 'all' };
  // `--regions "$UNSET_VARIABLE"` must not quietly widen the read to every region.
  if (value.trim() === '') return { error: "--regions is empty; name regions like us-east-1,eu-west-1, or 'all' for every enabled region" };
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  // ' , ' reads as zero regions: running would check nothing and report a clean account.
  if (names.length === 0) return { error: "--regions names no region; use names like us-east-1,eu-west-1 or 'all'" };
  const bad = names.filter((n) => !KNOWN_REGIONS.includes(n));
  if (bad.length > 0) {
    // Only a name of region length can be a typo of one (and a pasted blob is not worth the distance).
    const hint = bad.filter((b) => b.length <= 32).map((b) => suggestRegion(b)).find(Boolean);
    return {
      error: `unknown region ${bad.map((b) => `'${b}'`).join(', ')}${hint ? ` (did you mean '${hint}'?)` : ''}; use names like us-east-1,eu-west-1 or 'all'`,
    };
  }
  return { kind: 'list', regions: [...new Set(names)] };
}

function suggestRegion(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const r of KNOWN_REGIONS) {
    const d = editDistance(name.toLowerCase(), r);
    if (d < bestDistance) {
      bestDistance = d;
      best = r;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
