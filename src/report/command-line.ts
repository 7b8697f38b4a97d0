/**
 * The command line as a report may print it: never a credential. acm-advisor takes none on its command
 * line, but a user can still paste one — a URL with user:password, an access key id, a flag named
 * like a secret — and a report travels further than a shell history.
 */
const SECRET_FLAG = /^--?[\w-]*(secret|token|password|passwd|credential|session)[\w-]*$/i;
const ACCESS_KEY_ID = /\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi;

export function safeCommandLine(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (SECRET_FLAG.test(flag)) {
      if (eq > 0) out.push(`${flag}=<redacted>`);
      else {
        out.push(arg);
        if (i + 1 < argv.length) out.push('<redacted>');
        i++;
      }
      continue;
    }
    out.push(arg.replace(URL_USERINFO, '$1<redacted>@').replace(ACCESS_KEY_ID, '<redacted>'));
  }
  return out;
}
