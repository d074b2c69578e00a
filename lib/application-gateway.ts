/**
 * Azure's fixed rules for an Application Gateway v2 and its subnet, shared by config validation, the constructs and
 * the verifier's intent check. Source: Microsoft's "Application Gateway infrastructure configuration".
 */
import { Cidr } from './cidr';
import { PropertyProblem } from './property-problems';

/** Ports the gateway listens on from its clients: HTTPS, and HTTP only to redirect to it. */
export const APPLICATION_GATEWAY_LISTENER_PORTS = ['443', '80'] as const;

/** Ports Application Gateway v2's infrastructure (the GatewayManager service tag) must reach on its subnet. */
export const APPLICATION_GATEWAY_MANAGEMENT_PORTS = '65200-65535';

/**
 * Smallest subnet used for a gateway here: /26 holds the 10-instance autoscale maximum with room to spare (Azure
 * recommends /24 for v2's 125-instance maximum and reserves five addresses per subnet).
 */
export const APPLICATION_GATEWAY_MAXIMUM_PREFIX_LENGTH = 26;

/** The TLS policy of every listener: Microsoft's predefined policy with TLS 1.2 minimum and only strong ciphers. */
export const APPLICATION_GATEWAY_SSL_POLICY = { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101' } as const;

/** The web subnet that holds an Application Gateway v2 is large enough (ThreeTierSpoke and `spokes[].workload`). */
export function applicationGatewaySubnetProblem(web: Cidr): PropertyProblem | undefined {
  if (web.prefixLength <= APPLICATION_GATEWAY_MAXIMUM_PREFIX_LENGTH) return undefined;
  return {
    path: 'subnets.web',
    message: `${web.text} holds the Application Gateway v2 and is too small for it`,
    fix: `use a /${APPLICATION_GATEWAY_MAXIMUM_PREFIX_LENGTH} or larger (Azure recommends /24)`,
  };
}
