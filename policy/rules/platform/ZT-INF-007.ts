/** Outside production, state holding secrets in a local file is worth a warning: it is one copy away from a leak. */
import { defineCheck, fail, pass, toResult } from '../../engine';
import { stacksWithSecretsInState } from '../../lib/state';

export default defineCheck({
  id: 'ZT-INF-007',
  appliesTo: [],
  references: { custom: 'Terraform "Sensitive data in state"; ZT-INF-006 fails the same choice in production' },
  evaluate: (ctx) =>
    stacksWithSecretsInState(ctx)
      .filter((s) => !s.production)
      .map((s) => toResult(s.subject, s.backend === 'local' ? fail(`state holding ${s.secrets.join(', ')} is a local file on this machine`) : pass(`state is in the ${s.backend} backend`))),
});
