/** Log Analytics workspaces accept Entra ID authentication only (no shared workspace keys). */
import { defineRule, each, expectAttribute, expectWith } from '../../engine';

export default defineRule({
  id: 'ZT-VIS-002',
  severity: 'medium',
  pillar: 'visibility',
  title: 'Log Analytics accepts Entra ID authentication only',
  rationale: 'Workspace shared keys allow anyone holding them to write or read logs without identity.',
  fix: 'Set local_authentication_enabled = false.',
  appliesTo: ['azurerm_log_analytics_workspace'],
  references: { custom: 'Azure Monitor "disable local authentication" guidance; scanners read the deprecated local_authentication_disabled' },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_log_analytics_workspace'], (workspace) =>
      workspace.attributes.local_authentication_enabled === undefined && workspace.attributes.local_authentication_disabled !== undefined
        ? expectWith(ctx, workspace, 'local_authentication_disabled', {}, (v) => v === true, 'true')
        : expectAttribute(ctx, workspace, 'local_authentication_enabled', false, { default: true }),
    ),
});
