// Preloaded into the real binary (node --import) by tests that need a host name that is not
// "localhost" to reach the project's endpoint on 127.0.0.1: the names in ACM_TEST_LOOPBACK_HOSTS
// resolve to 127.0.0.1, and every other lookup fails, so the run sends nothing off this machine.
import dns from 'node:dns';

const hosts = new Set((process.env.ACM_TEST_LOOPBACK_HOSTS ?? '').split(',').filter(Boolean));

dns.lookup = function lookup(host, options, callback) {
  const cb = typeof options === 'function' ? options : callback;
  const all = typeof options === 'object' && options !== null && options.all;
  process.nextTick(() => {
    if (!hosts.has(host)) return cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host} (tests resolve only ${[...hosts].join(', ')})`), { code: 'ENOTFOUND', hostname: host }));
    if (all) cb(null, [{ address: '127.0.0.1', family: 4 }]);
    else cb(null, '127.0.0.1', 4);
  });
};
