/**
 * Configurations other than the embedded ones still pass the pack: the pack must not reject what config allows
 * (or config must reject it first). Variant: no identity section, DNS proxy off, a spoke in its own subscription,
 * a third spoke with App Service integration and a Key Vault.
 */
import { LandingZoneConfig } from '../../config/schema';
import { evaluateStacks, isFinding } from '../../policy/evaluate';
import { ZERO_TRUST_PACK } from '../../policy/pack';
import type { TerraformJson } from '../../verifier/load';
import { at, embeddedConfig, synthEnvironments } from '../helpers';

function variant(): LandingZoneConfig {
  const dev = embeddedConfig('dev');
  const { identity: _identity, ...tenant } = dev.tenantConfig;
  const shop = at(dev.spokes, 0);
  const crm = at(dev.spokes, 1);
  return {
    ...dev,
    tenantConfig: tenant,
    hub: { ...dev.hub, firewall: { ...dev.hub.firewall, dnsProxyEnabled: false, platformEgress: ['azure-monitor', 'entra-id', 'ubuntu-updates'] } },
    spokes: [
      shop,
      { ...crm, subscriptionId: '00000000-0000-0000-0000-000000000042' },
      {
        ...crm,
        name: 'erp',
        addressSpace: ['10.11.2.0/24'],
        appServiceIntegrationEnabled: true,
        keyVault: { enabled: true },
        subnets: { web: '10.11.2.0/26', app: '10.11.2.64/26', data: '10.11.2.128/27', privateEndpoints: '10.11.2.160/27', appServiceIntegration: '10.11.2.192/27' },
      },
    ],
  };
}

test('a variant environment passes the whole pack, with its config decisions suppressed and recorded', () => {
  const stacks = synthEnvironments([variant()]) as unknown as Record<string, TerraformJson>;
  const results = evaluateStacks(stacks, ZERO_TRUST_PACK);
  expect(results.flatMap((r) => r.rows.filter(isFinding).map((row) => `${row.rule} ${row.path ?? row.resource}`))).toEqual([]);
  const suppressed = new Set(results.flatMap((r) => r.rows.filter((row) => row.outcome === 'suppressed').map((row) => row.rule)));
  // A workload behind an Application Gateway adds its two recorded platform exceptions (edge public IP, default route).
  // A workload behind an Application Gateway also opens its listeners to the Internet on purpose (ZT-NET-017); the
  // tenant's policy remediation identity holds the Contributor role its Modify definitions declare (ZT-ID-020).
  const gateway = variant().spokes.some((spoke) => spoke.workload?.ingress === 'appGateway') ? ['ZT-NET-009', 'ZT-NET-013', 'ZT-NET-017'] : [];
  const governance = variant().tenantConfig.governance ? ['ZT-ID-020'] : [];
  expect(suppressed).toEqual(new Set(['ZT-DATA-010', 'ZT-DATA-011', 'ZT-DATA-016', 'ZT-NET-025', 'ZT-NET-026', 'ZT-NET-040', ...gateway, ...governance]));
});

describe('a Standard-tier firewall', () => {
  function standardTier(policySuppressions: LandingZoneConfig['policySuppressions']): LandingZoneConfig {
    const dev = embeddedConfig('dev');
    return { ...dev, hub: { ...dev.hub, firewall: { ...dev.hub.firewall, tier: 'Standard', intrusionDetectionMode: 'Off' } }, policySuppressions };
  }
  const findings = (config: LandingZoneConfig) =>
    evaluateStacks(synthEnvironments([config]) as unknown as Record<string, TerraformJson>, ZERO_TRUST_PACK).flatMap((r) => r.rows.filter(isFinding).map((row) => row.rule));

  test('fails the pack on the firewall rules', () => {
    expect([...new Set(findings(standardTier([])))].sort()).toEqual(['ZT-NET-020', 'ZT-NET-022', 'ZT-NET-023']);
  });

  test('passes when the environment config accepts each finding with a reason, recorded on the listed stacks only', () => {
    const reason = 'Standard tier until the Premium budget is approved';
    const config = standardTier(['ZT-NET-020', 'ZT-NET-022', 'ZT-NET-023'].map((ruleId) => ({ ruleId, reason, stacks: ['connectivity'] })));
    expect(findings(config)).toEqual([]);
    const stacks = synthEnvironments([config]);
    expect(JSON.stringify(stacks['dev-connectivity'])).toContain(`config policySuppressions: ${reason}`);
    expect(JSON.stringify(stacks['dev-management'])).not.toContain('config policySuppressions');
  });
});
