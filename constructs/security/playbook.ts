import { Construct } from 'constructs';
import { ApiPermission, PlaybookDefinition, SENTINEL_CONNECTION_KEY } from '../../lib/playbooks';
import { AzureadAppRoleAssignment, DataAzureadServicePrincipal } from '../../providers/azuread';
import {
  AzurermRoleAssignment,
  LogicAppActionCustom,
  LogicAppTriggerCustom,
  LogicAppWorkflow,
  ResourceGroupTemplateDeployment,
} from '../../providers/azurerm';
import { Fn, ITerraformDependable, TerraformProvider } from '../../providers/cdktf';
import { DiagnosticsInput, IResourceGroupRef, Tags } from '../interfaces';
import { sendDiagnostics } from '../diagnostic-settings';

/** A resource group that also knows its ID (playbooks and their connection are addressed by ID). */
export interface IPlaybookResourceGroup extends IResourceGroupRef {
  readonly id: string;
}

export interface SentinelConnectionProps {
  readonly resourceGroup: IPlaybookResourceGroup;
  /** Connection name, e.g. `con-sentinel-mgmt-prod-weu`. */
  readonly name: string;
  readonly subscriptionId: string;
  /**
   * @default - the resource group's location
   */
  readonly location?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
}

/**
 * The Microsoft Sentinel managed API connection, authenticated with the calling workflow's managed identity (no
 * user, no secret). azurerm 4.55's `azurerm_api_connection` cannot set `parameterValueType: Alternative`, which
 * managed-identity connections need (terraform-provider-azurerm PR #18393 was closed unmerged), so the connection
 * is an ARM template deployment of `Microsoft.Web/connections` with exactly that property. One connection serves
 * every playbook of the resource group: each workflow authenticates with its own identity.
 *
 * @resource azurerm_resource_group_template_deployment (Microsoft.Web/connections)
 */
export class SentinelConnection extends Construct {
  public readonly connectionId: string;
  public readonly connectionName: string;
  /** The managed API (`.../managedApis/azuresentinel`). */
  public readonly managedApiId: string;
  /** Workflows depend on it: the connection must exist before the trigger subscribes. */
  public readonly deployment: ITerraformDependable;

  constructor(scope: Construct, id: string, props: SentinelConnectionProps) {
    super(scope, id);
    const location = props.location ?? props.resourceGroup.location;
    this.connectionName = props.name;
    this.managedApiId = `/subscriptions/${props.subscriptionId}/providers/Microsoft.Web/locations/${location}/managedApis/${SENTINEL_CONNECTION_KEY}`;
    this.deployment = new ResourceGroupTemplateDeployment(this, 'Resource', {
      name: `${props.name}-deployment`,
      resourceGroupName: props.resourceGroup.name,
      deploymentMode: 'Incremental',
      templateContent: JSON.stringify(sentinelConnectionTemplate()),
      parametersContent: JSON.stringify({ connectionName: { value: props.name }, location: { value: location } }),
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.connectionId = `${props.resourceGroup.id}/providers/Microsoft.Web/connections/${props.name}`;
  }
}

/** The ARM template of a managed-identity Sentinel connection (exported for tests). */
export function sentinelConnectionTemplate(): Record<string, unknown> {
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { connectionName: { type: 'string' }, location: { type: 'string' } },
    resources: [
      {
        type: 'Microsoft.Web/connections',
        apiVersion: '2016-06-01',
        name: "[parameters('connectionName')]",
        location: "[parameters('location')]",
        kind: 'V1',
        properties: {
          displayName: "[parameters('connectionName')]",
          customParameterValues: {},
          // Managed identity instead of a signed-in user's OAuth token.
          parameterValueType: 'Alternative',
          api: { id: `[subscriptionResourceId('Microsoft.Web/locations/managedApis', parameters('location'), '${SENTINEL_CONNECTION_KEY}')]` },
        },
      },
    ],
    outputs: { connectionId: { type: 'string', value: "[resourceId('Microsoft.Web/connections', parameters('connectionName'))]" } },
  };
}

export interface PlaybookProps extends DiagnosticsInput {
  readonly resourceGroup: IPlaybookResourceGroup;
  /** Workflow name, e.g. `logic-risky-sign-in-mgmt-prod-weu`. */
  readonly name: string;
  readonly definition: PlaybookDefinition;
  readonly sentinelConnection: SentinelConnection;
  /** The onboarded Sentinel workspace: the identity comments on its incidents (Microsoft Sentinel Responder). */
  readonly sentinelWorkspaceId: string;
  /**
   * azuread provider for the app role assignments.
   * @default - the stack's default azuread provider
   */
  readonly azureadProvider?: TerraformProvider;
  /**
   * @default - the resource group's location
   */
  readonly location?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
}

/**
 * A Sentinel response playbook: a Consumption Logic App with a system-assigned identity, the Sentinel incident trigger
 * and the definition's actions (each a custom action resource, created in order so `runAfter` always names an
 * existing action), the identity's application permissions (azuread app role assignments, one per permission of the
 * definition) and Microsoft Sentinel Responder on the workspace to comment on incidents.
 *
 * @resource azurerm_logic_app_workflow, azurerm_logic_app_trigger_custom, azurerm_logic_app_action_custom,
 *   azuread_app_role_assignment, azurerm_role_assignment
 */
export class Playbook extends Construct {
  public readonly logicAppId: string;
  public readonly principalId: string;
  public readonly definition: PlaybookDefinition;
  public readonly workflow: LogicAppWorkflow;

  constructor(scope: Construct, id: string, props: PlaybookProps) {
    super(scope, id);
    const { definition, sentinelConnection: connection } = props;
    this.definition = definition;
    const workflow = (this.workflow = new LogicAppWorkflow(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      location: props.location ?? props.resourceGroup.location,
      identity: { type: 'SystemAssigned' },
      workflowParameters: { $connections: JSON.stringify({ type: 'Object', defaultValue: {} }) },
      parameters: {
        $connections: Fn.jsonencode({
          [SENTINEL_CONNECTION_KEY]: {
            connectionId: connection.connectionId,
            connectionName: connection.connectionName,
            id: connection.managedApiId,
            connectionProperties: { authentication: { type: 'ManagedServiceIdentity' } },
          },
        }),
      },
      tags: props.tags ? { ...props.tags } : undefined,
      dependsOn: [connection.deployment],
    }));
    this.logicAppId = workflow.id;
    this.principalId = workflow.identity.principalId;

    new LogicAppTriggerCustom(this, 'Trigger', { name: definition.trigger.name, logicAppId: workflow.id, body: JSON.stringify(definition.trigger.body) });
    let previous: ITerraformDependable | undefined;
    for (const action of definition.actions) {
      previous = new LogicAppActionCustom(this, `Action-${action.name}`, {
        name: action.name,
        logicAppId: workflow.id,
        body: JSON.stringify(action.body),
        dependsOn: previous ? [previous] : undefined,
      });
    }

    const apis = new Map<string, DataAzureadServicePrincipal>();
    for (const permission of definition.permissions) {
      const api = apis.get(permission.resourceAppId) ?? servicePrincipalOf(this, permission, props.azureadProvider);
      apis.set(permission.resourceAppId, api);
      new AzureadAppRoleAssignment(this, `AppRole-${permission.appRole}`, {
        provider: props.azureadProvider,
        principalObjectId: this.principalId,
        resourceObjectId: api.objectId,
        appRoleId: api.appRoleIds.lookup(permission.appRole),
      });
    }
    new AzurermRoleAssignment(this, 'SentinelResponder', {
      scope: props.sentinelWorkspaceId,
      roleDefinitionName: 'Microsoft Sentinel Responder',
      principalId: this.principalId,
      principalType: 'ServicePrincipal',
      description: `Playbook ${props.name} comments on the incidents it handles`,
    });
    sendDiagnostics(this, props.diagnostics);
  }
}

function servicePrincipalOf(scope: Construct, permission: ApiPermission, provider?: TerraformProvider): DataAzureadServicePrincipal {
  return new DataAzureadServicePrincipal(scope, `Api-${permission.resourceAppId}`, { provider, clientId: permission.resourceAppId });
}
