/** Premium firewall policies have a TLS inspection CA configured. */
import { defineCheck, each, fail, pass, unknown } from '../../engine';

export default defineCheck({
  id: 'ZT-NET-026',
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
