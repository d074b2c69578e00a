/**
 * State holding secrets (the tenant identity stack's break-glass passwords) on a local backend: a finding that fails
 * synth for production tenants (ZT-INF-006), a low finding printed as a warning elsewhere (ZT-INF-007).
 */
import { evaluateStacks } from '../../policy/evaluate';
import { ZERO_TRUST_PACK } from '../../policy/pack';
import { embeddedIdentityTenant, synthTenantIdentity } from '../identity/fixtures';

function outcomes(production: boolean, backend: 'local' | 'embedded') {
  const tenant = embeddedIdentityTenant();
  const json = synthTenantIdentity(backend === 'local' ? { ...tenant, backend: { type: 'local' } } : tenant, production);
  const rows = evaluateStacks({ [`${tenant.tenant}-identity`]: json }, ZERO_TRUST_PACK).flatMap((r) => r.rows);
  return Object.fromEntries(['ZT-INF-006', 'ZT-INF-007'].map((id) => [id, rows.filter((row) => row.rule === id).map((row) => row.outcome)]));
}

test('the embedded tenant keeps its secrets in remote state: compliant', () => {
  expect(embeddedIdentityTenant().backend.type).toBe('azurerm');
  expect(outcomes(true, 'embedded')).toEqual({ 'ZT-INF-006': ['compliant'], 'ZT-INF-007': ['not-applicable'] });
});

test('a production tenant on the local backend is a high finding; a non-production one a low finding', () => {
  expect(outcomes(true, 'local')).toEqual({ 'ZT-INF-006': ['non-compliant'], 'ZT-INF-007': ['not-applicable'] });
  expect(outcomes(false, 'local')).toEqual({ 'ZT-INF-006': ['not-applicable'], 'ZT-INF-007': ['non-compliant'] });
  const severity = (id: string) => ZERO_TRUST_PACK.find((r) => r.id === id)?.severity;
  expect([severity('ZT-INF-006'), severity('ZT-INF-007')]).toEqual(['high', 'low']);
});
