/** Premium firewall policies have a TLS inspection CA configured. */
import { defineRule, each, fail, pass, unknown } from '../../engine';

export default defineRule({
  id: 'ZT-NET-026',
  severity: 'medium',
  pillar: 'networks',
  title: 'Firewall TLS inspection has a CA',
  rationale: 'Without TLS inspection, IDPS and URL filtering see only encrypted payloads.',
  fix: 'Import an intermediate CA into the platform Key Vault and set hub.firewall.tlsInspection.certificateSecretId; an environment without a CA suppresses this rule with the reason and an expiry.',
  appliesTo: ['azurerm_firewall_policy'],
  // Azure Policy 711c24bb ("Azure Firewall Premium should configure a valid intermediate certificate") is deprecated
  // in the built-in set, so it is neither cited nor assigned.
  references: { custom: 'Microsoft Zero Trust guidance for Azure Firewall Premium: TLS inspection with an intermediate CA; no current built-in Azure Policy definition checks it' },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_firewall_policy'], (policy) => {
      const secret = ctx.value(policy, 'tls_certificate.key_vault_secret_id');
      if (!secret.known) return unknown(secret.reason);
      if (typeof secret.value === 'string' && secret.value.length > 0) return pass(`TLS inspection CA ${secret.value}`);
      return fail('no tls_certificate: TLS inspection is off, so IDPS sees only unencrypted traffic');
    }),
});
