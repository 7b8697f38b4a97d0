import { afterEach, describe, expect, it } from 'vitest';
import { forecastRenewalLoad } from '../../src/advisor/forecast.js';
import { fakeSource, fixtureCertificates, NOW } from './fixtures.js';
import { renderApp, type Harness } from './harness.js';

let h: Harness | null = null;
afterEach(() => {
  h?.unmount();
  h = null;
});

describe('the Overview', () => {
  it('shows the renewal-load forecast, one line per phase of the CA/Browser Forum schedule from today', async () => {
    h = await renderApp({ source: fakeSource(fixtureCertificates()) });
    const f = await h.waitForFrame('loaded');
    expect(f).toContain('Manual renewals a year (CA/B Forum schedule)');
    const phases = forecastRenewalLoad({ certificates: fixtureCertificates() }, NOW).phases;
    expect(phases.map((p) => p.maxValidityDays)).toEqual([200, 100, 47]);
    // The floor, then the expected figure beside it.
    for (const p of phases)
      expect(f).toContain(`from ${p.from}  ${String(p.maxValidityDays).padStart(3)} d  ${String(p.manualRenewalsPerYear).padStart(5)}+ manual (≈${p.expectedManualRenewalsPerYear})`);
  });
});
