/**
 * The response playbooks as data: each Logic App's trigger and actions in the Workflow Definition Language, the APIs
 * they call and the application permissions those calls need. `constructs/security/playbook.ts` turns a definition
 * into Terraform; tests parse the synthesized bodies back and check they call what this table claims.
 *
 * Permissions (least privilege, checked against the Microsoft Graph and Defender for Endpoint API references):
 * - `User.RevokeSessions.All` (Graph): the least-privileged application permission for
 *   `POST /users/{id}/revokeSignInSessions` (User.ReadWrite.All would also let the playbook edit every user).
 * - `UserAuthenticationMethod.ReadWrite.All` (Graph): the only application permission that lists and deletes another
 *   user's authentication methods, which is how "require MFA re-registration" is done through the API.
 * - `Machine.Isolate` (WindowsDefenderATP): `POST /api/machines/{id}/isolate`, nothing else (no Machine.ReadWrite.All).
 */

/** Microsoft Graph, by its well-known application (client) ID. */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** Microsoft Defender for Endpoint's API application ("WindowsDefenderATP"). */
export const DEFENDER_FOR_ENDPOINT_APP_ID = 'fc780465-2017-40d4-a0c5-307022471b92';
/** Microsoft Sentinel's first-party service principal ("Azure Security Insights"), which runs playbooks. */
export const SENTINEL_AUTOMATION_APP_ID = '98785600-1bb7-4fb9-b9fa-19afe2c8a360';

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
export const DEFENDER_FOR_ENDPOINT_AUDIENCE = 'https://api.securitycenter.microsoft.com';

/** An application permission (app role) a playbook's managed identity is granted. */
export interface ApiPermission {
  /** Client ID of the API's service principal. */
  readonly resourceAppId: string;
  /** The app role's value, e.g. `User.RevokeSessions.All`. */
  readonly appRole: string;
  /** Why the playbook needs exactly this permission. */
  readonly reason: string;
}

/** Incident label the automation rules add to incidents whose people must be told (the paging alert reads it). */
export const NOTIFY_LABEL = 'notify-soc';
/** Incident label of incidents that page the on-call engineer. */
export const PAGE_LABEL = 'page-on-call';

/**
 * Alert product names Sentinel records on incidents (the `AlertProductNames` automation condition). Both the name
 * `SecurityAlert.ProductName` has carried for years and the rebranded one, because incidents synced from Defender XDR
 * use the newer names; the condition matches any of them.
 */
export const ALERT_PRODUCTS = {
  entraIdProtection: ['Azure Active Directory Identity Protection', 'Microsoft Entra ID Protection'],
  defenderForEndpoint: ['Microsoft Defender Advanced Threat Protection', 'Microsoft Defender for Endpoint'],
} as const;

/** A Workflow Definition Language action or trigger (the JSON Azure stores). */
export type WorkflowElement = Record<string, unknown>;

export interface PlaybookDefinition {
  /** Stable key: construct ID and name suffix. */
  readonly key: 'risky-sign-in' | 'device-isolation';
  readonly displayName: string;
  readonly description: string;
  /** The incidents it runs on: high severity, with an alert from this product (any of its names). */
  readonly alertProducts: readonly string[];
  readonly trigger: { readonly name: string; readonly body: WorkflowElement };
  /** Top-level actions in definition order (nested ones live inside their `Foreach`). */
  readonly actions: readonly { readonly name: string; readonly body: WorkflowElement }[];
  readonly permissions: readonly ApiPermission[];
  /** Every HTTP call the workflow makes: method and URI template (for reviewers and tests). */
  readonly calls: readonly { readonly method: 'GET' | 'POST' | 'DELETE'; readonly uri: string; readonly audience: string }[];
}

/** The Sentinel connection of the workflow's `$connections` parameter. */
export const SENTINEL_CONNECTION_KEY = 'azuresentinel';
const SENTINEL_CONNECTION = `@parameters('$connections')['${SENTINEL_CONNECTION_KEY}']['connectionId']`;
const INCIDENT_ARM_ID = "@triggerBody()?['object']?['id']";
const RELATED_ENTITIES = "@triggerBody()?['object']?['properties']?['relatedEntities']";

/** The Microsoft Sentinel incident trigger: Sentinel calls the workflow back when an automation rule runs it. */
const SENTINEL_INCIDENT_TRIGGER = {
  name: 'Microsoft_Sentinel_incident',
  body: {
    type: 'ApiConnectionWebhook',
    inputs: {
      host: { connection: { name: SENTINEL_CONNECTION } },
      body: { callback_url: '@{listCallbackUrl()}' },
      path: '/incident-creation',
    },
  },
} as const;

function managedIdentity(audience: string): WorkflowElement {
  return { type: 'ManagedServiceIdentity', audience };
}

function http(method: string, uri: string, audience: string, runAfter: Record<string, string[]>, body?: WorkflowElement): WorkflowElement {
  return { type: 'Http', inputs: { method, uri, ...(body ? { body } : {}), authentication: managedIdentity(audience) }, runAfter };
}

function incidentComment(message: string, runAfter: Record<string, string[]>): WorkflowElement {
  return {
    type: 'ApiConnection',
    inputs: { host: { connection: { name: SENTINEL_CONNECTION } }, method: 'post', path: '/Incidents/Comment', body: { incidentArmId: INCIDENT_ARM_ID, message } },
    runAfter,
  };
}

function entitiesOfKind(kind: string, requiredProperty: string): WorkflowElement {
  return {
    type: 'Query',
    inputs: { from: RELATED_ENTITIES, where: `@and(equals(item()?['kind'], '${kind}'), not(empty(item()?['properties']?${requiredProperty})))` },
    runAfter: {},
  };
}

const DONE = ['Succeeded', 'Failed', 'Skipped', 'TimedOut'];

/** Authentication method collections "require re-registration" clears (the password is not a method one deletes). */
const REREGISTERED_METHODS = ['microsoftAuthenticatorMethods', 'phoneMethods', 'softwareOathMethods'] as const;

function riskySignIn(): PlaybookDefinition {
  const user = "@{encodeUriComponent(items('For_each_account')?['properties']?['aadUserId'])}";
  const userUri = `${GRAPH_AUDIENCE}/v1.0/users/${user}`;
  const nested: Record<string, WorkflowElement> = {
    Revoke_sign_in_sessions: http('POST', `${userUri}/revokeSignInSessions`, GRAPH_AUDIENCE, {}),
  };
  let previous = 'Revoke_sign_in_sessions';
  for (const collection of REREGISTERED_METHODS) {
    const pascal = collection.charAt(0).toUpperCase() + collection.slice(1);
    const list = `List_${pascal}`;
    const remove = `Delete_${pascal}`;
    nested[list] = http('GET', `${userUri}/authentication/${collection}`, GRAPH_AUDIENCE, { [previous]: DONE });
    nested[remove] = {
      type: 'Foreach',
      foreach: `@body('${list}')?['value']`,
      actions: { [`Delete_${collection}_method`]: http('DELETE', `${userUri}/authentication/${collection}/@{items('${remove}')?['id']}`, GRAPH_AUDIENCE, {}) },
      runAfter: { [list]: ['Succeeded'] },
    };
    previous = remove;
  }
  return {
    key: 'risky-sign-in',
    displayName: 'Risky sign-in auto-response',
    description: 'High-severity Entra ID Protection incident: revoke the user\'s refresh tokens, clear their MFA methods so they must re-register, record it on the incident; the SOC is notified through the action group.',
    alertProducts: ALERT_PRODUCTS.entraIdProtection,
    trigger: SENTINEL_INCIDENT_TRIGGER,
    actions: [
      { name: 'Accounts', body: entitiesOfKind('Account', "['aadUserId']") },
      { name: 'For_each_account', body: { type: 'Foreach', foreach: "@body('Accounts')", actions: nested, runAfter: { Accounts: ['Succeeded'] } } },
      {
        name: 'Comment_on_incident',
        body: incidentComment(
          "Risky sign-in playbook: revoked sign-in sessions and cleared Authenticator, phone and OATH methods (MFA re-registration required) of @{length(body('Accounts'))} account(s). Failed steps are in the Logic App run history.",
          { For_each_account: DONE },
        ),
      },
    ],
    permissions: [
      { resourceAppId: MICROSOFT_GRAPH_APP_ID, appRole: 'User.RevokeSessions.All', reason: 'revokeSignInSessions: least-privileged application permission (not User.ReadWrite.All)' },
      {
        resourceAppId: MICROSOFT_GRAPH_APP_ID,
        appRole: 'UserAuthenticationMethod.ReadWrite.All',
        reason: 'list and delete the user\'s Authenticator, phone and software OATH methods so the next sign-in must register MFA again',
      },
    ],
    calls: [
      { method: 'POST', uri: `${GRAPH_AUDIENCE}/v1.0/users/{id}/revokeSignInSessions`, audience: GRAPH_AUDIENCE },
      ...REREGISTERED_METHODS.flatMap((c) => [
        { method: 'GET' as const, uri: `${GRAPH_AUDIENCE}/v1.0/users/{id}/authentication/${c}`, audience: GRAPH_AUDIENCE },
        { method: 'DELETE' as const, uri: `${GRAPH_AUDIENCE}/v1.0/users/{id}/authentication/${c}/{methodId}`, audience: GRAPH_AUDIENCE },
      ]),
    ],
  };
}

function deviceIsolation(): PlaybookDefinition {
  const machine = "@{encodeUriComponent(items('For_each_device')?['properties']?['additionalData']?['MdatpDeviceId'])}";
  return {
    key: 'device-isolation',
    displayName: 'Device at risk: isolate',
    description: 'High-severity Defender for Endpoint incident: fully isolate each device in it through the Defender for Endpoint API, record it on the incident (the ticket); the SOC is notified through the action group.',
    alertProducts: ALERT_PRODUCTS.defenderForEndpoint,
    trigger: SENTINEL_INCIDENT_TRIGGER,
    actions: [
      { name: 'Devices', body: entitiesOfKind('Host', "['additionalData']?['MdatpDeviceId']") },
      {
        name: 'For_each_device',
        body: {
          type: 'Foreach',
          foreach: "@body('Devices')",
          actions: {
            Isolate_device: http('POST', `${DEFENDER_FOR_ENDPOINT_AUDIENCE}/api/machines/${machine}/isolate`, DEFENDER_FOR_ENDPOINT_AUDIENCE, {}, {
              Comment: "Isolated by the Sentinel playbook for incident @{triggerBody()?['object']?['properties']?['incidentNumber']}",
              IsolationType: 'Full',
            }),
          },
          runAfter: { Devices: ['Succeeded'] },
        },
      },
      {
        name: 'Comment_on_incident',
        body: incidentComment(
          "Device isolation playbook: requested full isolation of @{length(body('Devices'))} device(s) in Defender for Endpoint (failed steps are in the Logic App run history). Release isolation in the Defender portal after investigation.",
          { For_each_device: DONE },
        ),
      },
    ],
    permissions: [{ resourceAppId: DEFENDER_FOR_ENDPOINT_APP_ID, appRole: 'Machine.Isolate', reason: 'POST /api/machines/{id}/isolate, and nothing else on the devices' }],
    calls: [{ method: 'POST', uri: `${DEFENDER_FOR_ENDPOINT_AUDIENCE}/api/machines/{id}/isolate`, audience: DEFENDER_FOR_ENDPOINT_AUDIENCE }],
  };
}

/** Both playbooks, in a stable order. */
export function playbookDefinitions(): PlaybookDefinition[] {
  return [riskySignIn(), deviceIsolation()];
}
