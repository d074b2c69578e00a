/** Public IPs are Standard SKU with static allocation (Basic has no zone redundancy or DDoS protection and is retired). */
import { defineRule, each, expectAttribute, fail } from '../../engine';

export default defineRule({
  id: 'ZT-NET-016',
  severity: 'low',
  pillar: 'networks',
  title: 'Public IPs are Standard and static',
  rationale: 'Basic public IPs are retired and lack zone redundancy and DDoS Network Protection.',
  fix: 'Use sku = "Standard" and allocation_method = "Static".',
  appliesTo: ['azurerm_public_ip'],
  references: { custom: 'Azure retired Basic public IPs (2025-09-30); no scanner checks the SKU' },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_public_ip'], (ip) => {
      const sku = expectAttribute(ctx, ip, 'sku', 'Standard', { default: 'Standard' });
      if (!('ok' in sku) || !sku.ok) return sku;
      const allocation = expectAttribute(ctx, ip, 'allocation_method', 'Static');
      return 'ok' in allocation && !allocation.ok ? fail(allocation.reason) : allocation;
    }),
});
