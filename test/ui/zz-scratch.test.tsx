import { it } from 'vitest';
import { auditForTui } from '../../src/cli/tui-hooks.js';
import { fakeSource, fixtureCertificates } from './fixtures.js';
import { KEY, renderApp } from './harness.js';
it('scratch', async () => {
  const h = await renderApp({ source: fakeSource(fixtureCertificates()), audit: auditForTui, cwd: '/tmp/scratch', configDir: '/tmp/scratch/cfg' });
  await h.waitForFrame('loaded');
  await h.press('3');
  await h.waitForFrame('findings');
  console.log(h.frame());
  await h.press('j', 'j', KEY.enter);
  console.log(h.frame());
  await h.press(KEY.escape, '5');
  await h.waitForFrame('lines');
  console.log(h.frame());
  await h.press('e');
  console.log(h.frame());
  h.unmount();
});
