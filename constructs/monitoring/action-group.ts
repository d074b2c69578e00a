import { Construct } from 'constructs';
import { MonitorActionGroup } from '../../providers/azurerm';
import { Token } from '../../providers/cdktf';
import { IResourceGroupRef, ResourceLock, Tags } from '../interfaces';
import { defineResourceLock } from '../resource-lock';

export interface ActionGroupProps {
  readonly resourceGroup: IResourceGroupRef;
  /** Action group name, e.g. `ag-secops-mgmt-prod-weu`. */
  readonly name: string;
  /** Shown in SMS and email subjects; at most 12 characters. */
  readonly shortName: string;
  /**
   * Email receivers.
   * @default - none
   */
  readonly emails?: readonly string[];
  /**
   * Webhook receiver URL (a paging service or Teams workflow). Pass a sensitive variable's value, never a literal:
   * the URL carries its own credential.
   * @default - no webhook receiver
   */
  readonly webhookUrl?: string;
  /**
   * @default - only the stack's required tags
   */
  readonly tags?: Tags;
  /**
   * A management lock on the action group.
   * @default - no lock
   */
  readonly lock?: ResourceLock;
}

/**
 * Who is told: an Azure Monitor action group (global) with email receivers and, optionally, one webhook receiver in
 * the common alert schema. Refuses a literal webhook URL, which would put the receiver's credential in code.
 *
 * @resource azurerm_monitor_action_group
 */
export class ActionGroup extends Construct {
  public readonly actionGroupId: string;

  constructor(scope: Construct, id: string, props: ActionGroupProps) {
    super(scope, id);
    const emails = [...new Set(props.emails ?? [])].sort();
    const problems: string[] = [];
    if (props.shortName.length < 1 || props.shortName.length > 12) problems.push(`shortName '${props.shortName}' must be 1-12 characters`);
    if (props.webhookUrl !== undefined && !Token.isUnresolved(props.webhookUrl)) {
      problems.push('webhookUrl is a literal; pass a sensitive Terraform variable (the URL is a credential)');
    }
    if (emails.length === 0 && props.webhookUrl === undefined) problems.push('has no receivers; give emails or a webhookUrl');
    if (problems.length > 0) throw new Error(`ActionGroup '${props.name}': ${problems.join('; ')}`);
    const group = new MonitorActionGroup(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroup.name,
      shortName: props.shortName,
      location: 'global',
      emailReceiver: emails.map((emailAddress, i) => ({ name: `email-${i + 1}`, emailAddress, useCommonAlertSchema: true })),
      webhookReceiver: props.webhookUrl === undefined ? undefined : [{ name: 'webhook', serviceUri: props.webhookUrl, useCommonAlertSchema: true }],
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.actionGroupId = group.id;
    defineResourceLock(this, group.id, props.name, props.lock);
  }
}
