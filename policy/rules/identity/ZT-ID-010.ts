/** User passwords are never literals in code: they come from a sensitive variable (break-glass accounts included). */
import { defineRule, each, fail, pass, skip } from '../../engine';

export default defineRule({
  id: 'ZT-ID-010',
  severity: 'critical',
  pillar: 'identity',
  title: 'No literal passwords in code',
  rationale: 'A password in synthesized JSON is in git history and plans forever.',
  fix: 'Take the password from a sensitive TerraformVariable (as BreakGlass does).',
  appliesTo: ['azuread_user'],
  references: { custom: 'Secrets in IaC (CWE-798); Checkov CKV_SECRET_* scans free text, this checks the attribute' },
  evaluate: (ctx) =>
    each(ctx, ['azuread_user'], (user) => {
      const password = user.attributes.password;
      if (password === undefined || password === null) return skip('no password managed');
      const name = typeof password === 'string' ? /^\$\{var\.([A-Za-z0-9_-]+)\}$/.exec(password)?.[1] : undefined;
      if (name === undefined) return fail('password is not a plain variable reference');
      const variable = (ctx.stack(user.address.stack).variable as Record<string, { sensitive?: boolean } | undefined> | undefined)?.[name];
      return variable?.sensitive === true ? pass(`from sensitive variable ${name}`) : fail(`variable ${name} is not marked sensitive`);
    }),
});
