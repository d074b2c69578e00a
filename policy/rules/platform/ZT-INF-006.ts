/** A production stack whose state holds secrets keeps that state remote (azurerm), never in a local file. */
import { defineRule, fail, pass, toResult } from '../../engine';
import { stacksWithSecretsInState } from '../../lib/state';

export default defineRule({
  id: 'ZT-INF-006',
  severity: 'high',
  pillar: 'infrastructure',
  title: 'Production state holding secrets is remote',
  rationale: 'State holds every secret a resource received (break-glass passwords); a local file is copied, backed up and lost with the laptop.',
  fix: 'Create the state storage (npm run bootstrap -- --env <env>) and set backend: { type: azurerm, ... } in the environment or tenant file.',
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
