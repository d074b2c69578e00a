/** Every role assignment states its principal type (reviewable, and no replication-delay failures for new identities). */
import { defineCheck, each, expectWith } from '../../engine';

export default defineCheck({
  id: 'ZT-ID-021',
  appliesTo: ['azurerm_role_assignment'],
  references: { custom: 'Landing zone convention: principal_type makes the grantee reviewable in code; no public check' },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_role_assignment'], (assignment) =>
      expectWith(ctx, assignment, 'principal_type', {}, (v) => typeof v === 'string' && ['User', 'Group', 'ServicePrincipal'].includes(v), '"User", "Group" or "ServicePrincipal"'),
    ),
});
