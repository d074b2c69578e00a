/** Device code flow is blocked (a common phishing path). */
import { defineRule } from '../../engine';
import { blocks, judgeTenant, list, targetsEveryone } from '../../lib/entra';

export default defineRule({
  id: 'ZT-ID-009',
  severity: 'low',
  pillar: 'identity',
  title: 'Device code flow is blocked',
  rationale: 'Device code phishing hands a signed-in session to the attacker.',
  fix: 'Enable the block-device-code-flow policy (CA002).',
  appliesTo: ['azuread_conditional_access_policy'],
  references: { custom: 'Microsoft Conditional Access template "Block device code flow"; not in SCuBA' },
  evaluate: (ctx) =>
    judgeTenant(
      ctx,
      (policy) => targetsEveryone(policy) && blocks(policy) && list(policy, 'conditions.authentication_flow_transfer_methods').includes('deviceCodeFlow'),
      'device code flow blocked',
      'no enforced policy blocks the device code flow for all users',
    ),
});
