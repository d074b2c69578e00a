/** A production stack whose state holds secrets keeps that state remote (azurerm), never in a local file. */
import { defineCheck, fail, pass, toResult } from '../../engine';
import { stacksWithSecretsInState } from '../../lib/state';

export default defineCheck({
  id: 'ZT-INF-006',
  appliesTo: [],
  references: { custom: 'Terraform "Sensitive data in state": state holds every secret a resource received; keep it in encrypted, access-controlled remote storage' },
  evaluate: (ctx) =>
    stacksWithSecretsInState(ctx)
      .filter((s) => s.production)
      .map((s) =>
        toResult(
          s.subject,
          s.backend === 'local' ? fail(`production state holding ${s.secrets.join(', ')} is a local file`) : pass(`state holding ${s.secrets.join(', ')} is in the ${s.backend} backend`),
        ),
      ),
});
