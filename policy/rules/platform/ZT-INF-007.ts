/** Outside production, state holding secrets in a local file is worth a warning: it is one copy away from a leak. */
import { defineRule, fail, pass, toResult } from '../../engine';
import { stacksWithSecretsInState } from '../../lib/state';

export default defineRule({
  id: 'ZT-INF-007',
  severity: 'low',
  pillar: 'infrastructure',
  title: 'State holding secrets is remote outside production too',
  rationale: 'A local state file with secrets is one copy away from a leak, even in dev.',
  fix: 'Use the azurerm backend (npm run bootstrap) for stacks with secrets, or keep the file out of backups and shares.',
  appliesTo: [],
  references: { custom: 'Terraform "Sensitive data in state"; ZT-INF-006 fails the same choice in production' },
  evaluate: (ctx) =>
    stacksWithSecretsInState(ctx)
      .filter((s) => !s.production)
      .map((s) => toResult(s.subject, s.backend === 'local' ? fail(`state holding ${s.secrets.join(', ')} is a local file on this machine`) : pass(`state is in the ${s.backend} backend`))),
});
