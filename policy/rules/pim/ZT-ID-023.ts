/** PIM activations of Azure roles and privileged access group memberships last at most 4 hours. */
import { activationMinutes, MAXIMUM_ACTIVATION_MINUTES } from '../../../lib/pim';
import { defineRule, each, fail, pass, unknown } from '../../engine';

const TYPES = ['azurerm_role_management_policy', 'azuread_group_role_management_policy'];

export default defineRule({
  id: 'ZT-ID-023',
  severity: 'high',
  pillar: 'identity',
  title: 'PIM activations last at most 4 hours',
  rationale: 'An activated role is a standing role for as long as it lasts; a stolen session with 8 hours of Owner is a long breach window.',
  fix: 'Set activation_rules.maximum_duration to PT4H or less (privilegedAccess.azureRoles.maximumActivation, identity.pim.groupActivation.maximumDuration).',
  appliesTo: TYPES,
  references: { custom: 'Implementation guide, identity pillar: eligible assignments with a maximum 4-hour activation window; no public Terraform check reads the PIM policy' },
  evaluate: (ctx) =>
    each(ctx, TYPES, (policy) => {
      const duration = ctx.value(policy, 'activation_rules.maximum_duration');
      if (!duration.known) return unknown(duration.reason);
      if (typeof duration.value !== 'string') return fail('activation_rules.maximum_duration is not set: PIM keeps its default of 8 hours');
      const minutes = activationMinutes(duration.value);
      if (minutes === undefined) return fail(`activation_rules.maximum_duration '${duration.value}' is not an hours/minutes duration`);
      return minutes <= MAXIMUM_ACTIVATION_MINUTES ? pass(`activations last at most ${duration.value}`) : fail(`activations may last ${duration.value}, more than PT4H`);
    }),
});
