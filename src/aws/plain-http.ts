/**
 * Temporary credentials over plain HTTP. SigV4 never sends the secret key, but it does send the
 * session token as a header (X-Amz-Security-Token), and whoever reads it can use the credentials
 * until they expire. Loopback is this machine (the project's own endpoint, a local emulator), so
 * it is not worth a warning; anything else over http:// is.
 */

/**
 * Where the clients send requests: --endpoint-url, else what the SDK reads itself — the
 * AWS_ENDPOINT_URL* variables, and `endpoint_url` in the profile's section of ~/.aws/config or in
 * the `[services NAME]` section it names (unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is set).
 * `configFile`: the parsed config file (loadSharedConfigFiles), keyed by profile.
 */
export function configuredEndpoints(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  shared?: { profile: string | undefined; configFile: Record<string, Record<string, string | undefined> | undefined> },
): string[] {
  if (explicit) return [explicit];
  const fromEnv = Object.entries(env)
    .filter(([k, v]) => (k === 'AWS_ENDPOINT_URL' || k.startsWith('AWS_ENDPOINT_URL_')) && v)
    .map(([, v]) => v!);
  if (!shared || env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return fromEnv;
  const section = shared.configFile[shared.profile ?? 'default'] ?? {};
  const services = section.services ? (shared.configFile[`services.${section.services}`] ?? {}) : {};
  const fromFile = [section.endpoint_url, ...Object.entries(services).filter(([k]) => k.endsWith('.endpoint_url')).map(([, v]) => v)];
  return [...fromEnv, ...fromFile.filter((v): v is string => !!v)];
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  // URL() writes [::ffff:127.0.0.1] as ::ffff:7f00:1.
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host) || /^::ffff:7f[0-9a-f]{2}:/.test(host);
}

/**
 * The one-line warning, or null when no session token would cross a network in clear text.
 * `assumesRoles`: the run assumes member-account roles, whose sessions always carry a token,
 * whatever the caller's own credentials are.
 */
export function plainHttpTokenWarning(endpoints: string[], credentials: { sessionToken?: string }, assumesRoles = false): string | null {
  if (!credentials.sessionToken && !assumesRoles) return null;
  const exposed = endpoints.filter((e) => {
    try {
      const url = new URL(e);
      return url.protocol === 'http:' && !isLoopback(url.hostname);
    } catch {
      return false;
    }
  });
  if (exposed.length === 0) return null;
  const host = new URL(exposed[0]).host;
  const whose = credentials.sessionToken ? 'the session token is' : "the member accounts' session tokens (from the roles acm-advisor assumes) are";
  return `${whose} sent in clear text to ${host} (plain http://, not this machine): anyone on the way can use these credentials until they expire; use https://`;
}
