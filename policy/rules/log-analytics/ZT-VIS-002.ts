/** Log Analytics workspaces accept Entra ID authentication only (no shared workspace keys). */
import { defineCheck, each, expectAttribute, expectWith } from '../../engine';

export default defineCheck({
  id: 'ZT-VIS-002',
  appliesTo: ['azurerm_log_analytics_workspace'],
  references: { custom: 'Azure Monitor "disable local authentication" guidance; scanners read the deprecated local_authentication_disabled' },
  evaluate: (ctx) =>
    each(ctx, ['azurerm_log_analytics_workspace'], (workspace) =>
      workspace.attributes.local_authentication_enabled === undefined && workspace.attributes.local_authentication_disabled !== undefined
        ? expectWith(ctx, workspace, 'local_authentication_disabled', {}, (v) => v === true, 'true')
        : expectAttribute(ctx, workspace, 'local_authentication_enabled', false, { default: true }),
    ),
});
