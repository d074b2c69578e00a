import { Construct } from 'constructs';
import { NOTIFY_LABEL, PlaybookDefinition, SENTINEL_AUTOMATION_APP_ID } from '../../lib/playbooks';
import { DataAzureadServicePrincipal } from '../../providers/azuread';
import { AzurermRoleAssignment, SentinelAutomationRule } from '../../providers/azurerm';
import { TerraformProvider } from '../../providers/cdktf';
import { DiagnosticsInput, Tags } from '../interfaces';
import { sendDiagnostics } from '../diagnostic-settings';
import { IPlaybookResourceGroup, Playbook, SentinelConnection } from './playbook';
import { Sentinel } from './sentinel';

export interface ResponsePlaybooksProps extends DiagnosticsInput {
  /** The resource group the playbooks and their connection live in (Sentinel gets its automation role here). */
  readonly resourceGroup: IPlaybookResourceGroup;
  readonly sentinel: Sentinel;
  readonly subscriptionId: string;
  readonly definitions: readonly PlaybookDefinition[];
  /** Name of each playbook's workflow from its key, e.g. `logic-risky-sign-in-mgmt-prod-weu`. */
  readonly workflowName: (key: string) => string;
  /** Name of the Sentinel connection. */
  readonly connectionName: string;
  /** First automation rule order; each playbook takes the next. */
  readonly firstOrder: number;
  /**
   * azuread provider for the identity's app role assignments and the Sentinel service principal lookup.
   * @default - the stack's default azuread provider
   */
  readonly azureadProvider?: TerraformProvider;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
}

/**
 * The response half of Sentinel: one managed-identity Sentinel connection, a playbook per definition, an automation
 * rule per playbook that labels its incidents `notify-soc` (the paging alert tells the SOC) and runs it on
 * high-severity incidents of its alert product, and Microsoft Sentinel Automation Contributor for Sentinel's own
 * service principal on the resource group, without which automation rules cannot run playbooks.
 *
 * @resource azurerm_sentinel_automation_rule, azurerm_role_assignment (+ Playbook, SentinelConnection)
 */
export class ResponsePlaybooks extends Construct {
  public readonly playbooks: readonly Playbook[];
  public readonly automationRules: readonly SentinelAutomationRule[];

  constructor(scope: Construct, id: string, props: ResponsePlaybooksProps) {
    super(scope, id);
    if (props.definitions.length === 0) throw new Error(`ResponsePlaybooks '${id}': no playbook definitions; leave the construct out instead`);
    const connection = new SentinelConnection(this, 'SentinelConnection', {
      resourceGroup: props.resourceGroup,
      name: props.connectionName,
      subscriptionId: props.subscriptionId,
      tags: props.tags,
    });
    const sentinelPrincipal = new DataAzureadServicePrincipal(this, 'SentinelServicePrincipal', { provider: props.azureadProvider, clientId: SENTINEL_AUTOMATION_APP_ID });
    new AzurermRoleAssignment(this, 'SentinelAutomationContributor', {
      scope: props.resourceGroup.id,
      roleDefinitionName: 'Microsoft Sentinel Automation Contributor',
      principalId: sentinelPrincipal.objectId,
      principalType: 'ServicePrincipal',
      description: 'Microsoft Sentinel runs the response playbooks of this resource group from automation rules',
    });

    this.playbooks = props.definitions.map(
      (definition) =>
        new Playbook(this, definition.key, {
          resourceGroup: props.resourceGroup,
          name: props.workflowName(definition.key),
          definition,
          sentinelConnection: connection,
          sentinelWorkspaceId: props.sentinel.workspaceId,
          azureadProvider: props.azureadProvider,
          tags: props.tags,
        }),
    );
    this.automationRules = this.playbooks.map((playbook, i) =>
      props.sentinel.addPlaybookAutomation(`Playbook-${playbook.definition.key}`, {
        displayName: `Run playbook: ${playbook.definition.displayName}`,
        logicAppId: playbook.logicAppId,
        alertProducts: playbook.definition.alertProducts,
        severities: ['High'],
        labels: [NOTIFY_LABEL, `playbook:${playbook.definition.key}`],
        order: props.firstOrder + i,
      }),
    );
    sendDiagnostics(this, props.diagnostics);
  }
}
