import type { FakeService } from './service.js';

/**
 * The fakes of the read stages' services (src/stages/<id>/fake.ts), found through the stage registry
 * so a new stage's service is served without an edit here. Loaded dynamically: the registry is the
 * one module of src/stages/ the endpoint reads, and only for each stage's `fake()`.
 */
export async function registeredServices(): Promise<FakeService[]> {
  const { BUILT_IN_STAGES, STAGES } = await import('../stages/index.js');
  // A stage may need several services (Private CA and S3 for the CRL bucket): its fake() gives them all.
  const fakes = (await Promise.all([...BUILT_IN_STAGES, ...STAGES].map((s) => s.fake?.()))).flat();
  return fakes.filter((f): f is FakeService => f !== undefined);
}
