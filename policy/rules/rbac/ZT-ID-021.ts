/** Every role assignment states its principal type (reviewable, and no replication-delay failures for new identities). */
import { defineRule, each, expectWith } from '../../engine';

export default defineRule({
  id: 'ZT-ID-021',
  severity: 'medium',
  pillar: 'identity',
  title: 'Role assignments state their principal type',
  rationale: 'principal_type makes the grantee kind reviewable and avoids failures while a new identity replicates.',
  fix: 'Set principal_type (RoleAssignment does).',
  appliesTo: ['azurerm_role_assignment'],
  references: { custom: 'Landing zone convention: principal_type makes the grantee reviewable in code; no public check' },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_role_assignment'], (assignment) =>
      expectWith(ctx, assignment, 'principal_type', {}, (v) => typeof v === 'string' && ['User', 'Group', 'ServicePrincipal'].includes(v), '"User", "Group" or "ServicePrincipal"'),
    ),
});
